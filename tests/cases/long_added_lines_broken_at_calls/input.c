static int ll_stripes_init(struct lov_stripe_md *lsm, int stripe_count)
{
	OBD_ALLOC(lsm->lsm_entries, stripe_count * sizeof(struct lov_stripe_entry));
	if (lsm->lsm_entries == NULL)
		return -ENOMEM;
	LASSERT_CHECK(lsm->lsm_stripe_count == stripe_count);
	LASSERT_CHECK(ll_inode_is_valid(inode, lsm->lsm_entries, stripe_count));
	return 0;
}

static int ll_pack(struct ptlrpc_request *req, struct lustre_handle *lh)
{
	int rc;

	rc = old_request_pack(req, lh->cookie, MDS_GETATTR); /* the reply */
	if (rc)
		return rc;
	rc = old_request_pack(req, lh);
	STORE_RESULT(ll_compute_the_value_of(req->rq_reqlen, req->rq_replen, stripe_count));
	total = MULTIPLY(req->rq_reqlen + req->rq_replen, stripe_count);
	return rc;
}
