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

/// A rule body exercising the SmPL forms, as smpl-parser hands it over (column markers as
/// trivia, column-0 parentheses re-kinded).
#[test]
fn smpl_body_tree() {
    use c_parser::{lex, parse_smpl_body, LexMode, MetaHint, SmplHints, SyntaxKind};
    let text = "\
- T *p = kmalloc(sizeof(*p), GFP_KERNEL);
+ T *p = kzalloc(sizeof(*p), GFP_KERNEL);
  ... when != p
      when any
(
- memset(p, 0, sizeof(*p));
|
  <+... p->f ...+>
)
  if (\\( p == NULL \\| !p \\)) S
  return ...;
";
    let mut tokens = lex(text, LexMode::Smpl);
    let mut offset = 0usize;
    for t in &mut tokens {
        let col0 = offset == 0 || text.as_bytes()[offset - 1] == b'\n';
        if col0 {
            t.kind = match t.kind {
                SyntaxKind::MINUS | SyntaxKind::PLUS => SyntaxKind::SMPL_MARKER,
                SyntaxKind::L_PAREN => SyntaxKind::DISJ_OPEN,
                SyntaxKind::PIPE => SyntaxKind::DISJ_SEP,
                SyntaxKind::R_PAREN => SyntaxKind::DISJ_CLOSE,
                k => k,
            };
        }
        offset += t.len as usize;
    }
    let mut hints = SmplHints::new();
    hints.insert("T", MetaHint::Type);
    hints.insert("p", MetaHint::Expression);
    hints.insert("S", MetaHint::Statement);
    let opts = ParseOptions {
        smpl: Some(hints),
        ..ParseOptions::default()
    };
    let parse = parse_smpl_body(text, &tokens, &opts);
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    assert_eq!(parse.root.text().to_string(), text);
    insta::assert_snapshot!(debug_tree(&parse.root));
}
