static int lst_batch_info(struct lst_batch_ent __user *ent_up)
{
	struct lst_batch_ent *entp;
	int rc;

	CFS_ALLOC_PTR(entp);
	if (entp == NULL)
		return -ENOMEM;

	rc = copy_to_user(ent_up, entp, sizeof(*entp)) ? -EFAULT : 0;

	CFS_FREE_PTR(entp)

	return rc;
}

static void lst_node_drop(struct lst_node *nd)
{
	LST_NODE_UNLINK(nd)
	lst_node_count--;
}
