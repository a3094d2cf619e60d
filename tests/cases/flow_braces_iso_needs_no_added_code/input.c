static void ll_update_size(struct ll_inode_info *lli, int valid)
{
	if (!valid)
		return;
	if (lli->lli_size == 0) {
		lli->lli_flags = 0;
		return;
	}
	lli->lli_size++;
}
