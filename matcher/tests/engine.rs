//! Features of the matcher and the rewrite, end to end: a rule file and a C text in, the
//! transformed text out (snapshots in snapshots/engine/). The fixtures model Lustre and
//! kernel code.

mod support;

snapshot!(
    obd_alloc_to_kzalloc,
    "@@\nexpression p, n;\n@@\n- OBD_ALLOC(p, n);\n+ p = kzalloc(n, GFP_NOFS);\n",
    "static int lov_init(struct lov_obd *lov, int count)
{
	OBD_ALLOC(lov->lov_tgts, count * sizeof(*lov->lov_tgts));
	if (lov->lov_tgts == NULL)
		return -ENOMEM;
	return 0;
}
"
);

snapshot!(
    goto_macro_gets_braces,
    "@@\nidentifier l;\nexpression e;\n@@\n- GOTO(l, e);\n+ e;\n+ goto l;\n",
    "static int mdc_setup(struct obd_device *obd)
{
	int rc = 0;

	if (obd->obd_namespace == NULL)
		GOTO(out, rc = -ENOMEM);
	rc = mdc_llog_init(obd);
	if (rc)
		GOTO(out, rc);
out:
	return rc;
}
"
);

snapshot!(
    time_seconds_parenthesised,
    "@@\nexpression t;\n@@\n- cfs_time_seconds(t)\n+ t * HZ\n",
    "static void ptlrpc_arm(struct ptlrpc_request *req, time64_t now)
{
	req->rq_deadline = jiffies + cfs_time_seconds(req->rq_timeout - now);
	schedule_timeout(cfs_time_seconds(5));
}
"
);

snapshot!(
    disjunction_first_branch_wins,
    "@@\nexpression p;\n@@\n(\n- OBD_FREE_PTR(p);\n+ kfree(p);\n|\n- OBD_FREE(p, ...);\n+ kfree(p);\n)\n",
    "static void lov_free(struct lov_stripe_md *lsm)
{
	OBD_FREE(lsm->lsm_oinfo, lsm->lsm_stripe_count * sizeof(void *));
	OBD_FREE_PTR(lsm);
}
"
);

snapshot!(
    metavariable_used_twice_binds_equal_code,
    "@@\nexpression p;\n@@\n- memset(p, 0, sizeof(*p));\n+ memset_struct(p);\n",
    "static void ll_reset(struct ll_sb_info *sbi, struct obd_uuid *uuid)
{
	memset(sbi, 0, sizeof(*sbi));
	memset(uuid, 0, sizeof(*sbi));
}
"
);

snapshot!(
    null_test_isomorphisms,
    "@@\nexpression x;\n@@\n- if (x == NULL)\n+ if (IS_ERR_OR_NULL(x))\n  return -ENOMEM;\n",
    "static int osc_a(struct osc_object *a, struct osc_object *b, struct osc_object *c)
{
	if (!a)
		return -ENOMEM;
	if (NULL == b)
		return -ENOMEM;
	if (c == NULL)
		return -ENOMEM;
	return 0;
}
"
);

snapshot!(
    typed_expression_matches_declared_type_only,
    "@@\nstruct ptlrpc_request *req;\n@@\n- ptlrpc_req_finished(req);\n+ ptlrpc_req_put(req);\n",
    "struct ptlrpc_request *global_req;

static void mdc_done(struct ptlrpc_request *req, struct obd_export *exp)
{
	ptlrpc_req_finished(req);
	ptlrpc_req_finished(exp);
	ptlrpc_req_finished(global_req);
}
"
);

snapshot!(
    statement_sequence_matches_consecutive_statements,
    "@@\nexpression lock;\n@@\n- spin_lock(lock);\n- spin_unlock(lock);\n",
    "static void ldlm_touch(struct ldlm_namespace *ns)
{
	spin_lock(&ns->ns_lock);
	spin_unlock(&ns->ns_lock);
	spin_lock(&ns->ns_lock);
	ns->ns_touched = 1;
	spin_unlock(&ns->ns_lock);
}
"
);

