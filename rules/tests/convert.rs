//! `rcocci convert` with the shipped profile `profiles/lustre-upstream.toml` on a small tree in
//! Lustre's style (`fixtures/convert/tree`): every step end to end, and a second run that
//! changes nothing.

use cocci::convert::{profile, step_totals, Converter};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn converter() -> Converter {
    let p = profile::load(&root().join("../profiles/lustre-upstream.toml"))
        .unwrap_or_else(|e| panic!("{e}"));
    Converter::new(p).unwrap_or_else(|e| panic!("{e}"))
}

/// The diffs, the summary per step and the report, as one text.
#[test]
fn lustre_upstream_profile_on_a_small_tree() {
    let converter = converter();
    let tree = root().join("fixtures/convert/tree");
    let results = converter.convert_tree(&tree).unwrap();
    let mut out = String::new();
    for r in &results {
        assert!(r.error.is_none(), "{:?}", r.error);
        if let Some(new) = &r.new_text {
            let p = r.path.display().to_string();
            out.push_str(&rewriter::unified_diff(
                &r.original,
                new,
                &format!("a/{p}"),
                &format!("b/{p}"),
                3,
            ));
        }
    }
    out.push_str("\nsteps (files, sites):\n");
    for (step, (files, sites)) in converter
        .steps
        .iter()
        .zip(step_totals(&converter.steps, &results))
    {
        out.push_str(&format!("{}: {files}, {sites}\n", step.name));
    }
    out.push_str("\nnot converted:\n");
    for r in &results {
        for n in &r.report {
            out.push_str(&format!("{}:{}: {}\n", r.path.display(), n.line, n.message));
        }
    }
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("../snapshots/rules"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!("convert__lustre_upstream", out));
}

#[test]
fn a_second_run_changes_nothing() {
    let converter = converter();
    let tree = root().join("fixtures/convert/tree");
    let results = converter.convert_tree(&tree).unwrap();
    assert!(results.iter().any(|r| r.new_text.is_some()));
    for r in &results {
        let text = r.new_text.as_deref().unwrap_or(&r.original);
        let again = converter.convert_text(&r.path, text);
        assert_eq!(
            again.new_text.as_deref(),
            None,
            "{} changes again",
            r.path.display()
        );
    }
}
