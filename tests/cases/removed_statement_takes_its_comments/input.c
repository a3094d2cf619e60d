static int ll_xattr_init(struct inode *inode, int mode)
{
	int rc;

	/*
	 * The check below only mattered for kernels that lacked
	 * security_dentry_init_security(); every kernel has it now.
	 */

	if (!ll_security_enabled())
		return 0;

	rc = ll_security_init(inode, mode);
	/* the lock is taken again below */
	ll_trace(inode);
	ll_lock(inode);

	/* count the call */
	ll_trace(inode);
	if (rc)
		return rc;
	/* last note */
	ll_trace(inode);
}
