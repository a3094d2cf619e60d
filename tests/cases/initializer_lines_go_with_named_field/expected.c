static const struct file_operations ll_dir_ops = {
	.owner		= THIS_MODULE,
	.llseek		= ll_dir_seek,
	.unlocked_ioctl	= ll_dir_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= compat_ptr_ioctl,
#endif
	.open		= ll_dir_open,
	.release	= ll_dir_release,
};
