//! Isomorphisms of expressions: comparisons with NULL and 0, commutative operators,
//! parentheses, `->` and `(*x).`, `sizeof` with and without parentheses.

use crate::env::Env;
use crate::iso::{
    carries_attachment, in_test_context, is_constantish, is_null_name, is_zero, map_to,
    negated_operand_types, Iso, Site,
};
use crate::iso_uniform::rewritable_by_iso;
use crate::node::{Matcher, K};
use crate::syntax::{sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind};
use smpl_parser::Mark;

/// Binary operators: chains (`A || B`), `X == NULL` as `!X`, `X != NULL` as `X` in a
/// test, and the operands of commutative operators swapped.
pub(crate) fn binary(site: &Site, env: Env, k: K) -> bool {
    let (m, p, c, ps, cs, ce) = (site.m, site.p, site.c, &site.ps, &site.cs, &site.ce);
    let isos = m.isos;
    if let Some(chain) = crate::iso_chain::Chain::of(m, p) {
        // The structural match just tried the member on the left operand.
        let structural_tried = crate::iso_chain::same_operator(p, c);
        let accepts = |el: &SyntaxElement, e: Env, k: K| m.m_el(&chain.member, el, e, k);
        let member = crate::iso_chain::Member {
            op_kind: ps[1].kind(),
            accepts: &accepts,
        };
        return chain.m_operand(m, &member, ce, env, k, structural_tried);
    }
    if !rewritable_by_iso(m, p) {
        return false;
    }
    let op = ps[1].kind();
    // X == NULL matches !X; X == 0 matches !X.
    if op == SyntaxKind::EQ2
        && !carries_attachment(m, &ps[1..])
        && c.kind() == SyntaxKind::PREFIX_EXPR
        && cs.len() == 2
        && cs[0].kind() == SyntaxKind::BANG
        && ((isos.on(Iso::IsNull) && is_null_name(&ps[2]))
            || (isos.on(Iso::IsZero) && is_zero(&ps[2])))
    {
        let mut e = env.clone();
        site.map_token(&mut e, &ps[1], &cs[0]);
        // Code added after the dropped constant goes after the whole test, as in
        // spatch (`+ BAD(` `x == NULL` `+ )` gives `BAD(!x)`).
        let end = sig_range(ce).end;
        map_to(m, &ps[2], end..end, &mut e);
        // And code added before the tested expression goes before the `!` (kept
        // code only: the `!` goes where `==` goes, not with the operand).
        let first = sig_tokens(&ps[0])
            .first()
            .and_then(|t| m.pat.token_index(t));
        if let Some(i) = first.filter(|&i| m.pat.body.tokens[i].mark != Mark::Minus) {
            e.implicit.push((i, sig_range(&cs[0])));
        }
        if m.m_el(&ps[0], &cs[1], e, k) {
            return true;
        }
    }
    // X != NULL matches X where X is tested; code added after the dropped `!= NULL`
    // goes after X, as in spatch.
    if op == SyntaxKind::NEQ
        && !carries_attachment(m, &ps[1..])
        && ((isos.on(Iso::IsntNull1) && is_null_name(&ps[2]))
            || (isos.on(Iso::IsntZero) && is_zero(&ps[2])))
        && in_test_context(c)
    {
        let mut e = env.clone();
        let end = sig_range(ce).end;
        for dropped in &ps[1..] {
            map_to(m, dropped, end..end, &mut e);
        }
        if m.m_el(&ps[0], ce, e, k) {
            return true;
        }
    }
    // Commutative operators: the operands swapped.
    let comm = match op {
        SyntaxKind::EQ2 => {
            isos.on(Iso::Commeq) && (is_constantish(&ps[2]) || is_constantish(&ps[0]))
        }
        SyntaxKind::NEQ => {
            isos.on(Iso::Commneq) && (is_constantish(&ps[2]) || is_constantish(&ps[0]))
        }
        SyntaxKind::PLUS => isos.on(Iso::PlusComm),
        SyntaxKind::STAR => isos.on(Iso::MultComm),
        SyntaxKind::PIPE => isos.on(Iso::BitorComm),
        SyntaxKind::AMP => isos.on(Iso::BitandComm),
        _ => false,
    };
    // As in spatch, the swapped reading is another branch of a disjunction: it is tried
    // only where the operands as written do not match (`E@p | ... | E` finds `a | a` once,
    // not a second time with the operands swapped).
    let as_written = || {
        m.m_el(&ps[0], &cs[0], env.clone(), &mut |e| {
            m.m_el(&ps[2], &cs[2], e, &mut |_| true)
        })
    };
    if comm
        && c.kind() == SyntaxKind::BIN_EXPR
        && cs.len() == 3
        && cs[1].kind() == op
        && !as_written()
    {
        let mut e = env.clone();
        site.map_token(&mut e, &ps[1], &cs[1]);
        let (a, b) = (&ps[0], &ps[2]);
        let (ca, cb) = (&cs[2], &cs[0]);
        if m.m_el(a, ca, e, &mut |e2| m.m_el(b, cb, e2, k)) {
            return true;
        }
    }
    // The same with NULL/0 on the left in the C code: NULL == x.
    false
}

