static void ll_update(struct ll_inode_info *lli, bool force)
{
	if (force)
		ll_lock_both(lli);
	else
		return;
	ll_lock_both(lli); /* again */
	lli->lli_count++;
}
