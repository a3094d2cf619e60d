//! The table of bad rule files in `tests/bad-rules/` (at the workspace root): for each
//! `NAME.cocci`, `NAME.stderr` is exactly what the parser reports (warnings, then errors,
//! rendered without colours, the file named `tests/bad-rules/NAME.cocci` as when rcocci runs
//! from the workspace root) and `NAME.exit` the exit code (2 when the file is refused, else 0).
//! Every feature of [`Feature::ALL`] counts as unsupported, as it is for the engine today.
//!
//! After a deliberate change of wording, `BAD_RULES_BLESS=1 cargo test -p smpl-parser --test
//! bad_rules` rewrites the expected files; review them before committing.

use smpl_parser::{parse_rule_file_with_includes, Feature};
use std::path::{Path, PathBuf};

fn table_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-rules")
}

/// What the parser reports for one rule file, and the exit code that goes with it.
fn report(name: &str, text: &str) -> (String, i32) {
    let shown = Path::new("tests/bad-rules").join(name);
    match parse_rule_file_with_includes(&shown, text) {
        Err(diags) => (diags.render_plain(), 2),
        Ok(rf) => {
            let warnings = rf.warnings.render_plain();
            match rf.refuse_unsupported(Feature::ALL) {
                Ok(()) => (warnings, 0),
                Err(errors) => (warnings + &errors.render_plain(), 2),
            }
        }
    }
}

#[test]
fn every_bad_rule_file_gets_its_exact_message_and_exit_code() {
    let bless = std::env::var_os("BAD_RULES_BLESS").is_some();
    let mut names: Vec<String> = std::fs::read_dir(table_dir())
        .expect("tests/bad-rules exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".cocci"))
        .collect();
    names.sort();
    assert!(names.len() >= 25, "only {} cases", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let path = table_dir().join(name);
        let text = std::fs::read_to_string(&path).expect("readable case");
        let (stderr, code) = report(name, &text);
        let stderr_path = path.with_extension("stderr");
        let exit_path = path.with_extension("exit");
        if bless {
            std::fs::write(&stderr_path, &stderr).expect("write .stderr");
            std::fs::write(&exit_path, format!("{code}\n")).expect("write .exit");
            continue;
        }
        let want_stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
        let want_code: i32 = std::fs::read_to_string(&exit_path)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(-1);
        if stderr != want_stderr || code != want_code {
            failures.push(format!(
                "{name}: exit {code} (want {want_code})\n--- got\n{stderr}--- want\n{want_stderr}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_kind_of_diagnostic_is_in_the_table() {
    let mut all = String::new();
    for entry in std::fs::read_dir(table_dir()).expect("tests/bad-rules exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "stderr") {
            all.push_str(&std::fs::read_to_string(&path).expect("readable"));
        }
    }
    for needle in [
        "be a metavariable?",
        "metavariable but is used as an expression",
        "is not used in the `-` or context code",
        "is used only in added code",
        "unsupported feature:",
        "invalid regular expression:",
        "nested too deeply",
    ] {
        assert!(all.contains(needle), "no case reports `{needle}`");
    }
}
