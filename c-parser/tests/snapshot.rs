//! The whole kernel-style benchmark fixture as a compact tree: a regression guard for every
//! construct it contains (review changes with `cargo insta review`).

use c_parser::{debug_tree, parse, ParseOptions};

#[test]
fn fixture_tree() {
    let text = include_str!("../benches/fixture.c");
    let parse = parse(text, &ParseOptions::default());
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    assert_eq!(parse.root.text().to_string(), text);
    insta::assert_snapshot!(debug_tree(&parse.root));
}
