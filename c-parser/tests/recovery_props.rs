//! Properties of recovery and of the macro heuristics on generated kernel-style code:
//! - an unknown macro call, with arguments of any kind, inserted among a function's
//!   statements leaves every other statement's tree as it was;
//! - one corrupted function leaves every other function's tree as it was, and the errors lie
//!   within the corrupted function's lines;
//! - long binary chains and `else if` chains parse completely, with shallow trees;
//! - `parse_errors`, which builds no tree, reports exactly the errors of `parse`.

use c_parser::{debug_tree, parse, ParseOptions, SyntaxKind, SyntaxNode};
use proptest::prelude::*;
use std::collections::HashMap;

/// Statements as kernel code writes them (one tab of indentation; continuation lines two).
const STATEMENTS: &[&str] = &[
    "int rc = 0;",
    "struct dev *p = d->next;",
    "if (x > 0)\n\t\tx--;",
    "for (i = 0; i < x; i++)\n\t\tg(d, i);",
    "rc = g(d, x);",
    "list_for_each_entry(p, &d->list, link)\n\t\tx++;",
    "while (x)\n\t\tx >>= 1;",
    "switch (x) {\n\tcase 1:\n\t\tbreak;\n\tdefault:\n\t\tx = 2;\n\t}",
    "do {\n\t\tx--;\n\t} while (x);",
    "if (!p) {\n\t\trc = -ENOMEM;\n\t\tgoto out;\n\t}",
    "d->flags |= FLAG_A | FLAG_B;",
    "pr_info(\"dev %d\\n\", x);",
    "return rc;",
];

/// Macro arguments of every kind the heuristics know.
const ARGUMENTS: &[&str] = &[
    "x",
    "d->next",
    "x + 1",
    "==",
    "<=",
    "struct dev *",
    "unsigned long",
    "Proto *",
    ".dev = x",
    "if (x) g(d, x)",
    "{ x = 1; g(d, x); }",
    "static unsigned int calls = 0",
    "\"text\"",
];

fn function(name: &str, statements: &[&str]) -> String {
    let mut s = format!("static int {name}(struct dev *d, int x)\n{{\n");
    for st in statements {
        s.push('\t');
        s.push_str(st);
        s.push('\n');
    }
    s.push_str("out:\n\treturn 0;\n}\n");
    s
}

/// The trees of the statements of the first function body.
fn statement_trees(root: &SyntaxNode) -> Vec<(String, String)> {
    let body = root
        .descendants()
        .find(|n| n.kind() == SyntaxKind::COMPOUND_STMT)
        .expect("a function body");
    body.children()
        .map(|n| (n.text().to_string(), debug_tree(&n)))
        .collect()
}

fn statement_list() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(STATEMENTS), 1..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn unknown_macro_call_leaves_other_statements_alone(
        statements in statement_list(),
        at in any::<prop::sample::Index>(),
        args in prop::collection::vec(prop::sample::select(ARGUMENTS), 1..4),
        upper in any::<bool>(),
        semicolon in any::<bool>(),
    ) {
        let name = if upper { "UNKNOWN_CHECK" } else { "unknown_check" };
        let call = format!("{name}({}){}", args.join(", "), if semicolon { ";" } else { "" });
        let plain = function("f", &statements);
        let mut with_macro = statements.clone();
        let at = at.index(statements.len() + 1);
        with_macro.insert(at, &call);
        let text = function("f", &with_macro);
        let options = ParseOptions::default();
        let before = parse(&plain, &options);
        let after = parse(&text, &options);
        prop_assert!(before.errors.is_empty(), "{:?}", before.errors);
        prop_assert!(after.errors.is_empty(), "{text}\n{:?}", after.errors);
        prop_assert_eq!(after.root.text().to_string(), text.clone());
        let mut trees = statement_trees(&after.root);
        let inserted = trees.iter().position(|(t, _)| t.starts_with(name));
        prop_assert!(inserted.is_some(), "the call is no statement of its own:\n{}", text);
        trees.remove(inserted.unwrap_or_default());
        prop_assert_eq!(trees, statement_trees(&before.root));
    }
}

/// Ways to break one function.
#[derive(Clone, Debug)]
enum Corruption {
    DeleteToken(prop::sample::Index),
    Insert(prop::sample::Index, &'static str),
    DeleteLine(prop::sample::Index),
}

fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Corruption::DeleteToken),
        (
            any::<prop::sample::Index>(),
            prop::sample::select(&["{", "}", "(", ")", ";", ",", "=", "if", "x", "int", "["][..])
        )
            .prop_map(|(i, t)| Corruption::Insert(i, t)),
        any::<prop::sample::Index>().prop_map(Corruption::DeleteLine),
    ]
}

