struct req {
	struct list_head link;
	struct req *next;
	int state;
};

static void drain_braced(struct list_head *queue, struct req *req)
{
	list_for_each_entry(req, queue, link) {
		req_cancel(req);
	}
	queue_reset(queue);

	if (req)
		req_put(req);
}

static void drain_unbraced(struct list_head *queue, struct req *req)
{
	list_for_each_entry(req, queue, link)
		req_cancel(req);
	queue_reset(queue);

	if (req != NULL)
		req_put(req);
}

static int scan_braced(struct list_head *queue, struct req *req)
{
	list_for_each_entry(req, queue, link) {
		req_get(req);
		if (req != NULL)
			req->state = 1;
		req_put(req);
	}
	return 0;
}

static int scan_unbraced(struct list_head *queue, struct req *req)
{
	list_for_each_entry(req, queue, link)
		if (req)
			req->state = 2;
	return 0;
}

static struct req *lookup_tail(struct req *req)
{
	while (req) {
		req_get(req);
		req_put(req);
	}
	return req;
}
