//! `make coccicheck SPATCH=rcocci`: the command lines the kernel's `scripts/coccicheck` builds,
//! one per mode, run on a fixture tree, against spatch 1.1.1's output for the same command
//! (`tests/coccicheck/expected/MODE.spatch`, see the README there). spatch hands files to
//! its jobs in no fixed order, so outputs are compared per file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/coccicheck")
}

/// The rule file's `// Options:` flags, as coccicheck reads them
/// (`grep "Options:" $COCCI | cut -d':' -f2`).
fn rule_options(rule: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(rule).unwrap();
    text.lines()
        .filter(|l| l.contains("Options:"))
        .flat_map(|l| l.split(':').nth(1).unwrap_or("").split_whitespace())
        .map(String::from)
        .collect()
}

/// Runs rcocci as coccicheck runs spatch for `mode`.
fn coccicheck(mode: &str) -> Output {
    coccicheck_with(mode, &[])
}

/// [`coccicheck`] with more flags.
fn coccicheck_with(mode: &str, extra: &[&str]) -> Output {
    let dir = fixtures();
    let rule = dir.join("nullfree.cocci");
    let mut args: Vec<String> = vec!["-D".into(), mode.into(), "--very-quiet".into()];
    if mode == "report" || mode == "org" {
        args.push("--no-show-diff".into());
    }
    args.extend(["--cocci-file".into(), "nullfree.cocci".into()]);
    args.extend(rule_options(&rule));
    for a in [
        "--dir",
        "tree",
        "-I",
        "tree/include",
        "--jobs",
        "2",
        "--chunksize",
        "1",
    ] {
        args.push(a.into());
    }
    args.extend(extra.iter().map(|a| a.to_string()));
    Command::new(env!("CARGO_BIN_EXE_rcocci"))
        .current_dir(&dir)
        .env("HOME", &dir)
        .args(&args)
        .output()
        .unwrap()
}

fn expected(mode: &str) -> String {
    std::fs::read_to_string(fixtures().join(format!("expected/{mode}.spatch"))).unwrap()
}

/// A diff's hunks by file (the name after `a/` or the tree's directory), without spatch's
/// `diff -u -p` lines and without the header lines, which spatch writes differently per mode.
fn diffs_by_file(diff: &str) -> BTreeMap<String, String> {
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if line.starts_with("diff -u -p ") || line.starts_with("+++ ") {
            continue;
        }
        if let Some(name) = line.strip_prefix("--- ") {
            let name = name
                .strip_prefix("a/")
                .or_else(|| name.strip_prefix("tree/"))
                .unwrap_or(name);
            current = Some(name.to_string());
            continue;
        }
        if let Some(file) = &current {
            let body = files.entry(file.clone()).or_default();
            body.push_str(line);
            body.push('\n');
        }
    }
    files
}

fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort();
    lines
}

#[test]
fn patch_mode_agrees_with_spatch() {
    let out = coccicheck("patch");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "--very-quiet");
    let ours = diffs_by_file(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(ours, diffs_by_file(&expected("patch")));
    assert_eq!(ours.len(), 3);
}

#[test]
fn context_mode_agrees_with_spatch() {
    let out = coccicheck("context");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        diffs_by_file(&String::from_utf8_lossy(&out.stdout)),
        diffs_by_file(&expected("context"))
    );
}

/// A line-output mode (org, report): the same lines as spatch's, in any order.
fn assert_lines_agree(mode: &str) {
    let out = coccicheck(mode);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(sorted_lines(&stdout), sorted_lines(&expected(mode)));
}

#[test]
fn org_mode_agrees_with_spatch() {
    assert_lines_agree("org");
}

#[test]
fn report_mode_agrees_with_spatch() {
    assert_lines_agree("report");
}

#[test]
fn a_mode_the_rule_file_does_not_declare_fails_as_with_spatch() {
    // coccicheck's chain mode moves on to the next mode when spatch fails.
    let out = coccicheck("fix");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("declares no virtual rule `fix`"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn report_mode_with_no_scripts_refuses_the_python_rules() {
    // A CI job that does not trust the rule file: report mode must fail, not look like
    // "nothing found"; patch mode under --no-scripts still runs (its script rules cannot).
    let out = coccicheck_with("report", &["--no-scripts"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("refused with --no-scripts"), "{err}");
    assert!(err.contains("nullfree.cocci:31:1"), "{err}");
    assert!(
        !err.contains("nullfree.cocci:26:1"),
        "org's rule cannot run: {err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let patch = coccicheck_with("patch", &["--no-scripts"]);
    assert_eq!(patch.status.code(), Some(0));
    assert_eq!(
        diffs_by_file(&String::from_utf8_lossy(&patch.stdout)),
        diffs_by_file(&expected("patch"))
    );
}
