static int ptlrpc_pack(struct ptlrpc_request *req, int rc)
{
	int len = sizeof(*req->rq_reqmsg);
	int hdr = sizeof req->rq_reqlen;
	void *msg = &req->rq_reqmsg;
	int neg = -rc;

	return ptlrpc_send(req, msg, len + hdr, neg, !rc);
}
