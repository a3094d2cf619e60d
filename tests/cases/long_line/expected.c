static int lov_stripes_init(struct lov_stripe_md *lsm, int stripe_count)
{
	lsm->lsm_entries_with_a_long_name = kzalloc(stripe_count * sizeof(struct lov_stripe_entry),
						    GFP_NOFS);
	if (lsm->lsm_entries_with_a_long_name == NULL)
		return -ENOMEM;
	lsm->lsm_oinfo = kzalloc(stripe_count, GFP_NOFS);
	return 0;
}
