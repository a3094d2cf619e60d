static long ldlm_timeout(void)
{
	return cfs_time_seconds(1);
}
