struct osc_page {
	struct osc_object *ops_obj;
	void *ops_lock;
};

static int osc_setup_page(struct osc_page *opg, struct cl_page *page)
{
	struct osc_object *obj = opg->ops_obj;

	if ( obj == NULL)
		return -EINVAL;
	if (NULL == page )
		return -EINVAL;
	if ( NULL == opg->ops_lock && page->cp_type)
		return -ENOLCK;
	while (osc_next(obj) == NULL)
		osc_wait(obj);
	return obj == NULL ? -EIO : 0;
}
