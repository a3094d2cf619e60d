static int ll_scan_pages(struct inode *inode, int count)
{
	int rc, tmp1, i;
	int tmp2, tmp3;
	static int tmp4, seen;

	for (i = 0; i < count; i++)
		rc = ll_scan_one(inode, i);
	return rc;
}
