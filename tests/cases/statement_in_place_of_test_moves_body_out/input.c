static void ll_put_super(struct super_block *sb, struct ll_sb_info *sbi)
{
	if (sbi->ll_cache != NULL)
		kfree(sbi->ll_cache);
	if (sbi->ll_md_exp) {
		if (sbi->ll_dt_exp)
			obd_disconnect(sbi->ll_dt_exp,
				       sbi->ll_flags);
		obd_fid_fini(sbi->ll_md_exp->exp_obd);
	}
	ll_free_sbi(sb);
}
