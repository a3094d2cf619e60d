static void lmv_free(struct lmv_obd *priv, void *buf)
{
	kfree(buf);
	kfree(priv);
}
