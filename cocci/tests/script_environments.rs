//! The environments a script rule runs in when it reads several rules: one per match of the
//! rule it reads last, with the matches of the rules it grew from, as in spatch 1.1.1, whose
//! output each expected text is (checked by hand when the test was written; spatch prints
//! the lines of the first test in another order, so they are sorted).

mod support;
use support::{run_in, stdout};

#[test]
fn a_script_pairs_a_child_rules_match_with_the_parent_match_it_came_from() {
    // `held` inherits `locked.pl`: each of its matches extends one match of `locked`, so the
    // script runs once per return, with that return's own lock, not with every lock.
    let rule = r#"// Report each return reached with a lock held, with the line of the lock its path took.
@locked@
position pl;
expression L;
@@
spin_lock@pl(L);

@held exists@
position locked.pl;
expression locked.L;
position pr;
@@
spin_lock@pl(L);
... when != spin_unlock(L)
return@pr ...;

@script:python@
pl << locked.pl;
pr << held.pr;
@@
print("%s: return with the lock of line %s held" % (pr[0].line, pl[0].line))
"#;
    let c = "static int osc_grant_take(struct client_obd *cli, long want)
{
\tspin_lock(&cli->cl_loi_list_lock);
\tif (cli->cl_avail_grant < want)
\t\treturn -EDQUOT;
\tcli->cl_avail_grant -= want;
\tspin_unlock(&cli->cl_loi_list_lock);
\treturn 0;
}

static int osc_dirty_add(struct client_obd *cli, long pages)
{
\tspin_lock(&cli->cl_dirty_lock);
\tif (cli->cl_dirty_pages + pages > cli->cl_dirty_max_pages)
\t\treturn -EAGAIN;
\tcli->cl_dirty_pages += pages;
\tspin_unlock(&cli->cl_dirty_lock);
\treturn 0;
}
";
    let out = run_in(
        &[("held.cocci", rule), ("osc.c", c)],
        &["--sp-file", "held.cocci", "--very-quiet", "osc.c"],
        &[],
    );
    // spatch 1.1.1 prints the same two lines, the second function's first.
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "15: return with the lock of line 13 held",
            "5: return with the lock of line 3 held"
        ]
    );
}

#[test]
fn a_script_pairs_matches_through_a_rule_it_does_not_read() {
    // `counted` inherits from `locker`, which inherits from `locked`: the script reads only
    // `locked` and `counted`, and each count still goes with its own function's lock.
    let rule = r#"@locked@
expression L;
@@
spin_lock(L);

@locker@
expression locked.L;
identifier fn;
@@
fn(...) { <+... spin_lock(L); ...+> }

@counted@
identifier locker.fn;
expression N;
@@
fn(...) { <+... lprocfs_counter_incr(N); ...+> }

@script:python@
l << locked.L;
n << counted.N;
@@
print("%s counts %s" % (l, n))
"#;
    let c = "static void ll_getattr_stat(struct inode *inode)
{
\tspin_lock(&inode->i_lock);
\tlprocfs_counter_incr(LPROC_LL_GETATTR);
\tspin_unlock(&inode->i_lock);
}

static void ll_setattr_stat(struct ll_sb_info *sbi)
{
\tspin_lock(&sbi->ll_lock);
\tlprocfs_counter_incr(LPROC_LL_SETATTR);
\tspin_unlock(&sbi->ll_lock);
}
";
    let out = run_in(
        &[("counted.cocci", rule), ("lproc.c", c)],
        &["--sp-file", "counted.cocci", "--very-quiet", "lproc.c"],
        &[],
    );
    assert_eq!(
        stdout(&out),
        "& inode -> i_lock counts LPROC_LL_GETATTR\n& sbi -> ll_lock counts LPROC_LL_SETATTR\n"
    );
}

