static void libcfs_debug_flush(void)
{
	cfs_lock();
	flush_pages();
	cfs_unlock();
}