/// Applies `c` to `text` (one function): at a space-separated word boundary or a line.
fn corrupt(text: &str, c: &Corruption) -> String {
    match c {
        Corruption::DeleteLine(i) => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let at = i.index(lines.len());
            lines[..at].concat() + &lines[at + 1..].concat()
        }
        Corruption::DeleteToken(i) | Corruption::Insert(i, _) => {
            // Boundaries between tokens: every space, tab or newline, and around punctuation;
            // not after the final `}` (a name there may be an annotation of the next item).
            let cuts: Vec<usize> = text
                .char_indices()
                .filter(|&(k, ch)| k + 1 < text.len() && " \t\n(){};,".contains(ch))
                .map(|(k, _)| k)
                .collect();
            let at = cuts[i.index(cuts.len())];
            match c {
                Corruption::Insert(_, t) => format!("{} {t} {}", &text[..at], &text[at..]),
                _ => {
                    // Delete the word or punctuation that starts at this boundary.
                    let rest = &text[at..];
                    let len = rest
                        .char_indices()
                        .skip(1)
                        .find(|&(_, ch)| !(ch.is_alphanumeric() || ch == '_'))
                        .map_or(rest.len(), |(k, _)| k)
                        .max(1);
                    format!("{}{}", &text[..at], &rest[len..])
                }
            }
        }
    }
}

/// Top-level function definitions by name.
fn functions_by_name(root: &SyntaxNode) -> HashMap<String, String> {
    root.children()
        .filter(|n| n.kind() == SyntaxKind::FUNCTION_DEF)
        .filter_map(|n| {
            let f: c_parser::ast::FunctionDef = c_parser::ast::AstNode::cast(n.clone())?;
            Some((f.name()?.text().to_string(), debug_tree(&n)))
        })
        .collect()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn one_corrupted_function_leaves_the_others_alone(
        bodies in prop::collection::vec(statement_list(), 2..6),
        which in any::<prop::sample::Index>(),
        c in corruption(),
    ) {
        let which = which.index(bodies.len());
        let functions: Vec<String> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| function(&format!("f{i}"), b))
            .collect();
        let clean = functions.join("\n");
        let mut broken_parts = functions.clone();
        broken_parts[which] = corrupt(&functions[which], &c);
        let broken = broken_parts.join("\n");
        let options = ParseOptions::default();
        let expected = functions_by_name(&parse(&clean, &options).root);
        let parse_broken = parse(&broken, &options);
        prop_assert_eq!(parse_broken.root.text().to_string(), broken.clone());
        let got = functions_by_name(&parse_broken.root);
        for (i, _) in functions.iter().enumerate().filter(|&(i, _)| i != which) {
            let name = format!("f{i}");
            prop_assert_eq!(got.get(&name), expected.get(&name), "{} in\n{}", name, broken);
        }
        // Errors are reported within the broken function's lines.
        let first = broken_parts[..which].iter().map(|f| f.len() + 1).sum::<usize>();
        let last = first + broken_parts[which].len();
        let (lo, hi) = (line_of(&broken, first), line_of(&broken, last));
        for (line, message) in c_parser::error_sites(&parse_broken, &broken) {
            prop_assert!(
                (lo..=hi).contains(&line),
                "error `{}` at line {} outside {}..={} in\n{}", message, line, lo, hi, broken
            );
        }
    }

    #[test]
    fn errors_without_a_tree_are_the_errors_of_the_tree(
        bodies in prop::collection::vec(statement_list(), 1..5),
        corruptions in prop::collection::vec((any::<prop::sample::Index>(), corruption()), 1..4),
        unterminated in any::<bool>(),
    ) {
        let mut functions: Vec<String> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| function(&format!("f{i}"), b))
            .collect();
        for (which, c) in &corruptions {
            let which = which.index(functions.len());
            functions[which] = corrupt(&functions[which], c);
        }
        let mut text = functions.join("\n");
        if unterminated {
            // An error that ends the file: `expected }` after the last token.
            text.push_str("int g(void)\n{\n\tif (x) {\n");
        }
        let options = ParseOptions::default();
        let tree = parse(&text, &options);
        prop_assert_eq!(c_parser::parse_errors(&text, &options), tree.errors.clone(), "{}", text);
        if unterminated {
            prop_assert!(!tree.errors.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn long_sums_parse_completely(n in 1usize..5000, ops in prop::collection::vec(prop::sample::select(&["+", "-", "*", "|", "<<", "&&"][..]), 1..5)) {
        let mut expr = String::from("a0");
        for i in 1..n {
            expr.push_str(&format!(" {} a{i}", ops[i % ops.len()]));
        }
        let text = format!("int x = {expr};\n");
        let p = parse(&text, &ParseOptions::default());
        prop_assert!(p.errors.is_empty(), "{:?}", p.errors);
        prop_assert_eq!(p.root.text().to_string(), text);
        prop_assert!(depth(&p.root) < 1200);
    }

    #[test]
    fn long_else_if_chains_parse_completely(n in 1usize..3000) {
        let text = else_if_chain(n);
        let p = parse(&text, &ParseOptions::default());
        prop_assert!(p.errors.is_empty(), "{:?}", p.errors);
        prop_assert_eq!(p.root.descendants().filter(|d| d.kind() == SyntaxKind::IF_STMT).count(), n);
    }
}

fn else_if_chain(n: usize) -> String {
    let mut s = String::from("int f(int x)\n{\n\tif (x == 0)\n\t\treturn 0;\n");
    for i in 1..n {
        s.push_str(&format!("\telse if (x == {i})\n\t\treturn {i};\n"));
    }
    s.push_str("\telse\n\t\treturn -1;\n}\n");
    s
}

/// The depth of the tree, computed without recursion.
fn depth(root: &SyntaxNode) -> usize {
    let mut deepest = 0;
    let mut current = 0usize;
    for event in root.preorder() {
        match event {
            rowan::WalkEvent::Enter(_) => {
                current += 1;
                deepest = deepest.max(current);
            }
            rowan::WalkEvent::Leave(_) => current -= 1,
        }
    }
    deepest
}

/// The sizes the issue names: a sum of 100,000 terms and an `else if` chain of 10,000
/// branches, parsed (and dropped) on a test thread's default stack.
#[test]
fn sum_of_100k_terms_and_10k_else_ifs() {
    let sum = format!("int x = {};\n", vec!["a"; 100_000].join(" + "));
    let p = parse(&sum, &ParseOptions::default());
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.root.text().to_string(), sum);
    assert!(depth(&p.root) < 1200);
    let chain = else_if_chain(10_000);
    let p = parse(&chain, &ParseOptions::default());
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let ifs = p
        .root
        .descendants()
        .filter(|d| d.kind() == SyntaxKind::IF_STMT)
        .count();
    assert_eq!(ifs, 10_000);
}

