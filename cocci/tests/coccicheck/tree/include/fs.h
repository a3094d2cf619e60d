struct fs_inode {
	void *i_private;
	char *i_link;
};

struct fs_super {
	void *s_fs_info;
	char *s_options;
};

static inline void fs_super_drop(struct fs_super *sb)
{
	if (sb->s_fs_info != NULL)
		kfree(sb->s_fs_info);
}
