//! SmPL rule bodies through the shared grammar.

use c_parser::{
    debug_tree, lex, parse_smpl_body, LexMode, MetaHint, ParseOptions, SmplHints, SyntaxKind, Token,
};

/// Lexes like smpl-parser does: column-0 `(`, `|`, `&`, `)` become disjunction tokens and
/// column-0 `?` an optional mark.
fn smpl_tokens(text: &str) -> Vec<Token> {
    let mut tokens = lex(text, LexMode::Smpl);
    let mut offset = 0usize;
    for t in &mut tokens {
        let at_col0 = offset == 0 || text.as_bytes()[offset - 1] == b'\n';
        if at_col0 {
            t.kind = match t.kind {
                SyntaxKind::L_PAREN => SyntaxKind::DISJ_OPEN,
                SyntaxKind::PIPE => SyntaxKind::DISJ_SEP,
                SyntaxKind::AMP => SyntaxKind::CONJ_SEP,
                SyntaxKind::R_PAREN => SyntaxKind::DISJ_CLOSE,
                SyntaxKind::QUESTION => SyntaxKind::OPT_MARK,
                k => k,
            };
        }
        offset += t.len as usize;
    }
    tokens
}

fn parse_body(text: &str, hints: &[(&str, MetaHint)]) -> c_parser::Parse {
    let mut h = SmplHints::new();
    for (name, hint) in hints {
        h.insert(*name, *hint);
    }
    let opts = ParseOptions {
        smpl: Some(h),
        ..ParseOptions::default()
    };
    let parse = parse_smpl_body(text, &smpl_tokens(text), &opts);
    assert_eq!(parse.root.text().to_string(), text);
    parse
}

fn clean_dump(text: &str, hints: &[(&str, MetaHint)]) -> String {
    let parse = parse_body(text, hints);
    let dump = debug_tree(&parse.root);
    assert!(
        parse.errors.is_empty(),
        "errors {:?} in\n{dump}",
        parse.errors
    );
    dump
}

use MetaHint::*;

#[test]
fn dots_with_when_clauses() {
    let dump = clean_dump(
        "foo(x);\n... when != x\n    when any\nbar(x);\n",
        &[("x", Expression)],
    );
    assert!(dump.contains("DOTS_NODE\n    \"...\"\n    WHEN_CLAUSE\n      \"when\"\n      \"!=\"\n      NAME_REF \"x\"\n    WHEN_CLAUSE \"when\" \"any\""), "{dump}");
}

#[test]
fn statement_disjunction_at_column_zero() {
    let dump = clean_dump("(\nkfree(p);\n|\nvfree(p);\n)\n", &[("p", Expression)]);
    assert!(
        dump.starts_with("SMPL_BODY\n  DISJ\n    \"(\"\n    DISJ_BRANCH\n      EXPR_STMT"),
        "{dump}"
    );
    assert_eq!(dump.matches("DISJ_BRANCH").count(), 2);
}

#[test]
fn expression_disjunction_and_conjunction() {
    let dump = clean_dump("x = \\( a \\| b \\);\n", &[]);
    assert!(
        dump.contains("ASSIGN_EXPR\n      NAME_REF \"x\"\n      \"=\"\n      DISJ"),
        "{dump}"
    );
    let dump = clean_dump("if (\\( a \\& b \\)) return;\n", &[]);
    assert!(dump.contains("CONJ"), "{dump}");
}

#[test]
fn nests_as_statement_and_expression() {
    let dump = clean_dump("<...\nfoo(x);\n...>\n", &[]);
    assert!(
        dump.starts_with("SMPL_BODY\n  NEST\n    \"<...\"\n    EXPR_STMT"),
        "{dump}"
    );
    let dump = clean_dump("f(<+... x ...+>);\n", &[]);
    assert!(
        dump.contains("ARG_LIST\n        \"(\"\n        NEST"),
        "{dump}"
    );
}

#[test]
fn metavariable_kinds_decide_shapes() {
    let dump = clean_dump("T x;\n", &[("T", Type), ("x", Identifier)]);
    assert!(
        dump.starts_with("SMPL_BODY\n  DECLARATION\n    DECL_SPECS\n      TYPEDEF_NAME \"T\""),
        "{dump}"
    );
    let dump = clean_dump("if (c)\n  S\n", &[("S", Statement), ("c", Expression)]);
    assert!(
        dump.contains("IF_STMT") && dump.contains("MACRO_STMT\n      NAME_REF \"S\""),
        "{dump}"
    );
    let dump = clean_dump("fn(es);\n", &[("fn", Identifier), ("es", ExpressionList)]);
    assert!(dump.contains("CALL_EXPR"), "{dump}");
    let dump = clean_dump("x = (T *)e;\n", &[("T", Type), ("e", Expression)]);
    assert!(dump.contains("CAST_EXPR"), "{dump}");
}

#[test]
fn dots_in_arguments_parameters_and_bodies() {
    let dump = clean_dump("foo(...)\n{\n...\nreturn ...;\n}\n", &[]);
    assert!(dump.starts_with("SMPL_BODY\n  FUNCTION_DEF"), "{dump}");
    clean_dump("int f(int x, ...) {\n...\n}\n", &[]);
    clean_dump("foo(..., E, ...);\n", &[("E", Expression)]);
    clean_dump("struct s = { ..., .f = E, ... };\n", &[("E", Expression)]);
}

#[test]
fn bare_expression_without_semicolon() {
    let dump = clean_dump("E->fld\n", &[("E", Expression)]);
    assert_eq!(
        dump,
        "SMPL_BODY\n  FIELD_EXPR\n    NAME_REF \"E\"\n    \"->\"\n    \"fld\"\n"
    );
    clean_dump("(\nx == NULL\n|\nNULL == x\n)\n", &[("x", Expression)]);
}

#[test]
fn optional_statements_and_fields() {
    let dump = clean_dump("?foo(x);\nbar();\n", &[]);
    assert!(dump.contains("OPT_STMT"), "{dump}");
    clean_dump("struct foo {\n...\nint x;\n...\n};\n", &[]);
}

#[test]
fn type_disjunction_in_declaration() {
    let dump = clean_dump("\\( int \\| long \\) x;\n", &[]);
    assert!(
        dump.contains("DECLARATION") && dump.contains("DISJ"),
        "{dump}"
    );
}

#[test]
fn nest_starting_an_expression() {
    let dump = clean_dump("<+... f() ...+>\n+\n<+... g() ...+>\n", &[]);
    assert!(
        dump.starts_with("SMPL_BODY\n  BIN_EXPR\n    NEST"),
        "{dump}"
    );
}

#[test]
fn gnu_min_max_operators() {
    let dump = clean_dump("x <?= y;\n", &[("x", Expression), ("y", Expression)]);
    assert!(dump.contains("ASSIGN_EXPR"), "{dump}");
    let dump = clean_dump("x >? y\n", &[("x", Expression), ("y", Expression)]);
    assert!(dump.contains("BIN_EXPR"), "{dump}");
}

#[test]
fn typed_smpl_body() {
    let p = parse_body("foo(x);\n...\nbar(x);\n", &[("x", Expression)]);
    let body = p.smpl_body().expect("SMPL_BODY");
    let kinds: Vec<_> = body.items().map(|n| n.kind()).collect();
    assert_eq!(
        kinds,
        [
            SyntaxKind::EXPR_STMT,
            SyntaxKind::DOTS_NODE,
            SyntaxKind::EXPR_STMT
        ]
    );
}
