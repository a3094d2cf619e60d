static int ll_scan_pages(struct inode *inode, int count)
{
	int rc, i;
	static int seen;

	for (i = 0; i < count; i++)
		rc = ll_scan_one(inode, i);
	return rc;
}
