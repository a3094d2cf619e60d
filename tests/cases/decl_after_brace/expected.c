int mdc_getattr_name(struct obd_export *exp, struct md_op_data *op_data)
{
	ENTRY;
	struct ptlrpc_request *req;
	int rc;

	req = ptlrpc_request_alloc(class_exp2cliimp(exp), &RQF_MDS_GETATTR_NAME);
	if (req == NULL)
		return -ENOMEM;
	rc = ptlrpc_queue_wait(req);
	return rc;
}

static int osc_unrelated(void)
{
	return 0;
}
