static int ll_init(struct ll_sb_info *sbi)
{
	int rc;

	rc = ll_setup(sbi, LL_FLAG_DEFAULT);
	if (rc)
		return rc;
	return ll_setup(sbi->ll_next, LL_FLAG_DEFAULT);
}
