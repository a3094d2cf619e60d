use super::*;
use rewriter::wrap::BreakMark::{self, *};

const C: &str = "void f(void)\n{\n\tg(a, h(b, c));\n\tk = a + b;\n\tn = sizeof(char [2]);\n}\n";

fn bound(text: &str) -> Binding {
    let start = C.find(text).expect("the bound code");
    Binding {
        text: text.to_string(),
        normalized: String::new(),
        range: start..start + text.len(),
    }
}

/// A plus token at a made-up offset of the plus tree (the `n`th token).
fn at(n: u32) -> c_parser::TextSize {
    c_parser::TextSize::from(n * 10)
}

/// The marks of `text` written from plus tokens (kind and text, `None` for the value) with
/// `value` bound in place of the `None`, in parentheses when `parens`.
fn marks(
    text: &str,
    tokens: &[Option<(SyntaxKind, &str)>],
    value: &Binding,
    parens: bool,
) -> Vec<(usize, BreakMark)> {
    let parse = c_parser::parse(C, &c_parser::ParseOptions::default());
    let c = CCode {
        text: C,
        root: &parse.root,
        macro_body: None,
    };
    let mut pieces = Pieces::default();
    for (n, t) in tokens.iter().enumerate() {
        match t {
            Some((kind, text)) => pieces.token(at(n as u32), *kind, text),
            None => pieces.value(at(n as u32), value, parens),
        }
    }
    pieces.marks(&c, text, false)
}

#[test]
fn calls_of_plus_tokens_and_of_bound_values() {
    // `foo(E, z);` with E bound to `h(b, c)`: both calls, the value's commas one level in.
    let call = bound("h(b, c)");
    let tokens = [
        Some((IDENT, "foo")),
        Some((L_PAREN, "(")),
        None,
        Some((COMMA, ",")),
        Some((IDENT, "z")),
        Some((R_PAREN, ")")),
        Some((SEMI, ";")),
    ];
    assert_eq!(
        marks("foo(h(b, c), z);", &tokens, &call, false),
        [
            (3, CallOpen),
            (5, CallOpen),
            (7, Comma),
            (10, Close),
            (11, Comma),
            (14, Close)
        ]
    );
    // Laid out anew, over lines: the tokens are found past the blanks.
    assert_eq!(
        marks("foo(h(b,\n      c),\n    z);", &tokens, &call, false)[4],
        (17, Comma)
    );
    // An expression list's commas are the call's own.
    let list = bound("a, h(b, c)");
    assert_eq!(
        marks("foo(a, h(b, c), z);", &tokens, &list, false),
        [
            (3, CallOpen),
            (5, Comma),
            (8, CallOpen),
            (10, Comma),
            (13, Close),
            (14, Comma),
            (17, Close)
        ]
    );
}

#[test]
fn parentheses_put_around_a_value_open_no_call() {
    // `2 * E, 1` with E bound to `a + b`, parenthesised.
    let sum = bound("a + b");
    let tokens = [
        Some((INT_NUMBER, "2")),
        Some((STAR, "*")),
        None,
        Some((COMMA, ",")),
        Some((INT_NUMBER, "1")),
    ];
    assert_eq!(
        marks("2 * (a + b), 1", &tokens, &sum, true),
        [(4, Open), (10, Close), (11, Comma)]
    );
    // `g(E, 1)`'s `(` calls `g`; a value's `(` after `(` opens no call.
    let tokens = [
        Some((IDENT, "g")),
        Some((L_PAREN, "(")),
        None,
        Some((COMMA, ",")),
        Some((INT_NUMBER, "1")),
        Some((R_PAREN, ")")),
    ];
    assert_eq!(
        marks("g((a + b), 1)", &tokens, &sum, true),
        [
            (1, CallOpen),
            (2, Open),
            (8, Close),
            (9, Comma),
            (12, Close)
        ]
    );
}

#[test]
fn literals_comments_and_keywords_make_no_marks_of_their_own() {
    let sum = bound("a + b");
    // Commas and parentheses inside a string are no marks; `sizeof` and `if` call nothing,
    // nor does a name with a comment before its `(`.
    let tokens = [
        Some((IDENT, "pr")),
        Some((L_PAREN, "(")),
        Some((STRING, "\"x (%d, %d)\"")),
        Some((COMMA, ",")),
        Some((SIZEOF_KW, "sizeof")),
        Some((L_PAREN, "(")),
        None,
        Some((R_PAREN, ")")),
        Some((COMMA, ",")),
        Some((IDENT, "q")),
        Some((COMMENT, "/* (, */")),
        Some((L_PAREN, "(")),
        Some((R_PAREN, ")")),
        Some((R_PAREN, ")")),
    ];
    assert_eq!(
        marks(
            "pr(\"x (%d, %d)\", sizeof(a + b), q /* (, */ ())",
            &tokens,
            &sum,
            false
        ),
        [
            (2, CallOpen),
            (15, Comma),
            (23, Open),
            (29, Close),
            (30, Comma),
            (43, Open),
            (44, Close),
            (45, Close)
        ]
    );
    // A `(` first on its line opens no call, even after a name on the line before.
    let tokens = [
        Some((IDENT, "f")),
        Some((L_PAREN, "(")),
        Some((INT_NUMBER, "1")),
        Some((COMMA, ",")),
        Some((INT_NUMBER, "2")),
        Some((R_PAREN, ")")),
    ];
    assert_eq!(
        marks("f\n(1, 2)", &tokens, &sum, false),
        [(2, Open), (4, Comma), (7, Close)]
    );
    // The code's own first `(` may call what it is put after.
    assert_eq!(
        marks("(1, 2)", &tokens[1..], &sum, false),
        [(0, FirstOpen), (2, Comma), (5, Close)]
    );
}

