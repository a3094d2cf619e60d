static void ll_umount_begin(struct ll_sb_info *sbi)
{
	if (sbi->ll_dt_exp)
		obd_disconnect(sbi->ll_dt_exp,
			       sbi->ll_flags);
	cfs_trace_lock(sbi);
	ll_sbi_lock();
	while (sbi->ll_pending)
		if (ll_pending_one(sbi))
			break;
	ll_sbi_unlock();
	ll_free_sbi(sbi);
}
