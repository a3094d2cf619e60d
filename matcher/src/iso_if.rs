//! standard.iso's `ne_if` and `neg_if`: `if (E1 == E2) S1 else S2` matches
//! `if (E1 != E2) S2 else S1` (and `!=` the other way), and `if (X) S1 else S2` matches
//! `if (!X) S2 else S1`: the condition is negated and the branches swapped.

use crate::env::Env;
use crate::iso::Site;
use crate::iso::{
    carries_attachment, in_test_context, is_constantish, is_context_code, is_null_name, is_zero,
    map_to, Iso,
};
use crate::iso_chain::operands;
use crate::node::{Matcher, K};
use crate::syntax::{sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};

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
    if m.isos.on(Iso::NeIf)
        && m_opposite_comparison(m, &p.cond, &c.cond, env.clone(), &mut branches)
    {
        return true;
    }
    m.isos.on(Iso::NegIf) && m_negated(m, &p.cond, &c.cond, env, &mut branches)
}

/// The negation of pattern condition `p` against C condition `c`. As spatch does for
/// `neg_if`, a condition of context code is negated through its structure (`!X` is `X`,
/// `<` is `>=`, `==` is `!=`, `&&` and `||` swap with both sides negated, `...` stays); any
/// other, or one the rule changes, is matched as `!(p)`.
fn m_negated(m: &Matcher, p: &SyntaxElement, c: &SyntaxElement, env: Env, k: K) -> bool {
    // A condition the rule changes is not negated through.
    if !is_context_code(m, p) {
        return m_under_bang(m, p, c, env, k);
    }
    let Some(pn) = p.as_node() else {
        return match p.kind() {
            SyntaxKind::DOTS => m.m_el(p, c, env, k),
            _ => m_under_bang(m, p, c, env, k),
        };
    };
    let parts = sig_children(pn);
    match (pn.kind(), parts.as_slice()) {
        (SyntaxKind::PREFIX_EXPR, [bang, inner]) if bang.kind() == SyntaxKind::BANG => {
            let mut env = env;
            map_to(m, bang, sig_range(c).start..sig_range(c).start, &mut env);
            m.m_el(inner, c, env, k)
        }
        (SyntaxKind::PAREN_EXPR, [open, inner, close]) => {
            m_negated_in_parens(m, [open, inner, close], c, env, k)
        }
        (SyntaxKind::BIN_EXPR, [left, op, right]) => match negated_operator(op.kind()) {
            Some(opposite) if matches!(opposite, SyntaxKind::AMP2 | SyntaxKind::PIPE2) => {
                m_negated_logic(m, pn, [left, op, right], opposite, c, env, k)
            }
            Some(opposite) => m_opposite(m, [left, op, right], opposite, c, env, k),
            None => m_under_bang(m, p, c, env, k),
        },
        (SyntaxKind::DISJ, _) => {
            let (branches, open, close) = m.branches(pn);
            let r = sig_range(c);
            branches.iter().any(|b| {
                let [one] = b.as_slice() else { return false };
                let mut env = env.clone();
                for (i, at) in [(open, r.start), (close, r.end)] {
                    if let Some(i) = i {
                        env.map_token(i, at..at);
                    }
                }
                m_negated(m, one, c, env, k)
            })
        }
        _ => m_under_bang(m, p, c, env, k),
    }
}

/// `p` against the operand of a C `!`.
fn m_under_bang(m: &Matcher, p: &SyntaxElement, c: &SyntaxElement, env: Env, k: K) -> bool {
    let Some(negated) = c.as_node().filter(|n| n.kind() == SyntaxKind::PREFIX_EXPR) else {
        return false;
    };
    match sig_children(negated).as_slice() {
        [bang, inner] if bang.kind() == SyntaxKind::BANG => m.m_el(p, inner, env, k),
        _ => false,
    }
}

/// `(X)` negated is `(!X)`: against C's own parentheses, or without them (`paren`).
fn m_negated_in_parens(
    m: &Matcher,
    [open, inner, close]: [&SyntaxElement; 3],
    c: &SyntaxElement,
    env: Env,
    k: K,
) -> bool {
    if let Some(cp) = c.as_node().filter(|n| n.kind() == SyntaxKind::PAREN_EXPR) {
        if let [co, ci, cc] = sig_children(cp).as_slice() {
            let mut e = env.clone();
            map_to(m, open, sig_range(co), &mut e);
            map_to(m, close, sig_range(cc), &mut e);
            if m_negated(m, inner, ci, e, k) {
                return true;
            }
        }
    }
    if !m.isos.on(Iso::Paren) {
        return false;
    }
    let r = sig_range(c);
    let mut env = env;
    map_to(m, open, r.start..r.start, &mut env);
    map_to(m, close, r.end..r.end, &mut env);
    m_negated(m, inner, c, env, k)
}

