static int ldlm_pool_debugfs_init(struct ldlm_pool *pl)
{
	return 0;
}

static const struct file_operations ldlm_pool_debugfs_fops = {
	.owner		= THIS_MODULE,
	.open		= ldlm_pool_debugfs_open,
	.read		= seq_read,
};
