//! Runs a rule of `rules/` on a fixture through the `cocci` library (the same driver the
//! `rcocci` command line uses: parse, transform, re-parse guard) and snapshots the change as a
//! unified diff, byte-identical to `diff -u -p --label a/CASE.c --label b/CASE.c`, so that
//! `rules/check-fixtures-with-spatch.sh` can compare each snapshot with spatch's result.
//! Every test file includes this module and uses a part of it, hence the `dead_code` allows.

use cocci::driver::{build_engine, CSyntaxCheck, Driver, EngineConfig, FileInput};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn rules_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn engine_config() -> EngineConfig {
    EngineConfig::new(Arc::new(c_parser::MacroTable::builtin()))
}

/// The text the rule file text `rule_text` makes of `input`.
#[allow(dead_code)]
pub fn apply_rule_text(rule_text: &str, input: &str) -> String {
    let rules = smpl_parser::parse_rule_file(Path::new("rule.cocci"), rule_text)
        .unwrap_or_else(|_| panic!("the rule does not parse"));
    let engine = build_engine(Arc::new(rules), &engine_config()).unwrap_or_else(|e| panic!("{e}"));
    let input_file = FileInput {
        path: Path::new("input.c"),
        text: input,
        tree: None,
    };
    match engine.transform(&input_file) {
        Ok(result) => result.new_text.unwrap_or_else(|| input.to_string()),
        Err(e) => panic!("{e}"),
    }
}

/// The diff `rule` makes to `fixtures/<rule>/<case>.c` (empty when nothing changes).
#[allow(dead_code)]
pub fn rule_diff(rule: &str, case: &str) -> String {
    let rule_path = rules_dir().join(format!("{rule}.cocci"));
    let rule_text = std::fs::read_to_string(&rule_path)
        .unwrap_or_else(|e| panic!("{}: {e}", rule_path.display()));
    let rules = match smpl_parser::parse_rule_file(&rule_path, &rule_text) {
        Ok(r) => r,
        Err(diags) => {
            diags.emit_to_stderr();
            panic!("{}: the rule file does not parse", rule_path.display());
        }
    };
    let config = engine_config();
    let driver = Driver::new(
        build_engine(Arc::new(rules), &config).unwrap_or_else(|e| panic!("{e}")),
        Arc::new(CSyntaxCheck::new(config.macros.clone())),
    );
    let fixture = rules_dir()
        .join("fixtures")
        .join(rule)
        .join(format!("{case}.c"));
    let outcome = driver.process(&fixture);
    if let Some(error) = &outcome.error {
        panic!("{error}");
    }
    let new_text = outcome.new_text.as_deref().unwrap_or(&outcome.original);
    let label = format!("{case}.c");
    rewriter::unified_diff(
        &outcome.original,
        new_text,
        &format!("a/{label}"),
        &format!("b/{label}"),
        3,
    )
}

/// The diff the rule files `rules`, applied one after the other, make to
/// `fixtures/sequence/<case>.c`.
#[allow(dead_code)]
pub fn sequence_diff(rules: &[&str], case: &str) -> String {
    let fixture = rules_dir()
        .join("fixtures/sequence")
        .join(format!("{case}.c"));
    let original =
        std::fs::read_to_string(&fixture).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    let mut text = original.clone();
    for rule in rules {
        let rule_path = rules_dir().join(format!("{rule}.cocci"));
        let rule_text = std::fs::read_to_string(&rule_path)
            .unwrap_or_else(|e| panic!("{}: {e}", rule_path.display()));
        text = apply_rule_text(&rule_text, &text);
    }
    let label = format!("{case}.c");
    rewriter::unified_diff(
        &original,
        &text,
        &format!("a/{label}"),
        &format!("b/{label}"),
        3,
    )
}

/// The diff `fixtures/engine_shapes/<case>.cocci` makes to `fixtures/engine_shapes/<case>.c`.
#[allow(dead_code)]
pub fn engine_shape_diff(case: &str) -> String {
    let dir = rules_dir().join("fixtures/engine_shapes");
    let read = |name: String| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let rule_text = read(format!("{case}.cocci"));
    let original = read(format!("{case}.c"));
    let text = apply_rule_text(&rule_text, &original);
    let label = format!("{case}.c");
    rewriter::unified_diff(
        &original,
        &text,
        &format!("a/{label}"),
        &format!("b/{label}"),
        3,
    )
}

/// Asserts `diff` against `snapshots/rules/<name>.snap`.
#[allow(dead_code)]
pub fn check_diff(name: &str, diff: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("../snapshots/rules"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, diff));
}

/// Asserts the diff of `rule` on `case` against `snapshots/rules/<rule>__<case>.snap`.
#[allow(dead_code)]
pub fn check(rule: &str, case: &str) {
    check_diff(&format!("{rule}__{case}"), rule_diff(rule, case));
}

#[allow(unused_macros)]
/// One test per fixture: `cases!(rule; case, case, ...; pending case = "engine: why", ...)`.
/// A pending case's snapshot holds the expected diff (spatch's, checked by hand); the test is
/// ignored until the engine produces it.
#[macro_export]
macro_rules! cases {
    ($rule:ident; $($case:ident),* $(,)? $(; $(pending $pcase:ident = $why:literal),* $(,)?)?) => {
        $(
            #[test]
            fn $case() {
                support::check(stringify!($rule), stringify!($case));
            }
        )*
        $($(
            #[test]
            #[ignore = $why]
            fn $pcase() {
                support::check(stringify!($rule), stringify!($pcase));
            }
        )*)?
    };
}

/// The sites the flag rules of `rules/<rule>.cocci` report in `fixtures/<rule>/<case>.c`, one
/// `LINE: API: reason` per line, as `rcocci convert` prints them (without the file name).
#[allow(dead_code)]
pub fn flag_report(rule: &str, case: &str) -> String {
    let rule_path = rules_dir().join(format!("{rule}.cocci"));
    let step = cocci::convert::rules::RuleStep::load(&rule_path, engine_config().macros)
        .unwrap_or_else(|e| panic!("{e}"));
    let fixture = rules_dir()
        .join("fixtures")
        .join(rule)
        .join(format!("{case}.c"));
    let text =
        std::fs::read_to_string(&fixture).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    let outcome = step.apply(&fixture, &text);
    assert!(
        outcome.new_text.is_none(),
        "a flag rule file changed the text"
    );
    outcome
        .flags
        .iter()
        .map(|n| format!("{}: {}\n", n.line, n.message))
        .collect()
}

/// Asserts the flag report of `rule` on `case` against `snapshots/rules/<rule>__<case>.snap`.
#[allow(dead_code)]
pub fn check_flags(rule: &str, case: &str) {
    check_diff(&format!("{rule}__{case}"), flag_report(rule, case));
}
