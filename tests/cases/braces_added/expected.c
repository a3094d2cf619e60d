static void ll_maybe_refresh(struct ll_inode_info *lli, bool stale)
{
	if (stale) {
		spin_lock(&lli->lli_lock);
		ll_refresh(lli);
		spin_unlock(&lli->lli_lock);
	}
	else
		lli->lli_flags |= LLIF_FRESH;

	while (lli->lli_pending > 0) {
		spin_lock(&lli->lli_lock);
		ll_refresh(lli);
		spin_unlock(&lli->lli_lock);
	}
}
