static int mdc_pack_name(struct ptlrpc_request *req, const char *name)
{
	int count;
	char *p;
	long len;

	count = strlen(name);
	p = req->rq_buf;
	len = count;
	return len;
}
