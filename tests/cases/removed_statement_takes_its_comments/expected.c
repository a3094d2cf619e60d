static int ll_xattr_init(struct inode *inode, int mode)
{
	int rc;

	rc = ll_security_init(inode, mode);
	/* the lock is taken again below */
	ll_lock(inode);

	/* count the call */
	if (rc)
		return rc;
}
