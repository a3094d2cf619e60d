//! What a script sees of a position: its lines and columns are strings, as in spatch 1.1.1
//! (the kernel's returnvar.cocci builds its message with `"on line " + p2[0].line`).

mod support;
use support::{run_in, stdout};

#[test]
fn position_lines_and_columns_are_strings() {
    let rule = r#"@r@
identifier ret;
constant C;
position p;
@@
int ret@p = C;

@script:python@
p << r.p;
ret << r.ret;
@@
print(ret + " declared on line " + p[0].line + ", columns " + p[0].column + "-" + p[0].column_end + ", ends on line " + p[0].line_end)
"#;
    let c = "static int dev_validate(struct dev *d)
{
\tint ret = 0;

\tdev_check(d);
\treturn ret;
}
";
    let out = run_in(
        &[("lines.cocci", rule), ("dev.c", c)],
        &["--sp-file", "lines.cocci", "--very-quiet", "dev.c"],
        &[],
    );
    // spatch 1.1.1 prints the same line.
    assert_eq!(
        stdout(&out),
        "ret declared on line 3, columns 5-8, ends on line 3\n"
    );
}

/// `position p != errcode.p` names another rule's `p` in a constraint: a script asking for
/// `rmin.p` gets rmin's own place, and `errcode.p` errcode's. In `osc_status` rmin's nest
/// has no occurrence, so its `p` is unbound and gives the script nothing, rather than
/// errcode's `p` taken for rmin's (spatch 1.1.1 prints the same lines; rcocci once gave the
/// script errcode's place for both, then also errcode's line 14 as a place of rmin's).
#[test]
fn a_position_named_like_the_one_its_constraint_excludes_is_the_rules_own() {
    let rule = r#"@errcode@
position p;
identifier func;
expression x;
@@
func(...)
{
	<...
	return x@p < 0 ? x : 0;
	...>
}

@rmin@
identifier func;
expression x, y;
position p != errcode.p;
@@
func(...)
{
	<...
	x@p < y ? x : y
	...>
}

@script:python@
p << rmin.p;
q << errcode.p;
@@
print("min() at line " + p[0].line + ", errcode at line " + q[0].line)
"#;
    let c = "static int osc_batch_size(struct osc_device *od, int want)
{
\tint rc = osc_query(od, want);
\tint batch = want < 16 ? want : 16;

\trc = osc_apply(od, batch);
\treturn rc < 0 ? rc : 0;
}

static int osc_status(struct osc_device *od)
{
\tint rc = osc_query(od, 0);

\treturn rc < 0 ? rc : 0;
}
";
    let out = run_in(
        &[("min.cocci", rule), ("osc.c", c)],
        &["--sp-file", "min.cocci", "--very-quiet", "osc.c"],
        &[],
    );
    // rmin does not inherit from errcode (a constraint names it): the script runs for each
    // pair of their environments, as spatch 1.1.1 does.
    assert_eq!(
        stdout(&out),
        "min() at line 4, errcode at line 7\nmin() at line 4, errcode at line 14\n"
    );
}
