//! No input makes the parser panic or overflow its stack.

use proptest::prelude::*;
use std::path::Path;

const SAMPLE: &str = "virtual patch\n@r depends on patch@\nexpression E;\nidentifier f =~ \"^a\";\nposition p;\n@@\n(\n- f@p(E);\n+ g(E);\n|\n  if (E) { ... when != E = 0\n  }\n)\n<... \\( a \\| b \\) ...>\n@script:python@\nx << r.E;\n@@\nprint(x)\n";

fn parse_any(text: &str) {
    if let Ok(rf) = smpl_parser::parse_rule_file(Path::new("p.cocci"), text) {
        let _ = smpl_parser::dump_rule_file(&rf);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(text in "\\PC*") {
        parse_any(&text);
    }

    #[test]
    fn smpl_alphabet(text in "[@()|&?*+\\-.<>{};:,=!~\"a-zE \n\\\\#]{0,200}") {
        parse_any(&text);
    }

    #[test]
    fn mutated_sample(cut in 0usize..SAMPLE.len(), len in 0usize..20, insert in "[@()|.<>{};\"\n-]{0,3}") {
        let mut s = SAMPLE.to_string();
        let start = cut.min(s.len());
        let end = (start + len).min(s.len());
        if s.is_char_boundary(start) && s.is_char_boundary(end) {
            s.replace_range(start..end, &insert);
        }
        parse_any(&s);
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let deps = format!(
        "@r depends on {}a{}@\n@@\n- x();\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    parse_any(&deps);
    let types = format!(
        "@@\n{}int{} x;\n@@\n- x\n",
        "{".repeat(5000),
        "}".repeat(5000)
    );
    parse_any(&types);
    let body = format!(
        "@@\n@@\n- f({}0{});\n",
        "(".repeat(20000),
        ")".repeat(20000)
    );
    parse_any(&body);
    let disj = format!("@@\n@@\n{}  a\n{}", "(\n".repeat(3000), ")\n".repeat(3000));
    parse_any(&disj);
    let nests = format!(
        "@@\n@@\n{}  a();\n{}",
        "<...\n".repeat(3000),
        "...>\n".repeat(3000)
    );
    parse_any(&nests);
    let blocks = format!(
        "@@\n@@\nf() {}{}\n",
        "{ if (x) ".repeat(3000),
        "}".repeat(3001)
    );
    parse_any(&blocks);
}
