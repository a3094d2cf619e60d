static int osc_item_check(struct osc_item *item)
{
	item->oi_index = 0;
	osc_item_print(item->oi_name);
	if (item == NULL)
		return -EINVAL;
	return 0;
}

static int osc_item_refill(struct osc_item *item, struct osc_pool *pool)
{
	item->oi_index = 0;
	item = osc_pool_next(pool);
	if (item == NULL)
		return -ENOMEM;
	return 0;
}