/// !X matches X == NULL (X a pointer) and X == 0 (X an int), and NULL == X.
pub(crate) fn not_as_comparison(site: &Site, env: Env, k: K) -> bool {
    let (m, c, ps, cs) = (site.m, site.c, &site.ps, &site.cs);
    let isos = m.isos;
    if !rewritable_by_iso(m, site.p) {
        return false;
    }
    if c.kind() == SyntaxKind::BIN_EXPR && cs.len() == 3 && cs[1].kind() == SyntaxKind::EQ2 {
        let (pointer, int) = negated_operand_types(m, &ps[1]);
        for (x, other) in [(&cs[0], &cs[2]), (&cs[2], &cs[0])] {
            let ok = (pointer && isos.on(Iso::NotPtr1) && is_null_name(other))
                || (int && isos.on(Iso::NotInt1) && is_zero(other));
            if ok {
                let mut e = env.clone();
                // The `!` stands for `== NULL` (or `NULL ==`): removing it removes both.
                let (op, o) = (sig_range(&cs[1]), sig_range(other));
                let covered = op.start.min(o.start)..op.end.max(o.end);
                if let SyntaxElement::Token(t) = &ps[0] {
                    if let Some(i) = m.pat.token_index(t) {
                        e.map_token(i, covered);
                    }
                }
                if m.m_el(&ps[1], x, e, k) {
                    return true;
                }
            }
        }
    }
    false
}

/// `(E)` matches E.
pub(crate) fn parentheses_dropped(site: &Site, env: Env, k: K) -> bool {
    let (m, ps, ce) = (site.m, &site.ps, &site.ce);
    let r = sig_range(ce);
    let mut e = env;
    for (pt, at) in [(&ps[0], r.start), (&ps[2], r.end)] {
        if let SyntaxElement::Token(t) = pt {
            if let Some(i) = m.pat.token_index(t) {
                e.map_token(i, at..at);
            }
        }
    }
    m.m_el(&ps[1], ce, e, k)
}

/// x->f matches (*x).f and back.
pub(crate) fn arrow_as_star_dot(site: &Site, env: Env, k: K) -> bool {
    let (m, ps, cs) = (site.m, &site.ps, &site.cs);
    if ps[1].kind() == SyntaxKind::ARROW
        && cs.len() == 3
        && cs[1].kind() == SyntaxKind::DOT
        && cs[0].kind() == SyntaxKind::PAREN_EXPR
    {
        let inner = cs[0].as_node().map(sig_children).unwrap_or_default();
        if let Some(SyntaxElement::Node(deref)) = inner.get(1) {
            let d = sig_children(deref);
            if deref.kind() == SyntaxKind::PREFIX_EXPR
                && d.len() == 2
                && d[0].kind() == SyntaxKind::STAR
            {
                let mut e = env.clone();
                site.map_token(&mut e, &ps[1], &cs[1]);
                let f = ps[2].clone();
                let cf = cs[2].clone();
                return m.m_el(&ps[0], &d[1], e, &mut |e2| m.m_el(&f, &cf, e2, k));
            }
        }
    }
    false
}

/// sizeof(E) matches sizeof E, and sizeof E matches sizeof(E); never another prefix
/// operator with its operand (`&x->y`, `-x`).
pub(crate) fn sizeof_parentheses(site: &Site, env: Env, k: K) -> bool {
    let (m, c, ps, cs) = (site.m, site.c, &site.ps, &site.cs);
    if c.kind() != SyntaxKind::SIZEOF_EXPR || cs.len() != 2 {
        return false;
    }
    let mut e = env.clone();
    site.map_token(&mut e, &ps[0], &cs[0]);
    if ps[1].kind() == SyntaxKind::PAREN_EXPR && cs[1].kind() != SyntaxKind::PAREN_EXPR {
        let inner = ps[1].as_node().map(sig_children).unwrap_or_default();
        if let Some(x) = inner.get(1) {
            return m.m_el(x, &cs[1], e, k);
        }
    }
    if cs[1].kind() == SyntaxKind::PAREN_EXPR && ps[1].kind() != SyntaxKind::PAREN_EXPR {
        let inner = cs[1].as_node().map(sig_children).unwrap_or_default();
        if let Some(y) = inner.get(1) {
            return m.m_el(&ps[1], y, e, k);
        }
    }
    false
}

/// `E.fld`, E a metavariable of type T used as is (no code removed or added with it),
/// matches `X->fld` for any X of type `T *` (standard.iso's `fld_to_ptr`); E stays unbound,
/// as the iso's `E1` is a metavariable of its own.
pub(crate) fn field_through_pointer(
    m: &Matcher,
    ps: &[SyntaxElement],
    cs: &[SyntaxElement],
    env: Env,
    k: K,
) -> bool {
    if cs.len() != 3 || cs[1].kind() != SyntaxKind::ARROW {
        return false;
    }
    let Some((tok, mv)) = m.pat.single_metavar(&ps[0]) else {
        return false;
    };
    let smpl_parser::MetavarKind::Expression {
        types,
        array: false,
    } = m.pat.kind(mv)
    else {
        return false;
    };
    let pure = m
        .pat
        .token_index(&tok)
        .is_some_and(|i| m.pat.body.tokens[i].mark == smpl_parser::Mark::Context);
    if types.is_empty() || !pure || env.binding(mv).is_some() {
        return false;
    }
    let pointers: Vec<String> = types.iter().map(|t| format!("{t} *")).collect();
    let mut e = env;
    if !m.type_ok(&pointers, &cs[0], &mut e) {
        return false;
    }
    if let Some(i) = m.pat.token_index(&tok) {
        e.map_token(i, sig_range(&cs[0]));
    }
    if let Some(i) = ps[1].as_token().and_then(|t| m.pat.token_index(t)) {
        e.map_token(i, sig_range(&cs[1]));
    }
    m.m_el(&ps[2], &cs[2], e, k)
}
