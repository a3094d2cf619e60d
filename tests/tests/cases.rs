//! Every case of `tests/cases/`: rcocci's diff on stdout, its `-o` output and its `--check`
//! exit code, against what spatch produced for the same rule and input.
//!
//! A context (`*`) rule changes nothing: its case has an `expected.diff` (the report spatch
//! prints, with `a/input.c` and `b/input.c` headers) instead of an `expected.c`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rcocci(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rcocci-e2e"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run rcocci")
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("cases")
}

fn pending() -> Vec<String> {
    fs::read_to_string(cases_dir().join("PENDING"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The files of a case besides its rule, input and expected output (headers the input
/// includes), copied into `to`; and the options in its `args` file, if it has one.
fn case_extras(case: &Path, to: &Path) -> Vec<String> {
    let own = [
        "rule.cocci",
        "input.c",
        "expected.c",
        "expected.diff",
        "args",
    ];
    for entry in fs::read_dir(case).expect("case dir").flatten() {
        let name = entry.file_name();
        let path = entry.path();
        if path.is_dir() {
            fs::create_dir_all(to.join(&name)).expect("mkdir");
            case_extras(&path, &to.join(&name));
        } else if !own.iter().any(|o| name == *o) {
            fs::copy(&path, to.join(&name)).expect("copy case file");
        }
    }
    fs::read_to_string(case.join("args"))
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// Runs one case in a scratch copy; returns the mismatches found.
fn run_case(case: Option<&Path>, rule: &Path, input: &Path, expected: &Path) -> Vec<String> {
    let scratch = tempfile::tempdir().expect("tempdir");
    let dir = scratch.path();
    let extra_args = case.map(|c| case_extras(c, dir)).unwrap_or_default();
    let rcocci = |dir: &Path, args: &[&str]| {
        let mut all: Vec<&str> = extra_args.iter().map(String::as_str).collect();
        all.extend(args);
        rcocci(dir, &all)
    };
    fs::copy(rule, dir.join("rule.cocci")).expect("copy rule");
    fs::copy(input, dir.join("input.c")).expect("copy input");
    let input_text = fs::read_to_string(input).expect("read input");
    let report = case.and_then(|c| fs::read_to_string(c.join("expected.diff")).ok());
    let expected_text = match &report {
        Some(_) => input_text.clone(),
        None => fs::read_to_string(expected).expect("read expected"),
    };
    let mut problems = Vec::new();

    let out = rcocci(dir, &["--sp-file", "rule.cocci", "input.c"]);
    let want_diff = report.unwrap_or_else(|| {
        rewriter::unified_diff(&input_text, &expected_text, "a/input.c", "b/input.c", 3)
    });
    let got_diff = String::from_utf8_lossy(&out.stdout);
    if out.status.code() != Some(0) {
        problems.push(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if got_diff != want_diff {
        problems.push(format!(
            "diff differs\n--- wanted ---\n{want_diff}--- got ---\n{got_diff}"
        ));
    }

    let out = rcocci(dir, &["--sp-file", "rule.cocci", "-o", "out.c", "input.c"]);
    match fs::read_to_string(dir.join("out.c")) {
        Ok(text) if text == expected_text => {}
        Ok(_) => problems.push("-o output differs from expected.c".into()),
        Err(e) => problems.push(format!(
            "-o wrote nothing ({e}); exit {:?}",
            out.status.code()
        )),
    }

    let out = rcocci(dir, &["--sp-file", "rule.cocci", "--check", "input.c"]);
    let want_code = if want_diff.is_empty() { 0 } else { 1 };
    if out.status.code() != Some(want_code) {
        problems.push(format!(
            "--check exit {:?}, wanted {want_code}",
            out.status.code()
        ));
    }
    problems
}

/// A case: its name, its directory (for extra files and options), rule, input and expected
/// output.
type Case = (String, Option<PathBuf>, PathBuf, PathBuf, PathBuf);

fn check_all(cases: Vec<Case>) {
    let pending = pending();
    let mut failures = Vec::new();
    for (name, dir, rule, input, expected) in cases {
        let problems = run_case(dir.as_deref(), &rule, &input, &expected);
        let is_pending = pending.contains(&name);
        match (problems.is_empty(), is_pending) {
            (true, false) => {}
            (true, true) => {
                eprintln!("case {name}: passes now; remove it from tests/cases/PENDING")
            }
            (false, true) => eprintln!("case {name}: pending ({} mismatch(es))", problems.len()),
            (false, false) => failures.push(format!("case {name}:\n{}", problems.join("\n"))),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn cases() {
    let mut dirs: Vec<PathBuf> = fs::read_dir(cases_dir())
        .expect("tests/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    let cases = dirs
        .into_iter()
        .map(|d| {
            let name = d
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (
                name,
                Some(d.clone()),
                d.join("rule.cocci"),
                d.join("input.c"),
                d.join("expected.c"),
            )
        })
        .collect();
    check_all(cases);
}

/// The README's main command: the example rule on the example file.
#[test]
fn readme_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    check_all(vec![(
        "obd_alloc_example".into(),
        None,
        root.join("examples/obd_alloc.cocci"),
        root.join("examples/obd_alloc.c"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("expected/obd_alloc.c"),
    )]);
}
