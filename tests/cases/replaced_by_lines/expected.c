static void ll_update(struct ll_inode_info *lli, bool force)
{
	if (force) {
		spin_lock(&lli->lli_lock);
		mutex_lock(&lli->lli_mutex);
	}
	else
		return;
	spin_lock(&lli->lli_lock);
	mutex_lock(&lli->lli_mutex); /* again */
	lli->lli_count++;
}
