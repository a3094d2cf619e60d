static int ll_lease_check(struct inode *inode)
{
	int found;

	found = 0;
	found = !!(inode->i_flags & S_IMMUTABLE);
	if (found)
		return -EBUSY;
	return 0;
}

static int ll_layout_busy(struct inode *inode)
{
	int busy;

	busy = 0;
	if (inode->i_state)
		busy = 1;
	return busy;
}
