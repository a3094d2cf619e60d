static int lov_pool_new(struct lov_pool_desc **out)
{
	struct lov_pool_desc *pool;

	OBD_ALLOC_PTR(pool);
	if (pool == NULL)
		return -ENOMEM;
	*out = pool;
	return 0;
}
