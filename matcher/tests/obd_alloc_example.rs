//! examples/obd_alloc.{cocci,c}: rcocci's output must be spatch's, byte for byte
//! (tests/expected/obd_alloc.c holds spatch 1.1.1's result).

use std::path::Path;

#[test]
fn obd_alloc_example_matches_spatch() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cocci = std::fs::read_to_string(root.join("examples/obd_alloc.cocci")).unwrap();
    let c = std::fs::read_to_string(root.join("examples/obd_alloc.c")).unwrap();
    let expected = std::fs::read_to_string(root.join("tests/expected/obd_alloc.c")).unwrap();
    let rules = smpl_parser::parse_rule_file(Path::new("obd_alloc.cocci"), &cocci).unwrap();
    let options = c_parser::ParseOptions::default();
    let isos = matcher::IsoSet::default();
    let mut text = c;
    for rule in &rules.rules {
        let parse = c_parser::parse(&text, &options);
        let out = matcher::apply_rule(rule, &parse.root, &text, &isos).unwrap();
        text = rewriter::apply_edits(&text, &out.edits).unwrap();
    }
    assert_eq!(text, expected);
}
