#include <linux/slab.h>
#include "../include/fs.h"

static void fs_inode_free(struct fs_inode *inode)
{
	if (inode->i_private != NULL)
		kfree(inode->i_private);
	inode->i_private = NULL;
}

static void fs_inode_clear(struct fs_inode *inode)
{
	kfree(inode->i_link);
}
