static int ll_stats_sample(struct ll_sb_info *sbi)
{
	int rc;
	struct lprocfs_counter write_bytes = LPROCFS_COUNTER_INIT(0), read_bytes = LPROCFS_COUNTER_INIT(0);

	if (lprocfs_counter_busy(&read_bytes))
		return -EBUSY;
	if (lprocfs_counter_busy(&write_bytes))
		return -EBUSY;
	rc = ll_stats_read(sbi, ll_stats_index(sbi));
	lprocfs_counter_fini(&read_bytes);
	lprocfs_counter_fini(&write_bytes);
	return rc;
}
