static int lov_check_stripe(struct lov_stripe_md *lsm, int cmd)
{
	int count = 0;
	int i;

	switch (cmd) {
	case LOV_PATTERN_RAID0:
		count = lsm->lsm_entry_count;
		break;
	case LOV_PATTERN_MDT:
		count = 1;
		break;
	default:
		count = -EINVAL;
	}

	for (i = 0; i < count; i++) {
		if (lsm->lsm_entries[i] == NULL)
			break;
	}
	return count;
}
