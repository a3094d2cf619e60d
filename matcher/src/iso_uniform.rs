//! Which pattern expressions an isomorphism may match in another form.
//!
//! spatch applies an isomorphism to a term of the rule only where the term is removed whole
//! or the term is context code (iso_pattern.ml's `context_required`; otherwise `--parse-cocci`
//! says "the following code matched is not uniformly minus or context"). With `x != - 0 +
//! NULL` matched as the bare test `x`, the `0` to replace would not be there and `NULL`
//! would land after `x`; with `- x + y != 0` swapped to `0 != x`, the change would move.
//!
//! A term is context when the tokens at its own level are (spatch's context_neg.ml: the
//! tokens of the term itself, or where it has none, those of its children's level): the
//! operator and the operands' own tokens of `x != 0`, the parentheses of `(e)` or of a call's
//! arguments, the `!` of `!x`. Changes further down do not count, so `find(- k + k + 1) != 0`
//! still matches `find(k)` in a test. Code added before or after the whole term does not
//! count either; code added between the term's level tokens does.

use crate::node::Matcher;
use crate::syntax::{sig_children, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
use smpl_parser::{AnchorPlace, Mark};

/// Whether an isomorphism may match pattern expression `p` in another form: all of `p` is
/// removed, or its level tokens are context code with nothing added between them.
pub(crate) fn rewritable_by_iso(m: &Matcher, p: &SyntaxNode) -> bool {
    let index = |t: &SyntaxToken| m.pat.token_index(t);
    let all: Vec<usize> = sig_tokens(&SyntaxElement::Node(p.clone()))
        .iter()
        .filter_map(index)
        .collect();
    let mark = |i: &usize| m.pat.body.tokens[*i].mark;
    if all.iter().all(|i| mark(i) == Mark::Minus) {
        return true;
    }
    let (Some(&first), Some(&last)) = (all.first(), all.last()) else {
        return true;
    };
    let level: Vec<usize> = level_tokens(p).iter().filter_map(index).collect();
    let kept = level
        .iter()
        .all(|i| matches!(mark(i), Mark::Context | Mark::Star));
    let added_between = m.pat.body.plus_runs.iter().any(|run| match run.place {
        AnchorPlace::Before(i) => i != first && level.contains(&i),
        AnchorPlace::After(i) => i != last && level.contains(&i),
        AnchorPlace::Replace { .. } | AnchorPlace::Alone => false,
    });
    kept && !added_between
}

/// The tokens at a pattern expression's own level, as spatch's abstract syntax holds them:
/// a binary operator or an assignment is a term without tokens of its own (its operator is
/// a term too), so its level is its operands' levels and the operator; a call's are the
/// parentheses of its arguments (the callee and the commas are terms of their own); any
/// other term's are the tokens directly in it, or its children's levels when it has none.
fn level_tokens(n: &SyntaxNode) -> Vec<SyntaxToken> {
    let children = sig_children(n);
    match n.kind() {
        SyntaxKind::CALL_EXPR => children
            .iter()
            .filter_map(|c| c.as_node())
            .filter(|c| c.kind() == SyntaxKind::ARG_LIST)
            .flat_map(sig_children)
            .filter_map(|t| t.into_token())
            .filter(|t| matches!(t.kind(), SyntaxKind::L_PAREN | SyntaxKind::R_PAREN))
            .collect(),
        SyntaxKind::BIN_EXPR | SyntaxKind::ASSIGN_EXPR => {
            children.iter().flat_map(level_of).collect()
        }
        _ => {
            let own: Vec<SyntaxToken> = children
                .iter()
                .filter_map(|c| c.as_token().cloned())
                .collect();
            if own.is_empty() {
                children.iter().flat_map(level_of).collect()
            } else {
                own
            }
        }
    }
}

fn level_of(el: &SyntaxElement) -> Vec<SyntaxToken> {
    match el {
        SyntaxElement::Token(t) => vec![t.clone()],
        SyntaxElement::Node(n) => level_tokens(n),
    }
}
