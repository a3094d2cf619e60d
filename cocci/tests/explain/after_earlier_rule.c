static int lmv_alloc(struct lmv_obd *lmv)
{
	OBD_ALLOC(lmv->tgts, 128);
	return 0;
}
