static int ll_init(struct ll_sb_info *sbi)
{
	int rc;

	rc = ll_setup(sbi, 0, LL_FLAG_DEFAULT);
	if (rc)
		return rc;
	return ll_setup(sbi->ll_next,
			1,
			LL_FLAG_DEFAULT);
}
