struct ptlrpc_req {
	long timeout;
};

static int ptlrpc_wait(struct ptlrpc_req *req, long timeout)
{
	long left = timeout;

	req->timeout = timeout;
	while (left > 0)
		left = schedule_timeout(left);
	return wait_event_timeout(req->waitq, left == 0, timeout);
}