/// `L && R` negated is `!L || !R`, and `||` the other way; `L && ...` is then a chain of
/// `||` with `!L` among its operands (`comm_assoc`).
fn m_negated_logic(
    m: &Matcher,
    pn: &SyntaxNode,
    [left, op, right]: [&SyntaxElement; 3],
    opposite: SyntaxKind,
    c: &SyntaxElement,
    env: Env,
    k: K,
) -> bool {
    if let Some(chain) = crate::iso_chain::Chain::of(m, pn) {
        let accepts = |el: &SyntaxElement, e: Env, k: K| m_negated(m, &chain.member, el, e, k);
        let member = crate::iso_chain::Member {
            op_kind: opposite,
            accepts: &accepts,
        };
        return chain.m_operand(m, &member, c, env, k, false);
    }
    let Some((cl, cop, cr)) = operands(c, opposite) else {
        return false;
    };
    let mut env = env;
    map_to(m, op, sig_range(&cop), &mut env);
    m_negated(m, left, &cl, env, &mut |e| m_negated(m, right, &cr, e, k))
}

/// A comparison negated: `L op R` against C's `L opposite R`, its operands swapped where
/// `==`/`!=` compare with a constant, and `L != NULL` (`L != 0`) as a bare `L` where it is
/// tested, `L == NULL` as `!L` (the standard.iso forms of the negated comparison).
fn m_opposite(
    m: &Matcher,
    [left, op, right]: [&SyntaxElement; 3],
    opposite: SyntaxKind,
    c: &SyntaxElement,
    env: Env,
    k: K,
) -> bool {
    let r = sig_range(c);
    if m_with_operator(m, [left, op, right], opposite, c, false, env.clone(), k) {
        return true;
    }
    let swappable = match opposite {
        SyntaxKind::EQ2 => m.isos.on(Iso::Commeq),
        SyntaxKind::NEQ => m.isos.on(Iso::Commneq),
        _ => false,
    } && (is_constantish(left) || is_constantish(right));
    if swappable && m_with_operator(m, [left, op, right], opposite, c, true, env.clone(), k) {
        return true;
    }
    let against_null = |iso_null: Iso, iso_zero: Iso| {
        (m.isos.on(iso_null) && is_null_name(right)) || (m.isos.on(iso_zero) && is_zero(right))
    };
    // The forms below drop the operator and the constant: a position on either has nothing
    // to bind to.
    if carries_attachment(m, &[op.clone(), right.clone()]) {
        return false;
    }
    let mut env = env;
    match opposite {
        SyntaxKind::NEQ if against_null(Iso::IsntNull1, Iso::IsntZero) => {
            let tested = c.as_node().is_some_and(in_test_context);
            map_to(m, op, r.end..r.end, &mut env);
            map_to(m, right, r.end..r.end, &mut env);
            tested && m.m_el(left, c, env, k)
        }
        SyntaxKind::EQ2 if against_null(Iso::IsNull, Iso::IsZero) => {
            let Some(negated) = c.as_node().filter(|n| n.kind() == SyntaxKind::PREFIX_EXPR) else {
                return false;
            };
            match sig_children(negated).as_slice() {
                [bang, inner] if bang.kind() == SyntaxKind::BANG => {
                    map_to(m, op, sig_range(bang), &mut env);
                    map_to(m, right, r.end..r.end, &mut env);
                    m.m_el(left, inner, env, k)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// The operator a negation turns `kind` into, for those spatch negates through.
fn negated_operator(kind: SyntaxKind) -> Option<SyntaxKind> {
    Some(match kind {
        SyntaxKind::LT => SyntaxKind::GE,
        SyntaxKind::GT => SyntaxKind::LE,
        SyntaxKind::LE => SyntaxKind::GT,
        SyntaxKind::GE => SyntaxKind::LT,
        SyntaxKind::EQ2 => SyntaxKind::NEQ,
        SyntaxKind::NEQ => SyntaxKind::EQ2,
        SyntaxKind::AMP2 => SyntaxKind::PIPE2,
        SyntaxKind::PIPE2 => SyntaxKind::AMP2,
        _ => return None,
    })
}

/// `E1 == E2` against `E1 != E2`, or `!=` against `==`.
fn m_opposite_comparison(
    m: &Matcher,
    p: &SyntaxElement,
    c: &SyntaxElement,
    env: Env,
    k: K,
) -> bool {
    let Some((left, op, right)) =
        operands(p, SyntaxKind::EQ2).or_else(|| operands(p, SyntaxKind::NEQ))
    else {
        return false;
    };
    let opposite = negated_operator(op.kind()).unwrap_or(op.kind());
    m_with_operator(m, [&left, &op, &right], opposite, c, false, env, k)
}

/// `L op R` against C's `L' operator R'` with the given operator, `op` standing for it;
/// `swapped`: against `R' operator L'`.
fn m_with_operator(
    m: &Matcher,
    [left, op, right]: [&SyntaxElement; 3],
    operator: SyntaxKind,
    c: &SyntaxElement,
    swapped: bool,
    env: Env,
    k: K,
) -> bool {
    let Some((cl, cop, cr)) = operands(c, operator) else {
        return false;
    };
    let (cl, cr) = if swapped { (cr, cl) } else { (cl, cr) };
    let mut env = env;
    map_to(m, op, sig_range(&cop), &mut env);
    m.m_el(left, &cl, env, &mut |e| m.m_el(right, &cr, e, k))
}

/// `if (E) S1 else S2` (S2 untouched, or the whole if removed) matches an if without an
/// else. The else is an ELSE_BRANCH node or an `else` token and the statement after it.
pub(crate) fn else_dropped(site: &Site, env: Env, k: K) -> bool {
    let (m, ps, cs, ce) = (site.m, &site.ps, &site.cs, &site.ce);
    let is_else =
        |e: &SyntaxElement| matches!(e.kind(), SyntaxKind::ELSE_BRANCH | SyntaxKind::ELSE_KW);
    let c_else = cs.iter().any(is_else);
    let Some(pe) = ps.iter().position(is_else) else {
        return false;
    };
    let minus = |t: &c_parser::SyntaxToken| {
        m.pat
            .token_index(t)
            .is_some_and(|i| m.pat.body.tokens[i].mark == smpl_parser::Mark::Minus)
    };
    let else_untouched = ps[pe..].iter().flat_map(sig_tokens).all(|t| !minus(&t));
    // A removed if loses its else with it: only removing the else alone needs one.
    let all_removed = ps.iter().flat_map(sig_tokens).all(|t| minus(&t));
    if c_else
        || !(else_untouched || all_removed)
        || !else_is_statement_metavar(m, &ps[pe..])
        || carries_attachment(m, &ps[pe..])
    {
        return false;
    }
    let items: Vec<crate::node::Item> = ps[..pe]
        .iter()
        .cloned()
        .map(crate::node::Item::El)
        .collect();
    m.m_seq(&items, cs, sig_range(ce).start, false, env, k)
}

/// Whether the else of a pattern's if (the `else` token and its statement, or an
/// ELSE_BRANCH) is `else S` with S a statement metavariable: standard.iso's `drop_else`
/// has `pure statement S2`, which matches a metavariable of the rule and no written code
/// (spatch 1.1.1 does not match `if (x > y) v = x;` with `if (x > y) v = x; else v = y;`).
fn else_is_statement_metavar(m: &Matcher, branch: &[SyntaxElement]) -> bool {
    let parts: Vec<SyntaxElement> = match branch {
        [SyntaxElement::Node(n)] if n.kind() == SyntaxKind::ELSE_BRANCH => sig_children(n),
        _ => branch.to_vec(),
    };
    let [kw, stmt] = parts.as_slice() else {
        return false;
    };
    if kw.kind() != SyntaxKind::ELSE_KW {
        return false;
    }
    // A metavariable used elsewhere too (`if (...) S1 else S1`) says what the else must
    // be: spatch does not drop it.
    m.pat.single_metavar(stmt).is_some_and(|(_, mv)| {
        let uses = m
            .pat
            .body
            .tokens
            .iter()
            .filter(|t| t.metavar == Some(mv))
            .count()
            + m.pat
                .body
                .plus_tokens
                .iter()
                .filter(|t| t.added && t.metavar == Some(mv))
                .count();
        matches!(m.pat.kind(mv), smpl_parser::MetavarKind::Statement)
            && uses == 1
            && !m.pat.metavars[mv].is_inherited()
    })
}