#[test]
fn code_with_no_comma_and_closed_brackets_has_no_marks() {
    let sum = bound("a + b");
    let tokens = [
        Some((IDENT, "g")),
        Some((L_PAREN, "(")),
        None,
        Some((R_PAREN, ")")),
    ];
    assert!(marks("g(a + b)", &tokens, &sum, false).is_empty());
    // A bracket closed before it is opened, or left open, may take part in a call of the
    // code around: marked.
    let tokens = [
        Some((R_PAREN, ")")),
        Some((IDENT, "g")),
        Some((L_PAREN, "(")),
    ];
    assert_eq!(
        marks(") g(", &tokens, &sum, false),
        [(0, Close), (3, CallOpen)]
    );
}

#[test]
fn a_value_with_no_comma_stands_for_its_last_token() {
    // `E(x, y)` with E bound to `g`, to `a + b`, to `2`: a call after a name or `)` (the
    // value's last token, read from its tree), none after another token.
    let call = bound("g");
    let sum = bound("a + b");
    let tokens = [
        None,
        Some((L_PAREN, "(")),
        Some((IDENT, "x")),
        Some((COMMA, ",")),
        Some((IDENT, "y")),
        Some((R_PAREN, ")")),
    ];
    assert_eq!(marks("g(x, y)", &tokens, &call, false)[0], (1, CallOpen));
    assert_eq!(marks("a + b(x, y)", &tokens, &sum, false)[0], (5, CallOpen));
    assert_eq!(
        marks("(a + b)(x, y)", &tokens, &sum, true)[..2],
        [(0, FirstOpen), (6, Close)]
    );
    assert_eq!(
        marks("(a + b)(x, y)", &tokens, &sum, true)[2],
        (7, CallOpen)
    );
    let number = bound("2");
    assert_eq!(marks("2(x, y)", &tokens, &number, false)[0], (1, Open));
}

#[test]
fn text_that_is_not_the_tokens_has_no_marks() {
    let sum = bound("a + b");
    let tokens = [
        Some((IDENT, "foo")),
        Some((L_PAREN, "(")),
        None,
        Some((R_PAREN, ")")),
    ];
    assert!(marks("foo(a - b)", &tokens, &sum, false).is_empty());
    assert!(marks("foo(a + b) + 1", &tokens, &sum, false).is_empty());
    // An empty list put in code takes a comma along.
    let empty = Binding {
        text: String::new(),
        normalized: String::new(),
        range: 0..0,
    };
    let tokens = [
        Some((IDENT, "foo")),
        Some((L_PAREN, "(")),
        None,
        Some((COMMA, ",")),
        Some((IDENT, "y")),
        Some((COMMA, ",")),
        Some((IDENT, "z")),
        Some((R_PAREN, ")")),
    ];
    assert_eq!(
        marks("foo(y, z)", &tokens, &empty, false),
        [(3, CallOpen), (5, Comma), (8, Close)]
    );
}

#[test]
fn array_type_parts_and_distributed_declarators_are_found() {
    // `T x, *y;` with T bound to `char [2]`: `char x[2];` and `char (*y)[2];`, each on a line.
    let parse = c_parser::parse(C, &c_parser::ParseOptions::default());
    let c = CCode {
        text: C,
        root: &parse.root,
        macro_body: None,
    };
    let ty = bound("char [2]");
    let mut pieces = Pieces::default();
    pieces.value(at(0), &ty, false);
    let dims = || "[2]".to_string();
    let placed = vec![
        (at(1), String::new(), dims()),
        (at(3), "(".to_string(), String::new()),
        (at(4), String::new(), format!("){}", dims())),
    ];
    pieces.array_type(&ty, &placed);
    pieces.token(at(1), IDENT, "x");
    pieces.token(at(2), COMMA, ",");
    pieces.token(at(3), STAR, "*");
    pieces.token(at(4), IDENT, "y");
    pieces.token(at(5), SEMI, ";");
    // With no comma, the code has no marks; found all the same.
    assert!(pieces
        .marks(&c, "char x[2];\nchar (*y)[2];", true)
        .is_empty());
    let distributed = one_declaration_per_declarator(&pieces.pieces).expect("declarators");
    assert_eq!(
        marks_from_trees(&c, "char x[2];\nchar (*y)[2];", &distributed).expect("the tokens"),
        [
            (6, Open),
            (8, Close),
            (16, Open),
            (19, Close),
            (20, Open),
            (22, Close)
        ]
    );
    // Not distributed: one declaration.
    assert_eq!(pieces.marks(&c, "char x[2], (*y)[2];", false).len(), 7);
}
