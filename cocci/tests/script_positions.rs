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
