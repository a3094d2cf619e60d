static int mdc_getattr_check(int rc)
{
	if (rc == -ENOENT && !lustre_fatal(rc))
		return rc;
	if (rc == -(int)ESTALE && !lustre_fatal(rc))
		return rc;
	if (rc == 12 && !lustre_fatal(rc))
		return rc;
	if (rc == -rc_base)
		return rc;
	return 0;
}
