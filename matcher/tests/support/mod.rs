//! What the engine snapshot tests share: running a rule file over a C text as the engine
//! does, and the snapshot macro that records the result with its rule.

use std::path::Path;

/// Applies the rules of `cocci` in order to `c`, re-parsing between rules, as the engine does.
pub fn transform(cocci: &str, c: &str) -> String {
    let rules = smpl_parser::parse_rule_file(Path::new("test.cocci"), cocci)
        .unwrap_or_else(|d| panic!("rule file does not parse: {d:?}"));
    let options = c_parser::ParseOptions::default();
    let isos = matcher::IsoSet::default();
    let mut text = c.to_string();
    for rule in &rules.rules {
        let parse = c_parser::parse(&text, &options);
        let out = matcher::apply_rule(rule, &parse.root, &text, &isos).expect("edits");
        text = rewriter::apply_edits(&text, &out.edits).expect("apply");
    }
    text
}

#[macro_export]
macro_rules! snapshot {
    ($name:ident, $cocci:expr, $c:expr) => {
        #[test]
        fn $name() {
            let out = $crate::support::transform($cocci, $c);
            insta::with_settings!({
                snapshot_path => "../../snapshots/engine",
                prepend_module_to_snapshot => false,
                description => $cocci,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(stringify!($name), out);
            });
        }
    };
}
