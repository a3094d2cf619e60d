/* spatch 1.1.1 leaves RQ_BUF_FREE as it is: it does not match in a ({ }) macro body. */
#define RQ_BUF_ALLOC(rq, size)						\
do {									\
	if ((rq)->rq_pool != NULL)					\
		POOL_BUF_ALLOC((rq)->rq_repbuf, (rq)->rq_pool,		\
			       (rq)->rq_cpt, size);			\
	else								\
		OBD_ALLOC_LARGE((rq)->rq_repbuf, size);		\
} while (0)

#define RQ_BUF_FREE(rq)							\
({									\
	if ((rq)->rq_repbuf != NULL)					\
		OBD_FREE_LARGE((rq)->rq_repbuf, (rq)->rq_repbuf_len);	\
	(rq)->rq_repbuf_len;						\
})

#define RQ_RESET(rq) do { OBD_FREE_LARGE((rq)->rq_repbuf, 0); } while (0)

static int rq_pack(struct ptlrpc_request *req, int size)
{
	OBD_ALLOC_LARGE(req->rq_reqbuf, size);
	if (req->rq_reqbuf == NULL)
		return -ENOMEM;
	return 0;
}
