static int lod_fill_pools(struct lod_device *lod, int count)
{
	struct pool_desc *pool;
	int i;

	OBD_ALLOC_PTR(pool);
	for (i = 0; i < count; i++) {
		if (lod->lod_pools[i] == NULL)
			continue;
		pool_add(pool, lod->lod_pools[i]);
	}
	OBD_FREE_PTR(pool);
	return 0;
}
