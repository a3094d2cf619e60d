static int osc_lock_enqueue(struct osc_object *obj)
{
	int rc;

	rc = mutex_lock(&obj->oo_lock);
	return rc;
}
