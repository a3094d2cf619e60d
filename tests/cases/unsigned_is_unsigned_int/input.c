static long ll_file_ioctl(struct file *file, unsigned cmd, unsigned long arg)
{
	unsigned int flags;
	int rc;

	rc = ll_iocontrol_old(file_inode(file), cmd);
	return rc;
}

static long ll_dir_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	unsigned flags = 0;

	return ll_iocontrol_old(file_inode(file), cmd);
}
