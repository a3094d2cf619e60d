#include <linux/fs.h>

int ll_getattr_compat(struct inode *inode)
{
	return 0;
}

int ll_getattr(struct inode *inode)
{
	return 1;
}

int ll_setattr_compat(struct inode *inode)
{
	return 0;
}
