static long ll_timeout(struct ll_sb_info *sbi, int base)
{
	long t = cfs_time_seconds(base);

	t += cfs_time_seconds(sbi->ll_extra);
	return t;
}
