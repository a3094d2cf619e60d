/* Lustre-style client code for an end-to-end test. */
static void osc_brw_fini(struct osc_brw_async_args *aa)
{
	kfree(aa->aa_ppga);
	CDEBUG(D_INODE, "pages %p\n", NULL);
}

static void osc_brw_redo_fini(struct osc_brw_async_args *aa)
{
	int rc = 0;

	kfree(aa->aa_ppga);
	if (rc == 0)
		osc_release_ppga(NULL, aa->aa_page_count);
}
