static inline int ll_noop_sync(struct inode *inode)
{
	int rc = 0;
	return 0;
}
