static int ll_file_open_check(struct inode *inode, struct file *file)
{
	if (unlikely(!inode))
		return -ENOENT;
	if (unlikely(file == NULL))
		return -EBADF;
	if (file->private_data && likely(file->f_count))
		return -EBUSY;
	return 0;
}