/// A missing `}` at the end of the file is reported after the last statement, on a line of
/// the file, not past its end.
#[test]
fn missing_brace_at_the_end_is_reported_on_a_line_of_the_file() {
    let text = "int f(int x)\n{\n\tif (x) {\n\t\tx++;\n\treturn x;\n}\n\n";
    let p = parse(text, &ParseOptions::default());
    let sites = c_parser::error_sites(&p, text);
    assert_eq!(sites, vec![(5, "expected `}`".to_string())]);
}

/// Found by the corruption property: a `struct {` opened among a body's statements ends at the
/// function's column-0 `}`, and the next function stays a top-level definition.
#[test]
fn open_struct_in_a_body_ends_with_the_function() {
    let broken = function(
        "f0",
        &["struct {  dev *p = d->next;", "if (x > 0)\n\t\tx--;"],
    );
    let next = function("f1", &["int rc = 0;"]);
    let text = format!("{broken}\n{next}");
    let clean = functions_by_name(&parse(&next, &ParseOptions::default()).root);
    let got = functions_by_name(&parse(&text, &ParseOptions::default()).root);
    assert_eq!(got.get("f1"), clean.get("f1"));
}

/// A statement at column 0 inside a laid-out body (a debugging macro pulled to the margin)
/// stays in the body: only declaration or block starts end a body early.
#[test]
fn column0_statement_stays_in_its_function() {
    let text = "int f(int x)\n{\n\tint y = x;\nDEBUG_ONLY(y++);\n\treturn y;\n}\n";
    let p = parse(text, &ParseOptions::default());
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(statement_trees(&p.root).len(), 3);
}

/// Errors of every placement the builder distinguishes: inside a statement, an empty error
/// ending its node (`expected }` at the end of the file), an empty error before a sibling node
/// (a block without a function header), and junk at the top level.
#[test]
fn parse_errors_match_the_tree_on_each_kind_of_error() {
    let text = "int f(int x)\n{\n\tx = (1 + ;\n\treturn x;\n}\n\n)) junk ]\n\n{\n\tx++;\n}\n\nint g(void)\n{\n\tif (x) {\n\t\tx++;\n";
    let options = ParseOptions::default();
    let tree = parse(text, &options);
    assert!(tree.errors.len() >= 3, "{:?}", tree.errors);
    let errors = c_parser::parse_errors(text, &options);
    assert_eq!(errors, tree.errors);
    assert_eq!(
        c_parser::line_ranges_of_errors(&errors, text),
        tree.error_line_ranges(text)
    );
    assert_eq!(
        c_parser::sites_of_errors(&errors, text),
        c_parser::error_sites(&tree, text)
    );
}
