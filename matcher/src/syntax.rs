//! Small helpers over c-parser's trees shared by the pattern and the C side.

use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
use std::ops::Range;

/// The significant (non-trivia) children of a node, tokens and nodes in order.
pub fn sig_children(node: &SyntaxNode) -> Vec<SyntaxElement> {
    node.children_with_tokens()
        .filter(|e| match e {
            SyntaxElement::Token(t) => !t.kind().is_trivia(),
            SyntaxElement::Node(_) => true,
        })
        .collect()
}

/// The significant tokens under an element, in order.
pub fn sig_tokens(el: &SyntaxElement) -> Vec<SyntaxToken> {
    match el {
        SyntaxElement::Token(t) => {
            if t.kind().is_trivia() {
                Vec::new()
            } else {
                vec![t.clone()]
            }
        }
        SyntaxElement::Node(n) => n
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| !t.kind().is_trivia())
            .collect(),
    }
}

fn first_sig_token(el: &SyntaxElement) -> Option<SyntaxToken> {
    match el {
        SyntaxElement::Token(t) => (!t.kind().is_trivia()).then(|| t.clone()),
        SyntaxElement::Node(n) => n
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| !t.kind().is_trivia()),
    }
}

fn last_sig_token(el: &SyntaxElement) -> Option<SyntaxToken> {
    match el {
        SyntaxElement::Token(t) => (!t.kind().is_trivia()).then(|| t.clone()),
        SyntaxElement::Node(n) => {
            let mut tok = n.last_token()?;
            loop {
                if !tok.kind().is_trivia() {
                    return Some(tok);
                }
                tok = tok.prev_token()?;
                if tok.text_range().end() <= n.text_range().start() {
                    return None;
                }
            }
        }
    }
}

/// The byte range from the first to the last significant token of an element (an empty range
/// at the element's start when it has none).
pub fn sig_range(el: &SyntaxElement) -> Range<usize> {
    match (first_sig_token(el), last_sig_token(el)) {
        (Some(a), Some(b)) => {
            usize::from(a.text_range().start())..usize::from(b.text_range().end())
        }
        _ => {
            let s = usize::from(el.text_range().start());
            s..s
        }
    }
}

/// Token texts joined by single spaces: the form in which two bindings are compared, so that
/// whitespace and comments do not matter.
pub fn normalized_text(el: &SyntaxElement) -> String {
    let mut out = String::new();
    for t in sig_tokens(el) {
        if !out.is_empty() {
            out.push(' ');
        }
        match t.kind() {
            SyntaxKind::INT_NUMBER => out.push_str(&integer_by_value(t.text())),
            _ => out.push_str(t.text()),
        }
    }
    out
}

/// An integer literal written by its value in decimal, its suffix kept (lowercased): `3`,
/// `0x03` and `03` are the same constant to a metavariable, as in spatch. A literal that
/// does not fit in 128 bits is kept as written.
fn integer_by_value(literal: &str) -> String {
    let digits_end = literal.find(['u', 'U', 'l', 'L']).unwrap_or(literal.len());
    let (number, suffix) = literal.split_at(digits_end);
    let number = number.replace('\'', "");
    let value = if let Some(hex) = number.strip_prefix("0x").or(number.strip_prefix("0X")) {
        u128::from_str_radix(hex, 16)
    } else if let Some(bin) = number.strip_prefix("0b").or(number.strip_prefix("0B")) {
        u128::from_str_radix(bin, 2)
    } else if number.len() > 1 && number.starts_with('0') {
        u128::from_str_radix(&number[1..], 8)
    } else {
        number.parse()
    };
    match value {
        Ok(v) => format!("{v}{}", suffix.to_ascii_lowercase()),
        Err(_) => literal.to_string(),
    }
}

/// A branch of a disjunction among a declaration's specifiers (`\(int\|unsigned long\) x;`)
/// is a type: its words take their places among the C declaration's specifiers.
pub fn specifier_branch(disj: &SyntaxNode, branch: Vec<SyntaxElement>) -> Vec<SyntaxElement> {
    if disj.parent().map(|p| p.kind()) != Some(SyntaxKind::DECL_SPECS) {
        return branch;
    }
    match branch.as_slice() {
        [SyntaxElement::Node(ty)] if ty.kind() == SyntaxKind::TYPE_NAME => {
            match sig_children(ty).as_slice() {
                [SyntaxElement::Node(specs)] if specs.kind() == SyntaxKind::DECL_SPECS => {
                    sig_children(specs)
                }
                _ => branch,
            }
        }
        _ => branch,
    }
}

/// A `for` whose first clause is a declaration (`for (int i = 0; ...)`) against a pattern
/// whose first clause is not (`for (...; ...; ...)`, `for (e1; e2; e3)`): the declaration's
/// parts and its `;` take the places of the pattern's clause and `;`, as in spatch, where
/// the declaration is the loop's first clause.
pub fn open_for_declaration(pattern: &SyntaxNode, c_children: &mut Vec<SyntaxElement>) {
    let is_declaration =
        |el: Option<&SyntaxElement>| el.is_some_and(|e| e.kind() == SyntaxKind::DECLARATION);
    if pattern.kind() != SyntaxKind::FOR_STMT
        || c_children.first().map(|e| e.kind()) != Some(SyntaxKind::FOR_KW)
        || !is_declaration(c_children.get(2))
        || is_declaration(sig_children(pattern).get(2))
    {
        return;
    }
    if let Some(SyntaxElement::Node(declaration)) = c_children.get(2).cloned() {
        c_children.splice(2..3, sig_children(&declaration));
    }
}

