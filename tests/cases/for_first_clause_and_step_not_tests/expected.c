struct ptlrpc_req *req_first(struct ptlrpc_set *set);
struct ptlrpc_req *req_next(struct ptlrpc_req *req);
void req_finish(struct ptlrpc_req *req);

static void set_finish(struct ptlrpc_set *set)
{
	struct ptlrpc_req *req;

	for (req = req_first(set); req; req = req_next(req))
		req_finish(req);
	for (; req;)
		req_finish(req);
	for (int i = 0; req; i++)
		req_finish(req);
	if (req)
		req_finish(req);
	while (req)
		req_finish(req);
}
