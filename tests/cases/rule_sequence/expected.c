static int lov_pool_new(struct lov_pool_desc **out)
{
	struct lov_pool_desc *pool;

	pool = kzalloc(sizeof(*pool), GFP_NOFS);
	if (!pool)
		return -ENOMEM;
	*out = pool;
	return 0;
}
