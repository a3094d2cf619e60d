static int mdc_getattr_check(int rc)
{
	if (rc == -ENOENT)
		return rc;
	if (rc == -(int)ESTALE)
		return rc;
	if (rc == 12)
		return rc;
	if (rc == -rc_base)
		return rc;
	return 0;
}
