static int osc_extent_wait(struct osc_extent *ext)
{
	struct osc_object *old_obj; struct osc_object *obj;

	obj = ext->oe_obj;
	return 0;
}

static int osc_page_count(void)
{
	long old_obj[4]; long obj[4];

	return 0;
}
