static int btree_start_update(struct btree_trans *trans, struct btree_update **ret)
{
	struct btree_update *as = btree_update_alloc(trans);

	if (IS_ERR(as))
		return PTR_ERR(as);
	*ret = as;
	return 0;
}

static int btree_start_split(struct btree_trans *trans, struct btree_update **ret)
{
	struct btree_update *as = btree_update_alloc(trans);
	struct btree_node *n = btree_node_alloc(trans);

	if (IS_ERR(as)) {
		btree_node_free(n);
		return PTR_ERR(n);
	}
	*ret = as;
	return 0;
}
