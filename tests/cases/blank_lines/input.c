int osc_extent_check(struct osc_extent *ext)
{
	int unused = 0;

	osc_extent_lock(ext);

	return 0;
}

int osc_other(struct osc_extent *ext)
{
	struct osc_object *obj = ext->oe_obj;
	int also_unused = 0;

	return obj != NULL;
}
