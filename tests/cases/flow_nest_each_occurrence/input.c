static void lov_free_layout(struct lov_layout *l)
{
	if (l->ll_stripes != NULL) {
		OBD_FREE_PTR(l->ll_stripes);
		l->ll_stripes = NULL;
	}
	while (l->ll_count > 0) {
		OBD_FREE_PTR(l->ll_entries[--l->ll_count]);
	}
	OBD_FREE_PTR(l);
}
