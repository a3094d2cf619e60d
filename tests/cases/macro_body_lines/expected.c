/* spatch 1.1.1 leaves RQ_BUF_FREE as it is: it does not match in a ({ }) macro body. */
#define RQ_BUF_ALLOC(rq, size)						\
do {									\
	if ((rq)->rq_pool != NULL)					\
		(rq)->rq_repbuf = pool_buf_alloc((rq)->rq_pool, size, cfs_cpt_spread_node((rq)->rq_pool->pl_cptab, (rq)->rq_cpt)); \
	else								\
		(rq)->rq_repbuf = kvzalloc(size, GFP_NOFS);	\
} while (0)

#define RQ_BUF_FREE(rq)							\
({									\
	if ((rq)->rq_repbuf != NULL)					\
		kvfree((rq)->rq_repbuf);				\
	(rq)->rq_repbuf_len;						\
})

#define RQ_RESET(rq) do { kvfree((rq)->rq_repbuf); } while (0)

static int rq_pack(struct ptlrpc_request *req, int size)
{
	req->rq_reqbuf = kvzalloc(size, GFP_NOFS);
	if (req->rq_reqbuf == NULL)
		return -ENOMEM;
	return 0;
}
