static int ll_close(struct inode *inode, struct file *file)
{
	ll_file_release(inode, file);
	return 0;
}
