static int slot_pool_busy(struct pool *pl, int i)
{
	if (ref_read(pl->slots) > 1)
		return 1;
	return ref_read(pl->head) + ref_read(pl->slots);
}
