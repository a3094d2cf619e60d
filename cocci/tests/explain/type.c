static void ll_drop(struct dentry *de)
{
	iput(de);
}
