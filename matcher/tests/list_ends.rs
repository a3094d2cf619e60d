//! Code added at the end of a comma list and C's variadic `...` in a function pattern
//! (expected outputs checked against spatch 1.1.1).

use std::path::Path;

fn transform(cocci: &str, c: &str) -> String {
    let rules = smpl_parser::parse_rule_file(Path::new("test.cocci"), cocci)
        .unwrap_or_else(|d| panic!("rule file does not parse: {d:?}"));
    let options = c_parser::ParseOptions::default();
    let isos = matcher::IsoSet::default();
    let parse = c_parser::parse(c, &options);
    let out = matcher::apply_rule(&rules.rules[0], &parse.root, c, &isos).expect("edits");
    rewriter::apply_edits(c, &out.edits).expect("apply")
}

#[test]
fn addition_after_a_trailing_comma_the_list_lacks() {
    let rule = "@@\n@@\n\nenum pci_state {\n  ...,\n  PCI_D3,\n+ PCI_D3COLD\n};\n";
    let c = "enum pci_state {\n\tPCI_D0,\n\tPCI_D3\n};\n";
    let out = transform(rule, c);
    assert_eq!(
        out.split_whitespace().collect::<Vec<_>>().join(" "),
        "enum pci_state { PCI_D0, PCI_D3, PCI_D3COLD };"
    );
}

#[test]
fn variadic_parameter_is_written_with_six_dots() {
    let rule =
        "@@\nidentifier fn;\nparameter p;\n@@\n\nfn(p, ......)\n{\n...\n+ va_end_all();\n}\n";
    let c = "static void dbg_log(const char *fmt, ...)\n{\n\tdbg_flush();\n}\n";
    let out = transform(rule, c);
    assert_eq!(
        out,
        "static void dbg_log(const char *fmt, ...)\n{\n\tdbg_flush();\n\tva_end_all();\n}\n"
    );
}
