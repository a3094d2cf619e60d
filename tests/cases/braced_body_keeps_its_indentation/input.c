static int mgs_set_index(struct mgs_target_info *mti, unsigned long *imap)
{
	int rc = 0;

        if (mti->mti_flags & LDD_F_NEED_INDEX) {
                rc = next_index(imap, INDEX_MAP_SIZE);
                if (rc == -1)
			GOTO(out_up, rc = -ERANGE);
                mti->mti_stripe_index = rc;
        }
	if (mti->mti_stripe_index < 0)
		GOTO(out_up, rc = -EINVAL);

        /* the index is known from here on */
	set_bit(mti->mti_stripe_index, imap);
out_up:
	return rc;
}
