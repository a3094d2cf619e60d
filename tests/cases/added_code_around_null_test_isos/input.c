static int ll_file_open_check(struct inode *inode, struct file *file)
{
	if (!inode)
		return -ENOENT;
	if (file == NULL)
		return -EBADF;
	if (file->private_data)
		return -EBUSY;
	return 0;
}
