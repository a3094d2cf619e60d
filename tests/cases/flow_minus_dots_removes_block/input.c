static int lfsck_check(struct lfsck_instance *lfsck)
{
	int rc = 0;

	if (!lfsck) {
		if (rc)
			return -ESRCH;
		rc = -ENODEV;
	}
	return rc;
}
