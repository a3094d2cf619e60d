#include <linux/slab.h>
#include "../include/fs.h"

void fs_put_super(struct fs_super *sb)
{
	if (sb->s_fs_info != NULL)
		kfree(sb->s_fs_info);
	if (sb->s_options)
		kfree(sb->s_options);
}
