/* Lustre-style client code for an end-to-end test. */
static int osc_page_touch(struct osc_page *opg, int flags)
{
	int rc = 0;

	CDEBUG_LIMIT_OLD(flags);
	if (opg->ops_busy) {
		/* still under I/O */
		CDEBUG_LIMIT_OLD(opg->ops_busy);
		rc = -EBUSY;
	}
	return rc;
}
