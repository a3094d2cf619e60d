static void ll_umount_begin(struct super_block *sb)
{
	struct ll_sb_info *sbi = ll_s2sbi(sb);

	if (sbi == NULL) {
		CERROR("no sbi\n");
		ll_trace_exit();
		return;
	}
	sbi->ll_umounting = 1;
	ll_trace_exit();
}
