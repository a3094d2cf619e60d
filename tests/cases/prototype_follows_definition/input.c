static void lprocfs_stats_reset(struct obd_device *obd, struct lprocfs_stats *stats);
static int lprocfs_other(struct obd_device *obd, struct lprocfs_stats *stats);

static void lprocfs_stats_reset(struct obd_device *obd, struct lprocfs_stats *stats)
{
	memset(stats->ls_cnt, 0, sizeof(stats->ls_cnt));
}

static int lprocfs_other(struct obd_device *obd, struct lprocfs_stats *stats)
{
	lprocfs_stats_reset(obd, stats);
	return 0;
}
