static int sptlrpc_key_load(struct ptlrpc_sec *sec, int len)
{
	char *key;
	int rc;

	key = kmalloc(len, GFP_NOFS);
	if (key == NULL)
		return -ENOMEM;
	rc = sec_copy_key(sec, key, len);
	if (rc)
		goto out;
	sec->ps_flags |= PTLRPC_SEC_FL_KEY;
out:
	kfree(key);
	return rc;
}
