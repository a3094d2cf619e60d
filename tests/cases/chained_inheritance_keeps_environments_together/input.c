int ll_file_open(struct inode *inode, struct file *file)
{
	return ll_local_open(file, inode);
}

int ll_dir_release(struct file *file, struct inode *dir)
{
	return ll_file_release(dir, file);
}
