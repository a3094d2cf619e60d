//! Parentheses around code the rule puts among other code: a bound expression in plus code,
//! and plus code in place of a C expression. Both are decided on trees: the plus code's, the
//! C file's and the inserted code's own (rewriter's `needs_parens` on c-parser's precedence).

use c_parser::ast::AstNode;
use c_parser::SyntaxKind;
use std::ops::Range;

/// The C code a match was found in: its text and its tree.
pub struct CCode<'a> {
    pub text: &'a str,
    pub root: &'a c_parser::SyntaxNode,
    /// Inside a `#define` body: the body's code (with the `;` its wrapper adds).
    pub macro_body: Option<Range<usize>>,
}

/// Whether code bound to an expression metavariable needs parentheses where the plus code
/// puts it (`E * HZ` with `E` bound to `a - b`): decided on the plus code's tree, where `at`
/// is the metavariable's token, and on the bound code's own tree.
pub(super) fn bound_expression_needs_parens(code: &str, at: &c_parser::SyntaxToken) -> bool {
    let Some(node) = at.parent() else {
        return false;
    };
    let slot = c_parser::ast::outermost_same_range(node);
    let parse = c_parser::parse_expression(code, &c_parser::ParseOptions::default());
    match parse.root.children().find_map(c_parser::ast::Expr::cast) {
        Some(value) if parse.errors.is_empty() => {
            rewriter::needs_parens(&value, &slot) || rewriter::groups_product(&value, &slot)
        }
        // Code that is no expression alone (a macro's pieces): parenthesised wherever an
        // operator around it could take part of it.
        _ => c_parser::ast::required_prec(&slot) > c_parser::ast::Prec::Assign,
    }
}

/// Plus code put in place of a C expression, parenthesised where the C operators around it
/// bind tighter than its own (`y / cfs_time_seconds(t)` becoming `y / (t * HZ)`): decided
/// on the C file's tree and the plus code's own.
/// A whole `#define` body is parenthesised unless it is a primary or postfix expression: the
/// macro's uses put it among operators the body cannot see (`x / P`).
pub(super) fn parenthesized_in_context(
    c: &CCode,
    range: Range<usize>,
    code: rewriter::AddedCode,
) -> rewriter::AddedCode {
    let Some(slot) = c_expression_at(c.root, range) else {
        return code;
    };
    let parse = c_parser::parse_expression(&code.text, &c_parser::ParseOptions::default());
    let Some(value) = parse.root.children().find_map(c_parser::ast::Expr::cast) else {
        return code;
    };
    let needs = if is_whole_macro_body(c, &slot) {
        value.prec() < c_parser::ast::Prec::Postfix
    } else {
        parse.errors.is_empty() && rewriter::needs_parens(&value, &slot)
    };
    if needs {
        code.in_parentheses(true)
    } else {
        code
    }
}

/// Whether `slot` is the whole code of the `#define` body the match was found in.
fn is_whole_macro_body(c: &CCode, slot: &c_parser::SyntaxNode) -> bool {
    let Some(body) = &c.macro_body else {
        return false;
    };
    slot.parent().is_some_and(|statement| {
        statement.kind() == SyntaxKind::EXPR_STMT
            && crate::syntax::sig_range(&c_parser::SyntaxElement::Node(statement)) == *body
    })
}

/// The outermost expression node of the C tree whose code is exactly `range`.
fn c_expression_at(
    root: &c_parser::SyntaxNode,
    range: Range<usize>,
) -> Option<c_parser::SyntaxNode> {
    let start = c_parser::TextSize::try_from(range.start).ok()?;
    let end = c_parser::TextSize::try_from(range.end).ok()?;
    if range.start >= range.end || end > root.text_range().end() {
        return None;
    }
    let covering = root.covering_element(c_parser::TextRange::new(start, end));
    let node = match covering {
        c_parser::SyntaxElement::Node(n) => n,
        c_parser::SyntaxElement::Token(t) => t.parent()?,
    };
    let expr = node.ancestors().find(|n| {
        c_parser::ast::is_expr(n.kind())
            && crate::syntax::sig_range(&c_parser::SyntaxElement::Node(n.clone())) == range
    })?;
    Some(c_parser::ast::outermost_same_range(expr))
}
