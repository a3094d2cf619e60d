static int ll_stats_sample(struct ll_sb_info *sbi)
{
	int rc;
	struct lprocfs_counter write_bytes, read_bytes;

	rc = ll_stats_read(sbi, ll_stats_index(sbi));
	return rc;
}
