//! Parameter lists written with macros that expand to several parameters.

use c_parser::{parse, ParseOptions};

#[test]
fn macro_expanding_to_parameters_parses_cleanly() {
    // In the style of Lustre's shrinker callbacks on older kernels.
    let text =
        "static int osc_cache_shrink(SHRINKER_ARGS(sc, nr_to_scan, gfp_mask))\n{\n\treturn 0;\n}\n";
    let tree = parse(text, &ParseOptions::default());
    assert!(tree.is_clean(), "{:?}", tree.errors);
    assert_eq!(tree.root.text().to_string(), text);
}

#[test]
fn parenthesised_parameter_name_is_still_a_name() {
    let text = "int v(int (n), int (m[2]));\n";
    let tree = parse(text, &ParseOptions::default());
    assert!(tree.is_clean(), "{:?}", tree.errors);
    let dump = c_parser::debug_tree(&tree.root);
    assert!(dump.contains("PAREN_DECLARATOR"), "{dump}");
}
