static void ll_ioctl_account(struct ll_sb_info *sbi, unsigned int cmd)
{
	switch (cmd) {
	case LL_IOC_GETFLAGS:
		ll_stats_ops_tally(sbi, LPROC_LL_IOCTL, 1);
		break;
	default:
		sbi->ll_unknown_ioctls++;
	}
}

static void ll_lease_wait(struct ll_sb_info *sbi)
{
	sbi->ll_lease_waiters++;
out:
	sbi->ll_lease_waiters--;
}
