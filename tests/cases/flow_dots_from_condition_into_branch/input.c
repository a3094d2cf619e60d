static void key_buf_put(struct key_buf *kb)
{
	if (kb->kb_secret != NULL) {
		memset(kb->kb_secret, 0, kb->kb_len);
		kfree(kb->kb_secret);
	}
	kb->kb_len = 0;
}
