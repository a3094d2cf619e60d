static void ll_umount_begin(struct super_block *sb)
{
	static struct ll_sb_info *cached;
	struct ll_sb_info *sbi = ll_s2sbi(sb);

	ll_put_sbi(cached);
	ll_sbi_release(sbi);
}
