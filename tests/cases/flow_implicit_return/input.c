static void ll_umount_begin(struct super_block *sb)
{
	struct ll_sb_info *sbi = ll_s2sbi(sb);

	if (sbi == NULL) {
		CERROR("no sbi\n");
		return;
	}
	sbi->ll_umounting = 1;
}
