//! Parse, match and rewrite on a fixture of our own (`c-parser/benches/fixture.c`, a kernel
//! file system client in miniature): `cargo bench -p cocci --bench engine`.
//!
//! - `parse`: the whole file, and the incremental re-parse after an edit in one function
//!   against a full parse of the same text;
//! - `match`: a context rule (it reports, changes nothing) over the file;
//! - `rewrite`: rules that change the file, each applied to the previous one's output, with
//!   the re-parse after each change and the token-boundary check.

use c_parser::incremental::{IncrementalTree, TextChange};
use cocci::driver::{build_engine, EngineConfig, FileInput, FileTransformer};
use std::path::Path;
use std::sync::Arc;

const FIXTURE: &str = include_str!("../c-parser/benches/fixture.c");

/// Reports the spinlock calls and the debug macro (matching only).
const MATCH_RULES: &str =
    "@@\nexpression L;\n@@\n* spin_lock(L);\n\n@@\nexpression list A;\n@@\n* CDEBUG(A);\n";

/// The kind of rules the Lustre client conversion runs: a free macro, the exit macros, a
/// goto macro.
const REWRITE_RULES: &str = "@@\nexpression P;\n@@\n- OBD_FREE_PTR(P);\n+ kfree(P);\n\n\
@@\nexpression E;\n@@\n- RETURN(E);\n+ return E;\n\n\
@@\n@@\n- RETURN_EXIT;\n+ return;\n\n\
@@\nidentifier L;\nexpression E;\n@@\n- GOTO(L, E);\n+ E;\n+ goto L;\n";

fn main() {
    divan::main();
}

fn engine(rules: &str) -> Arc<dyn FileTransformer + Send> {
    let rules = smpl_parser::parse_rule_file(Path::new("bench.cocci"), rules)
        .unwrap_or_else(|_| panic!("the bench rules do not parse"));
    let config = EngineConfig::new(Arc::new(c_parser::MacroTable::builtin()));
    build_engine(Arc::new(rules), &config).unwrap_or_else(|e| panic!("{e}"))
}

fn transform(engine: &dyn FileTransformer, tree: &c_parser::Parse) -> bool {
    let input = FileInput {
        path: Path::new("fixture.c"),
        text: FIXTURE,
        tree: Some(tree),
    };
    let result = engine.transform(&input).unwrap_or_else(|e| panic!("{e}"));
    result.new_text.is_some() || result.context_text.is_some()
}

#[divan::bench]
fn parse_file() -> c_parser::Parse {
    c_parser::parse(
        divan::black_box(FIXTURE),
        &c_parser::ParseOptions::default(),
    )
}

/// An edit inside one function: the new text and the change.
fn edited() -> (String, TextChange) {
    let at = FIXTURE.find("spin_lock(").expect("the fixture locks");
    let new = format!("{}raw_spin_lock({}", &FIXTURE[..at], &FIXTURE[at + 10..]);
    (
        new,
        TextChange {
            old: at..at + 10,
            new_len: 14,
        },
    )
}

#[divan::bench]
fn reparse_incremental(bencher: divan::Bencher) {
    let options = c_parser::ParseOptions::default();
    let old = c_parser::parse(FIXTURE, &options);
    let (new, change) = edited();
    bencher.bench_local(|| {
        let mut tree = IncrementalTree::new(old.clone());
        tree.apply(FIXTURE, &new, std::slice::from_ref(&change), &options)
    });
}

#[divan::bench]
fn reparse_full(bencher: divan::Bencher) {
    let options = c_parser::ParseOptions::default();
    let (new, _) = edited();
    bencher.bench_local(|| c_parser::parse(divan::black_box(&new), &options));
}

#[divan::bench]
fn match_context_rules(bencher: divan::Bencher) {
    let engine = engine(MATCH_RULES);
    let tree = parse_file();
    assert!(
        transform(engine.as_ref(), &tree),
        "the rules report nothing"
    );
    bencher.bench_local(|| transform(engine.as_ref(), &tree));
}

#[divan::bench]
fn rewrite_rules(bencher: divan::Bencher) {
    let engine = engine(REWRITE_RULES);
    let tree = parse_file();
    assert!(
        transform(engine.as_ref(), &tree),
        "the rules change nothing"
    );
    bencher.bench_local(|| transform(engine.as_ref(), &tree));
}
