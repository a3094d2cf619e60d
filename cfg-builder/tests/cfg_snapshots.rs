//! Snapshot tests: the text dump of the CFG of kernel/Lustre-style functions, one construct
//! (or a small family) per test. Review changes with `cargo insta review`.

use c_parser::{parse, ParseOptions};

/// The dumps of every function in `code`, separated by blank lines.
fn dump(code: &str) -> String {
    let options = ParseOptions::default();
    let parsed = parse(code, &options);
    cfg_builder::build_all(&parsed.root, &options.macros)
        .iter()
        .map(|cfg| cfg.dump())
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! snapshot {
    ($name:ident, $code:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), dump($code));
        }
    };
}

snapshot!(empty_function, "static void ll_nop(void)\n{\n}\n");

snapshot!(
    declarations_and_calls,
    r#"
static int mdc_init_once(struct obd_device *obd)
{
	struct client_obd *cli = &obd->u.cli;
	int rc = 0;

	ENTRY;
	cli->cl_max_rpcs_in_flight = OBD_MAX_RIF_DEFAULT;
	rc = mdc_setup_rpc_lock(cli);
	;
	RETURN(rc);
}
"#
);

snapshot!(
    if_else_chain,
    r#"
static int lov_check_stripe(struct lov_obd *lov, int idx)
{
	if (idx < 0)
		return -EINVAL;
	else if (idx >= lov->desc.ld_tgt_count)
		idx = 0;
	else {
		lov_get(lov);
		idx++;
	}
	if (!lov->lov_tgts[idx])
		return -ENODEV;
	return idx;
}
"#
);

snapshot!(
    while_with_break_and_continue,
    r#"
static void ptlrpc_drain(struct ptlrpc_request_set *set)
{
	while (atomic_read(&set->set_remaining) > 0) {
		if (set->set_stopping)
			break;
		if (!set->set_ready)
			continue;
		ptlrpc_check_set(set);
	}
	set->set_done = 1;
}
"#
);

snapshot!(
    do_while_loop,
    r#"
static int osc_wait_grant(struct client_obd *cli)
{
	int rc;

	do {
		rc = osc_enter_cache(cli);
		if (rc == -EAGAIN)
			continue;
		if (rc < 0)
			break;
		cli->cl_avail_grant--;
	} while (cli->cl_avail_grant > 0);
	return rc;
}
"#
);

snapshot!(
    for_loops,
    r#"
static int lod_count_osts(struct lod_device *lod)
{
	int count = 0;

	for (int i = 0; i < lod->lod_ost_count; i++) {
		if (!lod->lod_osts[i])
			continue;
		count++;
	}
	for (;;) {
		if (lod_refresh(lod))
			break;
	}
	return count;
}
"#
);

snapshot!(
    switch_with_ranges_and_fallthrough,
    r#"
static int mdt_reint_opcode(struct mdt_thread_info *info, __u32 op)
{
	int rc = 0;

	switch (op) {
	case REINT_SETATTR:
		rc = mdt_reint_setattr(info);
		break;
	case REINT_CREATE:
		mdt_counter_incr(info);
		fallthrough;
	case REINT_OPEN ... REINT_RENAME:
		rc = mdt_reint_rec(info);
		break;
	default:
		rc = -EPROTO;
	}
	return rc;
}
"#
);

snapshot!(
    switch_without_default_in_loop,
    r#"
static void ldlm_handle_list(struct list_head *list)
{
	struct ldlm_lock *lock;

	list_for_each_entry(lock, list, l_res_link) {
		switch (lock->l_req_mode) {
		case LCK_PR:
			continue;
		case LCK_PW:
			for (;;) {
				if (ldlm_try(lock))
					break;
			}
			break;
		}
		ldlm_lock_put(lock);
	}
}
"#
);

snapshot!(
    goto_forward_backward_and_macro,
    r#"
static int mgc_process_log(struct obd_device *mgc, struct config_llog_data *cld)
{
	int rc, retries = 0;

retry:
	rc = mgc_lock(mgc, cld);
	if (rc == -EAGAIN) {
		if (retries++ < 3) {
			mgc_unlock(mgc, cld);
			goto retry;
		}
		GOTO(out, rc = -ETIMEDOUT);
	}
	if (rc)
		goto out;
	rc = mgc_apply(mgc, cld);
out:
	mgc_unlock(mgc, cld);
	RETURN(rc);
}
"#
);

snapshot!(
    goto_unknown_label_and_computed,
    r#"
static void lnet_jump(void *where)
{
	if (where)
		goto *where;
	GOTO(nowhere, 0);
}
"#
);

snapshot!(
    returns_and_unreachable_code,
    r#"
static int ll_statfs_check(struct super_block *sb)
{
	if (!sb)
		RETURN_EXIT;
	return 0;
	sb->s_flags = 0;
	ll_put(sb);
}
"#
);

