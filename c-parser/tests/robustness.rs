//! Properties that must hold for every input: the tree's text is the input, and neither the
//! lexer nor the parser panics or overflows the stack (tests run on 2 MB thread stacks).

use c_parser::{
    lex, parse, parse_expression, parse_smpl_body, LexMode, ParseOptions, SourceText, SyntaxKind,
};
use proptest::prelude::*;

fn assert_round_trip(text: &str) {
    let parse = parse(text, &ParseOptions::default());
    assert_eq!(parse.root.text().to_string(), text);
    let tokens = lex(text, LexMode::Smpl);
    let body = parse_smpl_body(text, &tokens, &ParseOptions::default());
    assert_eq!(body.root.text().to_string(), text);
    let expression = parse_expression(text, &ParseOptions::default());
    assert_eq!(expression.root.text().to_string(), text);
}

/// Fragments of kernel-style C that, glued in random order, make plausible broken code.
const FRAGMENTS: &[&str] = &[
    "int",
    " ",
    "\n",
    "x",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ";",
    ",",
    "*",
    "=",
    "struct foo",
    "if",
    "else",
    "for",
    "while",
    "do",
    "return",
    "goto out;",
    "out:",
    "#ifdef X\n",
    "#else\n",
    "#endif\n",
    "#define A(x) \\\n (x)\n",
    "/* c */",
    "// c\n",
    "\"s\"",
    "'c'",
    "0x1f",
    "1.5e3",
    "->",
    ".",
    "?",
    ":",
    "&&",
    "sizeof",
    "(u32)",
    "list_for_each_entry(p, h, m)",
    "ENTRY;",
    "CDEBUG(D_INFO, \"a\" DFID \"\\n\", PFID(f));",
    "...",
    "<...",
    "...>",
    "\\(",
    "\\|",
    "\\)",
    "when",
    "typedef",
    "__attribute__((packed))",
    "__user",
    "case 1 ... 3:",
    "({",
    "})",
    "static",
    "u32 v = {",
    ".a = 1,",
    "[2] = 3",
    "-",
    "+",
    "~",
    "!",
    "<<=",
    "asm volatile(\"\")",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let src = SourceText::decode(&bytes);
        assert_round_trip(src.as_str());
        prop_assert_eq!(SourceText::encode(src.as_str()), bytes);
    }

    #[test]
    fn fragment_soup_round_trips(parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..80)) {
        let text: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
        assert_round_trip(&text);
    }

    #[test]
    fn lexer_covers_every_byte(text in "\\PC{0,300}") {
        for mode in [LexMode::C, LexMode::Smpl] {
            let total: u32 = lex(&text, mode).iter().map(|t| t.len).sum();
            prop_assert_eq!(total as usize, text.len());
        }
    }
}

fn deep(open: &str, close: &str, n: usize, wrap: bool) -> String {
    let inner = format!("{}{}", open.repeat(n), close.repeat(n));
    if wrap {
        format!("void f(void)\n{{\n\tx = {inner};\n}}\n")
    } else {
        inner
    }
}

#[test]
fn deep_nesting_becomes_errors_not_stack_overflows() {
    for (open, close) in [
        ("(", ")"),
        ("{", "}"),
        ("[", "]"),
        ("-", ""),
        ("!", ""),
        ("*", ""),
    ] {
        for wrap in [false, true] {
            let text = deep(open, close, 100_000, wrap);
            let tree = parse(&text, &ParseOptions::default());
            assert_eq!(usize::from(tree.root.text().len()), text.len());
            assert!(
                !tree.errors.is_empty(),
                "nesting of {open} must be reported"
            );
            let inner = &text[text.find(open).unwrap_or(0)..];
            let expression = parse_expression(inner, &ParseOptions::default());
            assert_eq!(expression.root.text().to_string(), inner);
        }
    }
    // Unclosed openers only.
    for open in ["(", "{", "[", "if (x) ", "do ", "struct a { struct b {"] {
        let text = open.repeat(50_000);
        let tree = parse(&text, &ParseOptions::default());
        assert_eq!(tree.root.text().to_string(), text);
    }
}

#[test]
fn long_chains_do_not_make_trees_too_deep() {
    let text = format!("int x = {};\n", vec!["a"; 200_000].join(" + "));
    let tree = parse(&text, &ParseOptions::default());
    assert_eq!(tree.root.text().to_string(), text);
    let text = format!("int x = a{};\n", "[0]".repeat(100_000));
    let tree = parse(&text, &ParseOptions::default());
    assert_eq!(tree.root.text().to_string(), text);
}

#[test]
fn deep_smpl_nesting_is_bounded() {
    let text = format!("{}x{}", "\\( ".repeat(50_000), " \\)".repeat(50_000));
    let tokens = lex(&text, LexMode::Smpl);
    let body = parse_smpl_body(&text, &tokens, &ParseOptions::default());
    assert_eq!(body.root.text().to_string(), text);
    assert_eq!(body.root.kind(), SyntaxKind::SMPL_BODY);
}

#[test]
fn nested_chains_stay_shallow() {
    let chain = vec!["a"; 3000].join(" + ");
    let mut expr = String::from("b");
    for _ in 0..300 {
        expr = format!("({chain} + {expr})");
    }
    let text = format!("void f(void)\n{{\n\tx = {expr};\n}}\n");
    let tree = parse(&text, &ParseOptions::default());
    assert_eq!(tree.root.text().to_string(), text);
    let dump = c_parser::debug_tree(&tree.root);
    assert!(!dump.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// smpl-parser hands over its own token list; a wrong one must not panic either.
    #[test]
    fn arbitrary_smpl_token_lists(text in "\\PC{0,120}", kinds in proptest::collection::vec((0u16..400, 0u32..6), 0..60)) {
        let tokens: Vec<c_parser::Token> = kinds
            .iter()
            .map(|&(k, len)| c_parser::Token { kind: kind_from(k), len })
            .collect();
        let body = parse_smpl_body(&text, &tokens, &ParseOptions::default());
        prop_assert_eq!(body.root.text().to_string(), text);
    }
}

fn kind_from(k: u16) -> SyntaxKind {
    // Token kinds only: pick among a spread of them.
    const KINDS: &[SyntaxKind] = &[
        SyntaxKind::IDENT,
        SyntaxKind::WHITESPACE,
        SyntaxKind::NEWLINE,
        SyntaxKind::L_PAREN,
        SyntaxKind::R_PAREN,
        SyntaxKind::DISJ_OPEN,
        SyntaxKind::DISJ_SEP,
        SyntaxKind::DISJ_CLOSE,
        SyntaxKind::DOTS,
        SyntaxKind::WHEN_KW,
        SyntaxKind::SEMI,
        SyntaxKind::L_BRACE,
        SyntaxKind::R_BRACE,
        SyntaxKind::SMPL_MARKER,
        SyntaxKind::NEST_OPEN,
        SyntaxKind::NEST_CLOSE,
        SyntaxKind::OPT_MARK,
        SyntaxKind::STRING,
        SyntaxKind::STAR,
        SyntaxKind::INT_KW,
    ];
    KINDS[k as usize % KINDS.len()]
}
