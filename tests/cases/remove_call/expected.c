/* Lustre-style client code for an end-to-end test. */
static int osc_page_touch(struct osc_page *opg, int flags)
{
	int rc = 0;

	if (opg->ops_busy) {
		/* still under I/O */
		rc = -EBUSY;
	}
	return rc;
}
