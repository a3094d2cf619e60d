static int ll_stripes_init(struct lov_stripe_md *lsm, int stripe_count)
{
	lsm->lsm_entries = kzalloc_node_with_a_longer_name(stripe_count * sizeof(struct lov_stripe_entry),
							   GFP_NOFS,
							   cfs_cpt_spread_node(cfs_cpt_tab, 0));
	if (lsm->lsm_entries == NULL)
		return -ENOMEM;
	LASSERTF(lsm->lsm_stripe_count == stripe_count,
		 "llite inode %p (%s, %d) has an unexpected state\n", inode,
		 "name", 1);
	LASSERTF(ll_inode_is_valid(inode, lsm->lsm_entries, stripe_count),
		 "llite inode %p (%s, %d) has an unexpected state\n", inode,
		 "name", 1);
	return 0;
}

static int ll_pack(struct ptlrpc_request *req, struct lustre_handle *lh)
{
	int rc;

	rc = ptlrpc_request_pack_with_capability(req, lh->cookie, MDS_GETATTR,
						 LUSTRE_MDS_VERSION); /* the reply */
	if (rc)
		return rc;
	rc = ptlrpc_request_pack_with_capability(req, lh, LUSTRE_MDS_VERSION);
	lsm->lsm_result_of_the_computation_stored_here = ll_compute_the_value_of(req->rq_reqlen,
										 req->rq_replen,
										 stripe_count);
	total = multiply_and_check_for_overflow_in_the_value((req->rq_reqlen + req->rq_replen) * stripe_count,
							     stripe_count,
							     sizeof(unsigned long long));
	return rc;
}
