static int lod_fill_pools(struct lod_device *lod, int count)
{
	struct pool_desc *pool;
	int i;

	pool = kzalloc(sizeof(*pool), GFP_NOFS);
	for (i = 0; i < count; i++) {
		if (lod->lod_pools[i] == NULL)
			continue;
		pool_add(pool, lod->lod_pools[i]);
	}
	kfree(pool);
	return 0;
}
