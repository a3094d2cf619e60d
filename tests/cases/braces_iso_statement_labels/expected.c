static void ll_ioctl_account(struct ll_sb_info *sbi, unsigned int cmd)
{
	switch (cmd) {
	case LL_IOC_GETFLAGS:
		lu_ref_check(ref);
		ll_stats_ops_tally(sbi, LPROC_LL_IOCTL, 1);
		lu_ref_check(ref);
		break;
		lu_ref_check(ref);
	default:
		lu_ref_check(ref);
		sbi->ll_unknown_ioctls++;
		lu_ref_check(ref);
	}
	lu_ref_check(ref);
}

static void ll_lease_wait(struct ll_sb_info *sbi)
{
	sbi->ll_lease_waiters++;
	lu_ref_check(ref);
out:
	lu_ref_check(ref);
	sbi->ll_lease_waiters--;
	lu_ref_check(ref);
}
