static void ll_maybe_refresh(struct ll_inode_info *lli, bool stale)
{
	if (stale)
		ll_refresh(lli);
	else
		lli->lli_flags |= LLIF_FRESH;

	while (lli->lli_pending > 0)
		ll_refresh(lli);
}
