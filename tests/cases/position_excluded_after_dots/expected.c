/* Lustre-style client code for an end-to-end test. */
static void ptlrpc_req_finish(struct ptlrpc_request *req, int rc)
{
	ptlrpc_req_free(req);
	CDEBUG(D_RPCTRACE, "req %p: rc = %d\n", req, rc);
	ptlrpc_stats_add(NULL);
}
