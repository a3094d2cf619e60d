static long ll_file_ioctl(struct file *file, unsigned cmd, unsigned long arg)
{
	u32 flags;
	int rc;

	rc = ll_iocontrol(file_inode(file), cmd, arg);
	return rc;
}

static long ll_dir_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	unsigned flags = 0;

	return ll_iocontrol(file_inode(file), cmd, arg);
}