/// Whether the code `part` is a sub-term of the code `whole` (or is `whole`): some node of
/// `whole`, parsed as an expression, has `part`'s tokens. Both are token texts joined by
/// single spaces ([`normalized_text`]). Code that does not parse as an expression (a
/// statement, a type) is searched for as a run of whole tokens.
pub fn is_sub_term(part: &str, whole: &str) -> bool {
    if part == whole {
        return true;
    }
    const PREFIX: &str = "void __sub_term(void) { (";
    let wrapped = format!("{PREFIX}{whole}); }}");
    let parse = c_parser::parse(&wrapped, &c_parser::ParseOptions::default());
    if !parse.errors.is_empty() {
        let tokens = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let (part, whole) = (tokens(part), tokens(whole));
        return whole.windows(part.len()).any(|w| w == part.as_slice());
    }
    let start = rowan::TextSize::from(PREFIX.len() as u32);
    parse
        .root
        .descendants()
        .filter(|n| n.text_range().start() >= start)
        .any(|n| normalized_text(&SyntaxElement::Node(n)) == part)
}

pub fn kind_of(el: &SyntaxElement) -> SyntaxKind {
    el.kind()
}

/// Kinds of C expression nodes: c-parser's expression kinds without the SmPL ones and without
/// brace initialisers (which match as initializers, not expressions).
pub fn is_expression(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    c_parser::ast::is_expr(kind) && !matches!(kind, BRACE_EXPR | DOTS_NODE | NEST | DISJ | CONJ)
}

/// Kinds of C statement nodes: c-parser's statement kinds without labels, declarations and the
/// SmPL kinds, which the matcher handles on their own.
pub fn is_statement(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    c_parser::ast::is_stmt(kind)
        && !matches!(
            kind,
            CASE_LABEL
                | DEFAULT_LABEL
                | DECLARATION
                | STATIC_ASSERT
                | DOTS_NODE
                | NEST
                | DISJ
                | CONJ
                | OPT_STMT
                | ERROR
        )
}

/// Members of a struct body that a `field` metavariable matches: declarations of members, and
/// macro uses standing as members (`DECLARE_FLEX_ARRAY(...)`, a bare marker line), as
/// Coccinelle's MacroDeclField and MacroDeclFieldMarker are fields.
pub fn is_field(el: &SyntaxElement) -> bool {
    match el.kind() {
        SyntaxKind::FIELD_DECL => true,
        SyntaxKind::MACRO_DECL => el
            .parent()
            .is_some_and(|p| p.kind() == SyntaxKind::FIELD_LIST),
        _ => false,
    }
}

/// Nodes that hold a sequence of items (where a pattern of several statements may match a
/// run of consecutive children).
pub fn is_item_container(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    matches!(kind, COMPOUND_STMT | SOURCE_FILE | FIELD_LIST)
}

/// Comma-separated lists, matched element by element.
pub fn is_comma_list(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    matches!(
        kind,
        ARG_LIST | PARAM_LIST | INITIALIZER_LIST | ENUMERATOR_LIST
    )
}

/// Whether two node kinds may match each other structurally.
pub fn kinds_compatible(p: SyntaxKind, c: SyntaxKind) -> bool {
    use SyntaxKind::*;
    if p == c {
        return true;
    }
    let class = |k: SyntaxKind| match k {
        EXPR_STMT | MACRO_STMT => 1,
        NAME | NAME_REF => 2,
        _ => 0,
    };
    class(p) != 0 && class(p) == class(c)
}

/// Whether two tokens are the same C token (keywords by kind, so `__const` is `const`).
pub fn tokens_equal(p: &SyntaxToken, c: &SyntaxToken) -> bool {
    if p.kind() != c.kind() {
        return false;
    }
    if p.kind().is_keyword() {
        return true;
    }
    if p.text() == c.text() {
        return true;
    }
    // SmPL writes C's variadic `...` as `......` (its own `...` means any parameters).
    if p.kind() == SyntaxKind::ELLIPSIS && p.text() == "......" && c.text() == "..." {
        return true;
    }
    // Integer constants are equal by value (`0` is `0x00`), as in spatch.
    p.kind() == SyntaxKind::INT_NUMBER
        && matches!((int_value(p.text()), int_value(c.text())), (Some(a), Some(b)) if a == b)
}

/// The value of a C integer constant without its suffix.
pub fn int_value(text: &str) -> Option<u128> {
    let t = text.trim_end_matches(['u', 'U', 'l', 'L']);
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u128::from_str_radix(h, 16).ok()
    } else if t.len() > 1 && t.starts_with('0') {
        u128::from_str_radix(&t[1..], 8).ok()
    } else {
        t.parse().ok()
    }
}

/// What a `constant` metavariable matches, as spatch: a literal, a `sizeof`, a negated or
/// cast constant, and (when `names` holds: the metavariable wants no type) an upper-case
/// name (`NULL`, `GFP_KERNEL`).
pub fn is_constant_expression(c: &SyntaxElement, names: bool) -> bool {
    let operand = || {
        c.as_node()
            .and_then(|n| n.children().last())
            .map(SyntaxElement::Node)
    };
    match c.kind() {
        SyntaxKind::LITERAL | SyntaxKind::STRING_EXPR | SyntaxKind::SIZEOF_EXPR => true,
        SyntaxKind::NAME_REF => names && is_constant_name(&normalized_text(c)),
        SyntaxKind::CAST_EXPR => operand().is_some_and(|o| is_constant_expression(&o, names)),
        SyntaxKind::PREFIX_EXPR => {
            let minus = sig_tokens(c)
                .first()
                .is_some_and(|t| t.kind() == SyntaxKind::MINUS);
            minus && operand().is_some_and(|o| is_constant_expression(&o, names))
        }
        _ => false,
    }
}

/// Upper-case names (`NULL`, `GFP_KERNEL`) are taken for constants, as spatch does.
pub(crate) fn is_constant_name(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}
