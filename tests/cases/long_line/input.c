static int lov_stripes_init(struct lov_stripe_md *lsm, int stripe_count)
{
	OBD_ALLOC(lsm->lsm_entries_with_a_long_name, stripe_count * sizeof(struct lov_stripe_entry));
	if (lsm->lsm_entries_with_a_long_name == NULL)
		return -ENOMEM;
	OBD_ALLOC(lsm->lsm_oinfo, stripe_count);
	return 0;
}
