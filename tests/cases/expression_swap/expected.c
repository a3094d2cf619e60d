static long ll_timeout(struct ll_sb_info *sbi, int base)
{
	long t = base * HZ;

	t += sbi->ll_extra * HZ;
	return t;
}
