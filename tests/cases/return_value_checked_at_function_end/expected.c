static int ll_layout_refresh(struct ll_inode_info *lli)
{
	spin_lock(&lli->lli_lock);
	if (lli->lli_layout_gen == 0)
		lli->lli_layout_gen++;
	return ll_layout_refresh_locked(lli);
}

static int ll_layout_conf(struct ll_inode_info *lli, int mode)
{
	if (mode == 0)
		return 0;
	return ll_layout_apply(lli, mode);
}
