//! `rcocci --explain FILE:LINE` on a table of fixtures (tests/explain/NAME.cocci and
//! NAME.c), one per reason a rule matches or does not: each output is a snapshot, and each
//! must also state its reason in the words the table gives.

use std::path::Path;
use std::process::Command;

/// (fixture, line, extra flags, words the explanation must contain)
const CASES: &[(&str, usize, &[&str], &str)] = &[
    (
        "token_differs",
        3,
        &[],
        "the pattern has `)` where the code's list goes on with `file`",
    ),
    (
        "operator_differs",
        5,
        &[],
        "the pattern's `<` does not match `<=`",
    ),
    (
        "path_ends",
        3,
        &[],
        "a path after the dots reaches the end of the block without `mutex_unlock`",
    ),
    (
        "list_ends",
        3,
        &[],
        "the code's list ends where the pattern has `O`",
    ),
    (
        "shape",
        5,
        &[],
        "the pattern has a function call where the code has an assignment",
    ),
    (
        "metavar_kind",
        3,
        &[],
        "is not an identifier, as metavariable `fld` must be",
    ),
    (
        "local_idexpression",
        5,
        &[],
        "`mgc_obd` is not a local variable (local idexpression), as metavariable `D` must be",
    ),
    (
        "regex",
        3,
        &[],
        "metavariable `fn` refused `osc_setup`: constraint `=~ \"^ll_\"`",
    ),
    (
        "not_in_list",
        3,
        &[],
        "metavariable `C` refused `1`: constraint `!= {0, 1}`",
    ),
    ("type", 3, &[], "`de` has type `struct dentry *`"),
    (
        "rebound",
        3,
        &[],
        "metavariable `E` is bound to `dst` already, and here the code is `src`",
    ),
    (
        "script_constraint",
        3,
        &[],
        "metavariable `fn` refused `mgs_cleanup`: its script constraint is false",
    ),
    (
        "position",
        4,
        &[],
        "position `q` refused the place of `kfree`: constraint `!= kept.p`",
    ),
    (
        "when",
        3,
        &[],
        "refused: a `when` clause of `...` forbids `msleep(10);`",
    ),
    (
        "depends_rule",
        3,
        &[],
        "`depends on uses_old` is false: `uses_old` did not match",
    ),
    (
        "depends_virtual",
        3,
        &["-D", "patch"],
        "`depends on report` is false: `report` did not match (and is not given with -D)",
    ),
    (
        "depends_not",
        3,
        &[],
        "`depends on !has_free` is false: rule `has_free` matched",
    ),
    (
        "prefilter",
        3,
        &[],
        "skipped by the prefilter: the file does not contain `kvfree_rcu`",
    ),
    (
        "prefilter_any",
        3,
        &[],
        "the file does not contain any of `vfree`, `kvfree`",
    ),
    ("unparsed_line", 3, &[], "line 3 did not parse"),
    (
        "unparsed_function",
        4,
        &[],
        "the function around line 4 did not parse at line 3",
    ),
    (
        "inherited_empty",
        1,
        &[],
        "its inherited environment is empty (`dies` did not match)",
    ),
    ("matched", 3, &[], "bindings: E = `m->mdt_child`"),
    (
        "not_tried_here",
        3,
        &[],
        "this code does not contain `OBD_FREE_PTR`",
    ),
    ("context", 3, &[], "reported (a `*` rule changes nothing"),
    (
        "after_earlier_rule",
        3,
        &[],
        "(on the file as the earlier rules changed it) matched here",
    ),
    ("no_change", 3, &[], "change: none here"),
];

fn explain(name: &str, line: usize, flags: &[&str]) -> (String, String, Option<i32>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/explain");
    let out = Command::new(env!("CARGO_BIN_EXE_rcocci"))
        .current_dir(&dir)
        .args(["--sp-file", &format!("{name}.cocci")])
        .args(["--explain", &format!("{name}.c:{line}")])
        .args(flags)
        .output()
        .expect("rcocci runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn every_reason_of_the_table_is_given() {
    let mut wrong = Vec::new();
    for (name, line, flags, words) in CASES {
        let (stdout, stderr, code) = explain(name, *line, flags);
        if code != Some(0) || !stdout.contains(words) {
            wrong.push(format!(
                "{name}:{line}: expected `{words}`, exit {code:?}\n{stdout}{stderr}"
            ));
        }
        insta::assert_snapshot!(*name, stdout);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_subcommand_takes_the_rule_file_and_places_as_arguments() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/explain");
    let out = Command::new(env!("CARGO_BIN_EXE_rcocci"))
        .current_dir(&dir)
        .args(["explain", "matched.cocci", "matched.c:3", "matched.c:4"])
        .output()
        .expect("rcocci runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout.contains("matched.c:3: `OBD_FREE_PTR(m->mdt_child);`"));
    assert!(stdout.contains("matched.c:4: `OBD_FREE_PTR(m);`"));
    assert!(stdout.contains("bindings: E = `m`"));
}

#[test]
fn a_place_that_is_not_code_is_an_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/explain");
    for (place, message) in [
        (
            "matched.c:99",
            "--explain matched.c:99: line 99: the file has 5 lines",
        ),
        (
            "matched.c:x",
            "--explain matched.c:x: `x` is not a line number (expected FILE:LINE)",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_rcocci"))
            .current_dir(&dir)
            .args(["--sp-file", "matched.cocci", "--explain", place])
            .output()
            .expect("rcocci runs");
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(message));
    }
}
