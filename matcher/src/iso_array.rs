//! standard.iso's `ptr_to_array`: `E1->fld` also matches `E1[E2].fld`, a field of an
//! element of the array E1 points to (E2 any index, bound to nothing).

use crate::env::Env;
use crate::node::{Matcher, K};
use crate::syntax::{sig_children, sig_range};
use c_parser::{SyntaxElement, SyntaxKind};

/// Pattern `E1->fld` (its children `ps`) against C `X[Y].fld` (its children `cs`).
pub(crate) fn m_array_field(
    m: &Matcher,
    ps: &[SyntaxElement],
    cs: &[SyntaxElement],
    env: Env,
    k: K,
) -> bool {
    let ([pointer, arrow, field], [SyntaxElement::Node(element), dot, c_field]) = (ps, cs) else {
        return false;
    };
    if arrow.kind() != SyntaxKind::ARROW
        || dot.kind() != SyntaxKind::DOT
        || element.kind() != SyntaxKind::INDEX_EXPR
    {
        return false;
    }
    let parts = sig_children(element);
    let [array, open, ..] = parts.as_slice() else {
        return false;
    };
    let mut env = env;
    // The arrow stands for the index and the dot: `- E->fld` removes them all.
    if let Some(i) = arrow.as_token().and_then(|t| m.pat.token_index(t)) {
        env.map_token(i, sig_range(open).start..sig_range(dot).end);
    }
    m.m_el(pointer, array, env, &mut |e| m.m_el(field, c_field, e, k))
}
