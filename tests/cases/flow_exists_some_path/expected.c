static int lmv_setup_tgts(struct lmv_obd *lmv, int count)
{
	struct lmv_tgt_desc *tgts;

	tgts = kzalloc(count * sizeof(*tgts), GFP_NOFS);
	if (count > 8)
		lmv->lmv_tgts = tgts;
	else
		kvfree(tgts);
	lmv->lmv_count = count;
	return 0;
}
