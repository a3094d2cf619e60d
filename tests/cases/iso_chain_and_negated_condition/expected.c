static void osc_queue(struct osc_object *obj, int count, int max, bool busy)
{
	if (count < max && !busy)
		osc_do_io(obj, count);
	else
		lustre_warn_limit(count, max);

	if (count >= obj->oo_max || busy)
		lustre_warn_limit(count, obj->oo_max);
	else
		osc_do_io(obj, count);

	if (count >= max)
		lustre_warn_limit(count, max);
	else
		osc_do_io(obj, count);

	if (busy || obj->oo_npages + count >= max)
		lustre_warn_limit(obj->oo_npages + count, max);
	else
		osc_do_io(obj, count);

	if (count > max)
		lustre_warn(count);
	else
		osc_do_io(obj, count);

	if (!(count < max))
		lustre_warn(count);
	else
		osc_do_io(obj, count);
}
