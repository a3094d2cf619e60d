static void ll_put_super(struct super_block *sb, struct ll_sb_info *sbi)
{
	if (sbi->ll_cache != NULL)
		kfree(sbi->ll_cache);
	cfs_trace_lock(sbi);
	if (sbi->ll_dt_exp)
		obd_disconnect(sbi->ll_dt_exp,
			       sbi->ll_flags);
	obd_fid_fini(sbi->ll_md_exp->exp_obd);
	ll_free_sbi(sb);
}
