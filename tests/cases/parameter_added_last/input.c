static struct ll_file_data *ll_alloc_fd(struct inode *inode)
{
	return kzalloc(sizeof(struct ll_file_data), GFP_NOFS);
}
