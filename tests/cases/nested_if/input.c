static void ll_sync(struct ll_inode_info *lli, int a, int b)
{
	if (a)
		if (b)
			ll_flush(lli);
	for (a = 0; a < b; a++)
		ll_flush(lli);
}
