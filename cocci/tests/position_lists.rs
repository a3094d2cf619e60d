//! A position bound at several places of one match (a nest's occurrences, the ends or the
//! middle of the paths of a rule without `exists`) is one list, as in spatch 1.1.1, whose
//! output each expected text is (checked by hand when the test was written; where spatch
//! prints the lines in another order, they are sorted). Only the values used later are
//! kept: a value that differs between the occurrences and nothing reads is dropped, one
//! that is read gives an environment per value.

mod support;
use support::{run_in, stdout};

/// Two loops over a resource's locks that reassign the cursor: twice in the first (lines 7
/// and 11), three times in the second (lines 22, 24, 25), once outside any loop (line 27).
const LDLM: &str =
    "static void ldlm_grant_scan(struct ldlm_resource *res, struct ldlm_lock *mode_end)
{
\tstruct ldlm_lock *lock;

\tlist_for_each_entry(lock, &res->lr_granted, l_res_link) {
\t\tif (lock->l_granted_mode == LCK_GROUP) {
\t\t\tlock = mode_end;
\t\t\tcontinue;
\t\t}
\t\tif (lock->l_policy_data.l_inodebits.bits == 0)
\t\t\tlock = list_next_entry(lock, l_res_link);
\t\tldlm_lock_touch(lock);
\t}
}

static void ldlm_grant_three(struct ldlm_resource *res, struct ldlm_lock *a)
{
\tstruct ldlm_lock *lock;

\tlist_for_each_entry(lock, &res->lr_waiting, l_res_link) {
\t\tif (lock->l_flags & LDLM_FL_CBPENDING)
\t\t\tlock = a;
\t\tif (lock->l_flags & LDLM_FL_AST_SENT)
\t\t\tlock = a;
\t\tlock = list_next_entry(lock, l_res_link);
\t}
\tlock = NULL;
}
";

/// The loops whose cursor is reassigned inside them.
const UPDATED_CURSOR: &str = "@r@
iterator name list_for_each_entry;
expression x,E;
position p1,p2;
@@

list_for_each_entry@p1(x,...) { <... x =@p2 E ...> }
";

fn lines_of(rule: &str, c_name: &str, c: &str) -> Vec<String> {
    let out = run_in(
        &[("rule.cocci", rule), (c_name, c)],
        &["--sp-file", "rule.cocci", "--very-quiet", c_name],
        &[],
    );
    stdout(&out).lines().map(str::to_string).collect()
}

