//! A whole function rewritten the way the matcher will drive the rewriter, checked against the
//! layout spatch produces for the same rules (written out by hand here). One place differs on
//! purpose: spatch 1.1.1 writes `t - 1 * HZ` where precedence needs `(t - 1) * HZ`. The kept
//! trailing comment of a removed line is joined to the line before, as spatch does.

use rewriter::{unified_diff, Rewrite};

const BEFORE: &str = "\
static int ll_thing(struct ll_sb_info *sbi, int t)
{
\tstruct ll_inode_info *lli = sbi->ll_lli;
\tlong timeout;

\t/* free it */
\tOBD_FREE_PTR(lli);
\told_call(lli); /* trailing note */
\ttimeout = T * HZ;
\tlli_set(lli, 1, 2);
\tif (t)
\t\tlock_it(lli);
\treturn 0;
}
";

const AFTER: &str = "\
static int ll_thing(struct ll_sb_info *sbi, int t)
{
\tstruct ll_inode_info *lli = sbi->ll_lli;
\tlong timeout;

\t/* free it *//* trailing note */
\ttimeout = (t - 1) * HZ;
\tlli_set(lli, 1);
\tif (t) {
\t\tpre_lock(lli);
\t\tlock_it(lli);
\t\tpost_lock(lli);
\t}
\treturn 0;
\t/* done */
}
";

fn find(needle: &str) -> std::ops::Range<usize> {
    let s = BEFORE.find(needle).expect(needle);
    s..s + needle.len()
}

/// The token ranges of a piece of code, as a matcher reports minus tokens one by one.
fn tokens_of(needle: &str) -> Vec<std::ops::Range<usize>> {
    let base = find(needle).start;
    rewriter::scan::tokens(needle)
        .iter()
        .map(|t| base + t.start..base + t.start + t.text.len())
        .collect()
}

#[test]
fn function_rewritten_like_spatch() {
    let mut rw = Rewrite::new(BEFORE);
    // - OBD_FREE_PTR(E);
    for r in tokens_of("OBD_FREE_PTR(lli);") {
        rw.remove(r);
    }
    // - old_call(E);
    for r in tokens_of("old_call(lli);") {
        rw.remove(r);
    }
    // - T  + t - 1 (parenthesised by the matcher, which knows the operators around it)
    let t = find("T * HZ").start;
    rw.remove(t..t + 1);
    rw.add_inline(t, "(t - 1)");
    // - lli_set(A, B, C);  + lli_set(A, B);  (the matcher keeps A and B, drops `, C`)
    let c = find("lli_set(lli, 1, 2);");
    rw.remove(c.start + 14..c.start + 15); // `,`
    rw.remove(c.start + 16..c.start + 17); // `2`
                                           // + pre_lock(E);  lock_it(E);  + post_lock(E);
    let body = find("lock_it(lli);");
    rw.mark_unbraced_body(body.clone());
    rw.add_lines_before(body.start, "pre_lock(lli);");
    rw.add_lines_after(body.end, "post_lock(lli);");
    // return 0;  + /* done */
    rw.add_lines_after(find("return 0;").end, "/* done */");
    let out = rw.apply().unwrap();
    assert_eq!(
        out,
        AFTER,
        "\n{}",
        unified_diff(AFTER, &out, "expected", "got", 3)
    );
}

const BEFORE2: &str = "\
int ll_other(struct ll_sb_info *sbi)
{
\tint rc;

\tif (sbi->ll_flags & LL_SBI_CHECKSUM)
\t\tll_checksum(sbi,
\t\t\t    sbi->ll_lli);
\trc = ll_call(sbi, 1,
\t\t     2);
\treturn rc;
}
";

const AFTER2: &str = "\
int ll_other(struct ll_sb_info *sbi)
{
\tint added = 0;
\tint rc;

\trc = ll_call_new(sbi, 1 + 2, 0);
\treturn rc;
}
";

#[test]
fn multi_line_code_removed_and_replaced_like_spatch() {
    let text = BEFORE2;
    let at = |needle: &str| text.find(needle).expect(needle);
    let mut rw = Rewrite::new(text);
    rw.add_lines_after(at("{") + 1, "int added = 0;");
    // The whole `if` with its two-line body, token by token.
    let if_start = at("if (sbi");
    let if_end = at("ll_lli);") + "ll_lli);".len();
    for t in rewriter::scan::tokens(&text[if_start..if_end]) {
        rw.remove(if_start + t.start..if_start + t.start + t.text.len());
    }
    // A call over two lines replaced by one.
    let call_start = at("ll_call(");
    let call_end = at("2);") + 2;
    for t in rewriter::scan::tokens(&text[call_start..call_end]) {
        rw.remove(call_start + t.start..call_start + t.start + t.text.len());
    }
    rw.add_inline(call_start, "ll_call_new(sbi, 1 + 2, 0)");
    let out = rw.apply().unwrap();
    assert_eq!(
        out,
        AFTER2,
        "\n{}",
        unified_diff(AFTER2, &out, "expected", "got", 3)
    );
}
