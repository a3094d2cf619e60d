static int lfsck_check(struct lfsck_instance *lfsck)
{
	int rc = 0;

	return rc;
}
