static void mdc_trace_req(struct ptlrpc_request *req, int rc)
{
	CDEBUG_LIMIT(D_INFO, "req %p rc %d\n", req, rc + 1);
	CDEBUG_LIMIT(D_HA, "resend %llu\n", req->rq_xid * 2);
}
