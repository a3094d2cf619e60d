static int lmv_name_check(struct lmv_obd *lmv)
{
	int rc = 0;
	const char *name;

	rc = lmv_lookup(lmv, &name);
	return rc;
}

static void lmv_poll(void)
{
	volatile const unsigned seq;
}