snapshot!(
    no_return_calls,
    r#"
static void lustre_assert_state(struct obd_export *exp)
{
	if (exp->exp_failed)
		LBUG();
	if (!exp->exp_obd) {
		CERROR("no obd\n");
		BUG();
	}
	if (exp->exp_flags < 0)
		panic("bad flags %d", exp->exp_flags);
	exp->exp_checked = 1;
}
"#
);

snapshot!(
    statement_expression_is_one_node,
    r#"
static int obd_pick(struct obd_device *obd)
{
	int rc = ({ int __v = obd_get(obd); if (__v < 0) __v = 0; __v; });

	return rc;
}
"#
);

snapshot!(
    ifdef_branches,
    r#"
static int ll_setup_xattr(struct super_block *sb)
{
	int rc = 0;

#ifdef CONFIG_FS_POSIX_ACL
	rc = ll_init_acl(sb);
	if (rc)
		return rc;
#else
	sb->s_flags &= ~SB_POSIXACL;
#endif
#ifdef HAVE_SECURITY_HOOKS
	rc = ll_init_security(sb);
#endif
	return rc;
}
"#
);

snapshot!(
    ifdef_both_branches_return,
    r#"
static int kfi_set_buf(struct kfi_tn *tn)
{
#ifdef HAVE_KFI_SGL
	return kfi_set_sgl(tn);
#elif defined(HAVE_KFI_BVEC)
	return kfi_set_bvec(tn);
#else
	return kfi_set_kiov(tn);
#endif
}
"#
);

snapshot!(
    ifdef_splitting_a_statement,
    r#"
static int osd_check(struct osd_device *osd)
{
#ifdef HAVE_NEW_API
	if (osd_new(osd)) {
#else
	if (osd_old(osd)) {
#endif
		osd->od_ok = 1;
	}
	return 0;
}
"#
);

snapshot!(
    iterator_macros,
    r#"
static struct lu_target *lod_find(struct lod_device *lod, __u32 idx)
{
	struct lod_tgt_desc *tgt;

	lod_foreach_mdt(lod, tgt) {
		if (tgt->ltd_index == idx)
			return tgt->ltd_tgt;
	}
	list_for_each_entry_safe(tgt, tmp, &lod->lod_pending, ltd_list)
		lod_retry(tgt);
	return NULL;
}
"#
);

snapshot!(
    parse_error_becomes_opaque,
    r#"
static int broken(struct obd_device *obd)
{
	int rc = 0;

	rc = obd_connect(obd, ));
	if (rc)
		return rc;
	@@@ ;
	return 0;
}
"#
);

snapshot!(
    case_inside_nested_block,
    r#"
static void copy_words(int *to, int *from, int count)
{
	int n = (count + 3) / 4;

	switch (count % 4) {
	case 0:
		do {
			*to++ = *from++;
	case 3:
			*to++ = *from++;
	case 2:
			*to++ = *from++;
	case 1:
			*to++ = *from++;
		} while (--n > 0);
	}
}
"#
);

snapshot!(
    labels_in_nested_blocks,
    r#"
static int lfsck_scan(struct lfsck_instance *lfsck)
{
	int rc;

	if (lfsck->li_start) {
		rc = lfsck_prep(lfsck);
		if (rc)
			goto out;
		{
again:
			rc = lfsck_step(lfsck);
			if (rc > 0)
				goto again;
		}
	}
out:
	return rc;
}
"#
);

snapshot!(
    do_while_zero_with_break,
    r#"
static void osc_lru_shrink_one(struct client_obd *cli)
{
	do {
		if (!cli->cl_lru_left)
			break;
		osc_lru_del(cli);
	} while (0);
	OSC_LRU_UNLOCK(cli);
}
"#
);

snapshot!(
    iterator_break_and_continue,
    r#"
static int ptlrpc_count_idle(struct ptlrpc_request_set *set)
{
	struct ptlrpc_request *req;
	int count = 0;

	list_for_each_entry(req, &set->set_requests, rq_set_chain) {
		if (req->rq_phase == RQ_PHASE_NEW)
			continue;
		if (req->rq_phase == RQ_PHASE_COMPLETE)
			break;
		count++;
	}
	hlist_for_each_entry(req, &set->set_hash, rq_hash)
		count--;
	return count;
}
"#
);

snapshot!(
    switch_break_inside_iterator,
    r#"
static void lod_qos_mark(struct lod_device *lod)
{
	struct lod_tgt_desc *tgt;

	lod_foreach_mdt(lod, tgt) {
		switch (tgt->ltd_state) {
		case TGT_ACTIVE:
			tgt->ltd_weight++;
			break;
		default:
			continue;
		}
		tgt->ltd_seen = 1;
	}
}
"#
);

snapshot!(
    early_return_macro_in_loop,
    r#"
static int mdt_find_slot(struct mdt_device *mdt, int want)
{
	int i;

	for (i = 0; i < mdt->mdt_nslots; i++) {
		if (mdt->mdt_slots[i] == want)
			RETURN(i);
		if (mdt->mdt_slots[i] < 0)
			do_exit(1);
	}
	RETURN(-ENOENT);
}
"#
);
