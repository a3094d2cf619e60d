static int ll_lease_check(struct inode *inode)
{
	int found;
	int locked;

	found = 0;
	locked = 0;
	if (inode->i_flags & S_IMMUTABLE)
		found = 1;
	return found;
}
