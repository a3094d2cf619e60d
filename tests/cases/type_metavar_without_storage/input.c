static inline int ll_noop_sync(struct inode *inode)
{
	return 0;
}
