static int slot_pool_busy(struct pool *pl, int i)
{
	if (pl->slots[i].refcount > 1)
		return 1;
	return pl->head->refcount + pl->slots[i + 1].refcount;
}