#[test]
fn a_nest_gives_one_environment_per_occurrence() {
    // One environment per occurrence, whether a function has one or two: the script runs
    // once for each, never twice for the same value.
    let rule = r#"@stat@
identifier fn;
expression N;
@@
fn(...) { <+... lprocfs_counter_incr(N); ...+> }

@script:python@
fn << stat.fn;
n << stat.N;
@@
print("%s: %s" % (fn, n))
"#;
    let c = "static int ll_rename(struct inode *src, struct inode *tgt)
{
\tlprocfs_counter_incr(LPROC_LL_RENAME);
\tif (src == tgt)
\t\treturn 0;
\tlprocfs_counter_incr(LPROC_LL_RENAME_CROSS);
\treturn ll_rename_internal(src, tgt);
}

static int ll_unlink(struct inode *dir, struct dentry *dchild)
{
\tlprocfs_counter_incr(LPROC_LL_UNLINK);
\treturn ll_unlink_internal(dir, dchild);
}
";
    let out = run_in(
        &[("stat.cocci", rule), ("namei.c", c)],
        &["--sp-file", "stat.cocci", "--very-quiet", "namei.c"],
        &[],
    );
    assert_eq!(
        stdout(&out),
        "ll_rename: LPROC_LL_RENAME\nll_rename: LPROC_LL_RENAME_CROSS\nll_unlink: LPROC_LL_UNLINK\n"
    );
}

#[test]
fn a_nest_in_an_argument_is_one_argument_and_each_subexpression_an_environment() {
    // `<+... E ...+>` as an argument stands for one argument, not for list dots: a call with
    // two arguments or none does not match. Every subexpression of that argument is an
    // environment, the ones inside others too (`ptr->len` and `ptr`), as in spatch 1.1.1
    // (which prints the same lines in another order: they are sorted).
    let rule = r#"@freed@
expression E;
@@
OBD_FREE(<+... E ...+>);

@script:python@
e << freed.E;
@@
print(e)
"#;
    let c = "static void lov_free_memmd(struct lov_stripe_md *ptr, int n)
{
	OBD_FREE(sizeof(ptr->len));
	OBD_FREE(n + 1);
	OBD_FREE(ptr, n);
	OBD_FREE();
}
";
    let out = run_in(
        &[("freed.cocci", rule), ("lov_ea.c", c)],
        &["--sp-file", "freed.cocci", "--very-quiet", "lov_ea.c"],
        &[],
    );
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "( ptr -> len )",
            "1",
            "n",
            "n + 1",
            "ptr",
            "ptr -> len",
            "sizeof ( ptr -> len )"
        ]
    );
}

#[test]
fn each_path_end_is_an_environment_of_its_own_in_text_order() {
    // Two paths from the first lock reach a second one: round its own loop (line 4 again)
    // and past two loops that run zero times (line 9). spatch runs the script once for
    // each, in the order of the places, and so does rcocci.
    let rule = r#"@r exists@
expression E1;
position p1, p2;
@@
spin_lock@p1(E1);
... when != E1
spin_lock@p2(E1);

@script:python@
p1 << r.p1;
p2 << r.p2;
@@
print("%s %s %d" % (p1[0].line, p2[0].line, len(p2)))
"#;
    let c = "static void svc_drain(struct svc *sv)
{
\tfor_each_cd(scd, i, sv->cds)
\t\tspin_lock(&scd->lock);
\tsv->down = 1;
\tfor_each_cd(scd, i, sv->cds)
\t\tspin_unlock(&scd->lock);
\tfor_each_cd(scd, i, sv->cds) {
\t\tspin_lock(&scd->lock);
\t\tsv->count++;
\t\tspin_unlock(&scd->lock);
\t}
}
";
    let out = run_in(
        &[("lock.cocci", rule), ("svc.c", c)],
        &["--sp-file", "lock.cocci", "--very-quiet", "svc.c"],
        &[],
    );
    assert_eq!(stdout(&out), "4 4 1\n4 9 1\n");
}

