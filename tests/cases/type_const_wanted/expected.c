static void lprocfs_free_names(struct lprocfs_vars *var, const char *name, char *copy)
{
	kfree_const(name);
	kfree(copy);
	kfree(var);
}