#[test]
fn a_nests_occurrences_are_one_environment_whose_position_lists_them() {
    // The script reads `p1` and `p2` only: `E` differs between the occurrences and is
    // dropped, and each loop is one environment, `p2` all its assignments.
    let rule = format!(
        "{UPDATED_CURSOR}
@script:python@
p1 << r.p1;
p2 << r.p2;
@@
print(\"%s %s %d %s\" % (p1[0].line, p2[0].line, len(p2), p2[-1].line))
"
    );
    assert_eq!(
        lines_of(&rule, "ldlm_lock.c", LDLM),
        ["5 7 2 11", "20 22 3 25"]
    );
}

#[test]
fn a_value_read_later_gives_a_nest_an_environment_per_value() {
    // The script reads `E` too: one environment per value of `E` in each loop, `p2` the
    // places with that value (`a` at lines 22 and 24).
    let rule = format!(
        "{UPDATED_CURSOR}
@script:python@
p1 << r.p1;
p2 << r.p2;
e << r.E;
@@
print(\"%s %s %d %s %s\" % (p1[0].line, p2[0].line, len(p2), p2[-1].line, e))
"
    );
    let mut lines = lines_of(&rule, "ldlm_lock.c", LDLM);
    lines.sort();
    assert_eq!(
        lines,
        [
            "20 22 2 24 a",
            "20 25 1 25 list_next_entry ( lock , l_res_link )",
            "5 11 1 11 list_next_entry ( lock , l_res_link )",
            "5 7 1 7 mode_end",
        ]
    );
}

#[test]
fn a_later_rule_matches_at_each_place_of_an_inherited_list() {
    // `s` inherits `r.p2`, a list: it matches at each of its places, and the script still
    // reads the whole list from `r`.
    let rule = format!(
        "{UPDATED_CURSOR}
@s@
expression x, E;
position r.p2;
position q;
@@
x =@p2 E@q

@script:python@
p2 << r.p2;
q << s.q;
@@
print(\"%s %d %s %d\" % (p2[0].line, len(p2), q[0].line, len(q)))
"
    );
    assert_eq!(
        lines_of(&rule, "ldlm_lock.c", LDLM),
        ["7 2 7 1", "7 2 11 1", "22 3 22 1", "22 3 24 1", "22 3 25 1"]
    );
}

#[test]
fn a_later_rule_changes_each_place_of_an_inherited_list() {
    let rule = format!(
        "{UPDATED_CURSOR}
@s@
expression x, E;
position r.p2;
@@
- x =@p2 E;
+ x = ldlm_checked(E);
"
    );
    let out = run_in(
        &[("rule.cocci", &rule), ("ldlm_lock.c", LDLM)],
        &["--sp-file", "rule.cocci", "--very-quiet", "ldlm_lock.c"],
        &[],
    );
    // The changed lines, sorted: spatch groups the last two changes of a hunk (their
    // removed lines, then their added ones).
    let mut changed: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| l.starts_with(['-', '+']) && !l.starts_with("---") && !l.starts_with("+++"))
        .map(str::to_string)
        .collect();
    changed.sort();
    assert_eq!(
        changed,
        [
            "+\t\t\tlock = ldlm_checked(a);",
            "+\t\t\tlock = ldlm_checked(a);",
            "+\t\t\tlock = ldlm_checked(list_next_entry(lock, l_res_link));",
            "+\t\t\tlock = ldlm_checked(mode_end);",
            "+\t\tlock = ldlm_checked(list_next_entry(lock, l_res_link));",
            "-\t\t\tlock = a;",
            "-\t\t\tlock = a;",
            "-\t\t\tlock = list_next_entry(lock, l_res_link);",
            "-\t\t\tlock = mode_end;",
            "-\t\tlock = list_next_entry(lock, l_res_link);",
        ]
    );
}

#[test]
fn a_position_constraint_excludes_every_place_of_the_list() {
    let rule = format!(
        "{UPDATED_CURSOR}
@t@
expression x, E;
position p != r.p2;
@@
x =@p E

@script:python@
p << t.p;
e << t.E;
@@
print(\"%s %s %d\" % (p[0].line, e, len(p)))
"
    );
    assert_eq!(lines_of(&rule, "ldlm_lock.c", LDLM), ["27 NULL 1"]);
}

/// A function whose counter is read on two paths that end at the same return.
const MDT: &str = "static int mdt_reint_check(struct mdt_thread_info *info, int flags)
{
\tint rc = 0;

\tmdt_lock(info);
\tif (flags & MDS_OPEN_CREAT)
\t\tmdt_note(info, 1);
\telse
\t\tmdt_note(info, 2);
\tmdt_unlock(info);
\treturn rc;
}
";

#[test]
fn a_position_on_several_paths_is_one_list_without_exists() {
    // `N` differs between the paths and nothing reads it: one environment, `p2` both notes.
    let rule = "@r@
expression E, N;
position p1, p2;
@@
mdt_lock@p1(E);
...
mdt_note@p2(E, N);
...
mdt_unlock(E);

@script:python@
p1 << r.p1;
p2 << r.p2;
@@
print(\"%s %s %d %s\" % (p1[0].line, p2[0].line, len(p2), p2[-1].line))
";
    assert_eq!(lines_of(rule, "mdt_reint.c", MDT), ["5 7 2 9"]);
    // With `exists`, each path is an environment of its own.
    let exists = rule.replacen("@r@", "@r exists@", 1);
    assert_eq!(
        lines_of(&exists, "mdt_reint.c", MDT),
        ["5 7 1 7", "5 9 1 9"]
    );
}

#[test]
fn a_position_in_both_branches_of_a_nests_disjunction_lists_both() {
    // Both branches bind `p2`: the call (line 11) binds no `E`, and is in the list of each
    // value of `E`. rcocci dropped the match (the second branch's places were taken for a
    // clash with the first's).
    let c = "static void ldlm_grant_touch(struct ldlm_resource *res, struct ldlm_lock *a)
{
\tstruct ldlm_lock *lock;

\tlist_for_each_entry(lock, &res->lr_waiting, l_res_link) {
\t\tif (lock->l_flags & LDLM_FL_CBPENDING)
\t\t\tlock = a;
\t\tif (lock->l_flags & LDLM_FL_AST_SENT)
\t\t\tlock = a;
\t\tlock = list_next_entry(lock, l_res_link);
\t\tldlm_lock_touch(lock);
\t}
}
";
    let rule = "@r@
iterator name list_for_each_entry;
expression x,E;
position p1,p2;
@@

list_for_each_entry@p1(x,...) { <... \\( x =@p2 E \\| ldlm_lock_touch@p2(x) \\) ...> }

@script:python@
p1 << r.p1;
p2 << r.p2;
e << r.E;
@@
print(\"%s %s %d %s %s\" % (p1[0].line, p2[0].line, len(p2), p2[-1].line, e))
";
    assert_eq!(
        lines_of(rule, "ldlm_lock.c", c),
        [
            "5 7 3 11 a",
            "5 10 2 11 list_next_entry ( lock , l_res_link )"
        ]
    );
}
