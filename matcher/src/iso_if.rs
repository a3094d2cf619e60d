//! standard.iso's `ne_if` and `neg_if`: `if (E1 == E2) S1 else S2` matches
//! `if (E1 != E2) S2 else S1` (and `!=` the other way), and `if (X) S1 else S2` matches
//! `if (!X) S2 else S1`: the condition is negated and the branches swapped.

use crate::env::Env;
use crate::node::{Matcher, K};
use crate::syntax::{sig_children, sig_range};
use c_parser::{SyntaxElement, SyntaxKind};

/// The parts of an `if` with an `else`: keyword, parentheses, condition, both branches and
/// the `else` keyword.
struct IfElse {
    if_kw: SyntaxElement,
    open: SyntaxElement,
    cond: SyntaxElement,
    close: SyntaxElement,
    then: SyntaxElement,
    else_kw: SyntaxElement,
    other: SyntaxElement,
}

fn if_else(els: &[SyntaxElement]) -> Option<IfElse> {
    let mut flat: Vec<SyntaxElement> = Vec::new();
    for e in els {
        match e {
            SyntaxElement::Node(n) if n.kind() == SyntaxKind::ELSE_BRANCH => {
                flat.extend(sig_children(n))
            }
            e => flat.push(e.clone()),
        }
    }
    let [if_kw, open, cond, close, then, else_kw, other] =
        <[SyntaxElement; 7]>::try_from(flat).ok()?;
    (if_kw.kind() == SyntaxKind::IF_KW && else_kw.kind() == SyntaxKind::ELSE_KW).then_some(IfElse {
        if_kw,
        open,
        cond,
        close,
        then,
        else_kw,
        other,
    })
}

/// `ps` (a pattern `if`/`else`) against `cs` (a C one) through `ne_if` or `neg_if`.
pub(crate) fn m_swapped_if(
    m: &Matcher,
    ps: &[SyntaxElement],
    cs: &[SyntaxElement],
    env: Env,
    k: K,
) -> bool {
    let (Some(p), Some(c)) = (if_else(ps), if_else(cs)) else {
        return false;
    };
    let mut env = env;
    for (pt, ct) in [
        (&p.if_kw, &c.if_kw),
        (&p.open, &c.open),
        (&p.close, &c.close),
        (&p.else_kw, &c.else_kw),
    ] {
        if let Some(i) = pt.as_token().and_then(|t| m.pat.token_index(t)) {
            env.map_token(i, sig_range(ct));
        }
    }
    let mut branches = |e: Env| {
        m.m_el(&p.then, &c.other, e, &mut |e2| {
            m.m_el(&p.other, &c.then, e2, k)
        })
    };
    if m.isos.on("ne_if") && m_opposite_comparison(m, &p.cond, &c.cond, env.clone(), &mut branches)
    {
        return true;
    }
    if !m.isos.on("neg_if") {
        return false;
    }
    let Some(negated) = c
        .cond
        .as_node()
        .filter(|n| n.kind() == SyntaxKind::PREFIX_EXPR)
    else {
        return false;
    };
    match sig_children(negated).as_slice() {
        [bang, inner] if bang.kind() == SyntaxKind::BANG => {
            m.m_el(&p.cond, inner, env, &mut branches)
        }
        _ => false,
    }
}

/// `E1 == E2` against `E1 != E2`, or `!=` against `==`.
fn m_opposite_comparison(
    m: &Matcher,
    p: &SyntaxElement,
    c: &SyntaxElement,
    env: Env,
    k: K,
) -> bool {
    let (Some(pn), Some(cn)) = (p.as_node(), c.as_node()) else {
        return false;
    };
    if pn.kind() != SyntaxKind::BIN_EXPR || cn.kind() != SyntaxKind::BIN_EXPR {
        return false;
    }
    let (pk, ck) = (sig_children(pn), sig_children(cn));
    let ([pl, pop, pr], [cl, cop, cr]) = (pk.as_slice(), ck.as_slice()) else {
        return false;
    };
    let opposite = matches!(
        (pop.kind(), cop.kind()),
        (SyntaxKind::EQ2, SyntaxKind::NEQ) | (SyntaxKind::NEQ, SyntaxKind::EQ2)
    );
    if !opposite {
        return false;
    }
    let mut env = env;
    if let Some(i) = pop.as_token().and_then(|t| m.pat.token_index(t)) {
        env.map_token(i, sig_range(cop));
    }
    m.m_el(pl, cl, env, &mut |e| m.m_el(pr, cr, e, &mut |e2| k(e2)))
}
