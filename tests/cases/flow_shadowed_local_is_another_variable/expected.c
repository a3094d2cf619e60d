static void ll_flush(struct ll_inode *lli)
{
	struct mutex *m = &lli->lli_lock;

	mutex_lock(m);
	{
		struct mutex *m = &lli->lli_size_lock;

		mutex_unlock(m);
	}
}

static void ll_sync(struct ll_inode *lli)
{
	struct mutex *m = &lli->lli_lock;

	mutex_lock_nested(m, 0);
	lli->lli_flags = 0;
	mutex_unlock(m);
}
