/* Lustre-style client code for an end-to-end test. */
static void ptlrpc_req_reuse(struct ptlrpc_request *req)
{
	kfree(req->rq_repbuf);
	req = ptlrpc_next_request(req);
	ptlrpc_dump(req->rq_repbuf);
}

static void ptlrpc_req_dump(struct ptlrpc_request *req)
{
	kfree(req->rq_repbuf);
	ptlrpc_dump(req->rq_repbuf);
}
