static void ptlrpc_send_one(struct ptlrpc_request *req)
{
	do {
		ptlrpc_req_start();
		req->rq_sent = 1;
	} while (0);
	ptlrpc_req_end();
}
