static int ldlm_pool_debugfs_init(struct ldlm_pool *pl)
{
	return 0;
}
