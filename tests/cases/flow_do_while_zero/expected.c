static void ptlrpc_send_one(struct ptlrpc_request *req)
{
	do {
		req->rq_sent = 1;
	} while (0);
}
