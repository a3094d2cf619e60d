static void ll_sync_a(struct ll_inode_info *lli)
{
	ll_lock(lli);
	if (lli == NULL)
		ll_warn();
	ll_unlock(lli);
}

static void ll_sync_b(struct ll_inode_info *lli)
{
	ll_lock(lli);
	if (lli->lli_dirty)
		ll_flush(lli);
	ll_unlock(lli);
}

static void ll_sync_c(struct ll_inode_info *lli, struct list_head *head)
{
	ll_lock(lli);
	list_for_each_entry(lli, head, lli_link)
		ll_flush(lli);
	ll_unlock(lli);
}

static void ll_sync_d(struct ll_inode_info *lli, struct list_head *head)
{
	struct ll_file_data *fd;

	ll_lock(lli);
	list_for_each_entry(fd, head, fd_link)
		ll_flush_fd(fd);
	ll_unlock(lli);
}
