#include <linux/fs.h>

int ll_getattr(struct inode *inode)
{
	return 1;
}
