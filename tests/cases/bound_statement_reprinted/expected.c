static int ldlm_res_flush(struct ldlm_resource *res, int n)
{
	int i, rc;

	lock_res(res);
	ldlm_trace(res);
	if (res->lr_count > n && !res->lr_busy) {
		rc = ldlm_cancel(res, n);   /* drop the extra locks */
		res->lr_count -= n;
	}
	unlock_res(res);
	return rc;
}

static void ldlm_res_reset(struct ldlm_resource *res, int n)
{
	int i;

	lock_res(res);
	ldlm_trace(res);
	for (i = 0; i < n; i++) {
		res->lr_slots[i] = NULL;
	}
	unlock_res(res);
}

static int ldlm_res_wait(struct ldlm_resource *res)
{
	lock_res(res);
	ldlm_trace(res);
	while (res->lr_busy)
		cond_resched();
	unlock_res(res);
	return 0;
}