#[test]
fn a_position_named_in_a_constraint_does_not_tie_environments() {
    // `r` excludes the places `tested` bound (`p2 != tested.p`), and `tested` saw only
    // `new_k`: `r`'s match for `ck->k` still runs the script with the `freed` environment
    // it came from, as in spatch (`13 14`; the `new_k` path returns before any use).
    let rule = r#"@freed@
expression E;
position p1;
@@
kfree@p1(E)

@tested expression@
expression freed.E;
position p;
@@
!E@p

@r exists@
expression freed.E;
position freed.p1, p2 != tested.p;
@@
kfree@p1(E, ...)
...
E@p2

@script:python@
p1 << freed.p1;
p2 << r.p2;
@@
print("%s %s" % (p1[0].line, p2[0].line))
"#;
    let c = "static int key_grow(struct key_trans *trans, struct key_cache *ck, unsigned int n)
{
\tstruct key *new_k = kmalloc(n, GFP_KERNEL);

\tif (!new_k)
\t\treturn -ENOMEM;
\tif (trans->err) {
\t\tkfree(new_k);
\t\treturn trans->err;
\t}

\tmemcpy(new_k, ck->k, ck->n);
\tkfree(ck->k);
\tif (trans->old_v == &ck->k->v)
\t\ttrans->old_v = &new_k->v;
\treturn 0;
}
";
    let out = run_in(
        &[("free.cocci", rule), ("key.c", c)],
        &["--sp-file", "free.cocci", "--very-quiet", "key.c"],
        &[],
    );
    assert_eq!(stdout(&out), "13 14\n");
}

#[test]
fn path_ends_of_a_match_without_exists_are_one_environment() {
    // Both returns end a path of the one match: without `exists` spatch runs the script
    // once, `p2` the list of both ends (lines 7 and 11).
    let rule = r#"@r@
identifier ret;
constant C;
position p1, p2;
@@
int ret@p1 = C;
... when != ret
    when strict
return ret@p2;

@script:python@
p1 << r.p1;
p2 << r.p2;
@@
print("%s %s %d %s" % (p1[0].line, p2[0].line, len(p2), p2[-1].line))
"#;
    let c = "static int entry_usage_validate(struct entry *entry, unsigned bytes)
{
\tint ret = 0;

\tif (bytes < sizeof(*entry)) {
\t\tentry_null_range(entry);
\t\treturn ret;
\t}

\tentry_check(entry);
\treturn ret;
}
";
    let out = run_in(
        &[("ret.cocci", rule), ("entry.c", c)],
        &["--sp-file", "ret.cocci", "--very-quiet", "entry.c"],
        &[],
    );
    assert_eq!(stdout(&out), "3 7 2 11\n");
}

#[test]
fn a_scripts_negated_dependency_is_decided_per_environment() {
    // `bad` inherits `r.E` and `r.p` and matches the duplicated call (it may have a side
    // effect), not the duplicated test: `depends on !bad` excludes the call's environment
    // only. spatch 1.1.1 prints the test's line; rcocci printed nothing, `bad` having
    // matched somewhere in the file.
    let rule = r#"@r expression@
expression E;
position p;
@@
 E@p && ... && E

@bad@
expression r.E, fn;
position r.p;
@@
(
E@p
&
 <+... fn(...) ...+>
)

@script:python depends on !bad@
p << r.p;
@@
print("duplicated test at line %s" % p[0].line)
"#;
    let c = "static void kfilnd_tunables_init(struct kfilnd_tunables *t, int major)
{
\tif (t->prov_major == 0 && t->prov_major == 0)
\t\tt->prov_major = major;
\tif (kfilnd_next_credit(t) && kfilnd_next_credit(t))
\t\tt->credits++;
}
";
    let out = run_in(
        &[("dup.cocci", rule), ("kfilnd.c", c)],
        &["--sp-file", "dup.cocci", "--very-quiet", "kfilnd.c"],
        &[],
    );
    assert_eq!(stdout(&out), "duplicated test at line 3\n");
}
