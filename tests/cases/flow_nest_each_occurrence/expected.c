static void lov_free_layout(struct lov_layout *l)
{
	if (l->ll_stripes != NULL) {
		kfree(l->ll_stripes);
		l->ll_stripes = NULL;
	}
	while (l->ll_count > 0) {
		kfree(l->ll_entries[--l->ll_count]);
	}
	kfree(l);
}