snapshot!(
    expression_list_moves_arguments,
    "@@\nexpression mask;\nexpression list args;\n@@\n- CDEBUG(mask, args);\n+ pr_debug(args);\n",
    "static void lmv_trace(struct lmv_obd *lmv, int idx)
{
	CDEBUG(D_INFO, \"%s: tgt %d\\n\", lmv->lmv_name, idx);
	CDEBUG(D_HA, \"done\\n\");
}
"
);

snapshot!(
    function_header_and_parameters,
    "@@\nidentifier f;\nparameter list ps;\n@@\n- static int f(ps)\n+ int f(ps)\n  { ... }\n",
    "static int lfsck_start(const struct lu_env *env, struct dt_device *key)
{
	return 0;
}
"
);

snapshot!(
    struct_initializer_field_added,
    "@@\nidentifier ops;\n@@\n  struct file_operations ops = {\n+ .owner = THIS_MODULE,\n  };\n",
    "static const struct file_operations lprocfs_fops = {
	.open		= lprocfs_open,
	.release	= lprocfs_release,
};
"
);

snapshot!(
    declaration_removed_with_its_line,
    "@@\nidentifier x;\n@@\n- int x = 0;\n",
    "static int echo_run(void)
{
	int rc = 0;
	int count;

	count = 1;
	return count;
}
"
);

snapshot!(
    rules_apply_in_sequence,
    "@@\n@@\n- LASSERT(0);\n+ LBUG();\n\n@@\n@@\n- LBUG();\n+ BUG();\n",
    "static void osd_bad(void)
{
	LASSERT(0);
}
"
);

snapshot!(
    iterator_macro_renamed,
    "@@\nexpression pos, head, member;\nstatement S;\n@@\n- cfs_list_for_each_entry(pos, head, member)\n+ list_for_each_entry(pos, head, member)\n  S\n",
    "static void lu_print(struct lu_site *s)
{
	struct lu_object *o;

	cfs_list_for_each_entry(o, &s->ls_lru, lo_linkage) {
		lu_object_print(o);
	}
}
"
);

snapshot!(
    comments_kept_beside_changed_code,
    "@@\n@@\n- cfs_gettimeofday\n+ ktime_get_real_ts64\n",
    "static void obd_stamp(struct timespec64 *ts)
{
	/* wall clock, not monotonic */
	cfs_gettimeofday(ts); /* caller holds the lock */
}
"
);

snapshot!(
    include_line_replaced,
    "@@\n@@\n- #include <libcfs/linux/linux-time.h>\n+ #include <linux/ktime.h>\n",
    "#include <linux/fs.h>
#include <libcfs/linux/linux-time.h>

int x;
"
);

snapshot!(
    field_access_through_pointer_isomorphism,
    "@@\nexpression e;\nidentifier f;\n@@\n- (*e).f\n+ e->f\n",
    "static int llog_size(struct llog_handle *h)
{
	return (*h).lgh_hdr_size + h->lgh_last_idx;
}
"
);

snapshot!(
    statement_metavariable_in_if,
    "@@\nexpression e;\nstatement S;\n@@\n- if (unlikely(e))\n+ if (e)\n  S\n",
    "static int ofd_check(struct ofd_device *ofd)
{
	if (unlikely(ofd->ofd_readonly))
		return -EROFS;
	return 0;
}
"
);

snapshot!(
    nest_rewrites_every_occurrence,
    "@@\nidentifier f;\n@@\n  f(...) {\n  <...\n- cfs_time_current()\n+ jiffies\n  ...>\n  }\n",
    "static int ptlrpc_expire(struct ptlrpc_request *req)
{
	if (req->rq_deadline < cfs_time_current())
		return 1;
	req->rq_sent = cfs_time_current();
	return 0;
}
"
);

snapshot!(
    dots_with_when_not,
    "@@\nexpression lock;\n@@\n  spin_lock(lock);\n  ... when != spin_unlock(lock);\n- return;\n+ goto out_unlock;\n",
    "static void ldlm_flush(struct ldlm_namespace *ns, int busy)
{
	spin_lock(&ns->ns_lock);
	if (busy)
		ns->ns_busy++;
	return;
}

static void ldlm_flush2(struct ldlm_namespace *ns)
{
	spin_lock(&ns->ns_lock);
	spin_unlock(&ns->ns_lock);
	return;
}
"
);

snapshot!(
    rule_applies_inside_define_body,
    "@@\nexpression p, n;\n@@\n- OBD_FREE(p, n);\n+ kfree(p);\n",
    "#define ll_release_name(name) OBD_FREE(name, NAME_MAX + 1);

static void ll_drop(char *name)
{
	OBD_FREE(name, NAME_MAX + 1);
}
"
);

snapshot!(
    not_pointer_isomorphism_removes_the_comparison,
    "@@\nexpression *e;\nstatement S;\n@@\n- if (!e) S\n",
    "static int mgc_check(struct obd_device *obd)
{
	struct obd_export *exp = obd->obd_self_export;

	if (exp == NULL)
		return -ENODEV;
	return 0;
}
"
);

// An identifier is one token: `#define i` names a macro with no body, not any `#define`.
snapshot!(
    define_without_body_matches_only_empty_macros,
    "@@\nidentifier flag;\n@@\n- #define flag\n",
    "#define LL_MAX_BLKSIZE_BITS 22

#define HAVE_SERVER_SUPPORT

static int ll_blksize_bits = LL_MAX_BLKSIZE_BITS;
"
);
