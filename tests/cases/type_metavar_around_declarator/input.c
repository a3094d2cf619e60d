static int mdc_pack_name(struct ptlrpc_request *req, const char *name)
{
	char name_buf[64];
	int *idx_buf, count;
	char tmp_buf[16], *p;
	long len;

	count = strlen(name);
	p = req->rq_buf;
	len = count;
	return len;
}
