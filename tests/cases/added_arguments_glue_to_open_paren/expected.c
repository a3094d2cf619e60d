static void ll_umount_begin(struct super_block *sb)
{
	char *fsname = ll_get_fsname(sb, NULL, 0);

	CDEBUG(D_VFSTRACE, "%s umount\n", fsname);
}
