static int ll_lease_check(struct inode *inode)
{
	int found;
	int locked;

	found = false;
	locked = false;
	if (inode->i_flags & S_IMMUTABLE)
		found = 1;
	return found;
}
