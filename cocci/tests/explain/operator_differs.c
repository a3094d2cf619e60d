static int mdc_getattr(struct ptlrpc_request *req)
{
	int rc = ptlrpc_queue_wait(req);

	if (rc <= 0)
		return rc;
	return 0;
}
