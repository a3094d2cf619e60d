//! Isomorphisms: the equivalences of Coccinelle's standard.iso that users rely on, built in
//! (named as there, so that `disable NAME` and an `--iso-file` choose among them).
//!
//! Each is a fallback tried when a pattern node does not match a C node structurally; they
//! go one way, from the pattern's form to the C form, as in standard.iso.

use crate::env::Env;
pub use crate::iso_set::{Iso, IsoSet};
use crate::node::{Matcher, K};
use crate::syntax::{sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::Mark;
use smpl_parser::MetavarKind;
use std::collections::HashSet;

pub(crate) fn is_null_name(el: &SyntaxElement) -> bool {
    matches!(sig_tokens(el).as_slice(), [t] if t.text() == "NULL")
}

/// Whether the operand of a pattern's `!X` is declared a pointer (standard.iso's
/// `not_ptr1`, `expression *X;`: `!X` matches `X == NULL`) and whether an integer
/// (`not_int1`, `int X;`: `X == 0`). As in spatch, an isomorphism's typed metavariable
/// takes only a pattern metavariable declared with such a type: `!E` with `expression E`
/// (or `!lock`, no metavariable) matches only `!` itself.
fn negated_operand_types(m: &Matcher, x: &SyntaxElement) -> (bool, bool) {
    let Some((_, mv)) = m.pat.single_metavar(x) else {
        return (false, false);
    };
    let types = match m.pat.kind(mv) {
        MetavarKind::Expression { types, .. }
        | MetavarKind::IdExpression { types, .. }
        | MetavarKind::Constant { types } => types,
        _ => return (false, false),
    };
    if types.is_empty() {
        return (false, false);
    }
    let pointer = |t: &String| t.trim_end().ends_with('*');
    let int = |t: &String| {
        !pointer(t)
            && !t.split_whitespace().any(|w| {
                matches!(
                    w,
                    "struct" | "union" | "enum" | "float" | "double" | "void" | "bool" | "_Bool"
                )
            })
    };
    (types.iter().all(pointer), types.iter().all(int))
}

pub(crate) fn is_zero(el: &SyntaxElement) -> bool {
    matches!(sig_tokens(el).as_slice(), [t] if t.text() == "0")
}

/// Whether an expression is an argument of a call or the value of an assignment or an
/// initializer: where standard.iso's ArgExpression isomorphisms apply.
fn is_argument_expression(c: &SyntaxNode) -> bool {
    let Some(parent) = c.parent() else {
        return false;
    };
    match parent.kind() {
        SyntaxKind::ARG_LIST | SyntaxKind::INIT_DECLARATOR => true,
        SyntaxKind::ASSIGN_EXPR => parent.first_child().is_some_and(|lhs| lhs != *c),
        _ => false,
    }
}

pub(crate) fn is_constantish(el: &SyntaxElement) -> bool {
    match el {
        SyntaxElement::Node(n) => match n.kind() {
            SyntaxKind::LITERAL | SyntaxKind::STRING_EXPR => true,
            SyntaxKind::NAME_REF => sig_tokens(el).iter().all(|t| {
                t.text()
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            }),
            _ => false,
        },
        _ => false,
    }
}

/// Whether a C expression is used as a truth value (a condition, or under `!`, `&&`, `||`).
pub(crate) fn in_test_context(c: &SyntaxNode) -> bool {
    let Some(parent) = c.parent() else {
        return false;
    };
    match parent.kind() {
        SyntaxKind::IF_STMT | SyntaxKind::WHILE_STMT | SyntaxKind::DO_STMT => true,
        SyntaxKind::FOR_STMT => true,
        SyntaxKind::PREFIX_EXPR => sig_children(&parent)
            .first()
            .is_some_and(|t| t.kind() == SyntaxKind::BANG),
        SyntaxKind::BIN_EXPR => sig_children(&parent)
            .get(1)
            .is_some_and(|t| matches!(t.kind(), SyntaxKind::AMP2 | SyntaxKind::PIPE2)),
        SyntaxKind::COND_EXPR => sig_children(&parent)
            .first()
            .is_some_and(|e| e.as_node() == Some(c)),
        SyntaxKind::PAREN_EXPR => in_test_context(&parent),
        _ => false,
    }
}

/// Whether a pattern expression is written as a condition.
fn pattern_in_test_context(p: &SyntaxNode) -> bool {
    in_test_context(p)
}

/// Whether pattern elements an isomorphism would drop carry attached metavariables
/// (`E ==@p NULL`): there would be no code to bind them to, so spatch does not apply it.
pub(crate) fn carries_attachment(m: &Matcher, dropped: &[SyntaxElement]) -> bool {
    dropped.iter().flat_map(sig_tokens).any(|t| {
        m.pat
            .token_index(&t)
            .is_some_and(|i| !m.pat.body.tokens[i].attached.is_empty())
    })
}

/// Maps every pattern token of `el` to one C range: where code an isomorphism drops (`== NULL`
/// of `x == NULL` matching `!x`) stands, for code added beside it.
pub(crate) fn map_to(
    m: &Matcher,
    el: &SyntaxElement,
    range: std::ops::Range<usize>,
    env: &mut Env,
) {
    for t in sig_tokens(el) {
        if let Some(i) = m.pat.token_index(&t) {
            env.map_token(i, range.clone());
        }
    }
}

/// Every token of `el` is context code (or on a `*` line, which changes nothing).
pub(crate) fn is_context_code(m: &Matcher, el: &SyntaxElement) -> bool {
    sig_tokens(el).iter().all(|t| {
        m.pat.token_index(t).is_none_or(|i| {
            matches!(
                m.pat.body.tokens[i].mark,
                smpl_parser::Mark::Context | smpl_parser::Mark::Star
            )
        })
    })
}

/// Tries the isomorphisms for pattern node `p` against C node `c`.
pub fn m_iso(m: &Matcher, p: &SyntaxNode, c: &SyntaxNode, env: Env, k: K) -> bool {
    let isos = m.isos;
    let ps = sig_children(p);
    let cs = sig_children(c);
    let ce = SyntaxElement::Node(c.clone());
    let map_tok = |env: &mut Env, pt: &SyntaxElement, ct: &SyntaxElement| {
        if let SyntaxElement::Token(t) = pt {
            if let Some(i) = m.pat.token_index(t) {
                env.map_token(i, sig_range(ct));
            }
        }
    };
    // `0` is also written `'\0'` where a value is passed or assigned (an ArgExpression).
    if isos.on(Iso::ZeroMultipleFormat)
        && p.kind() == SyntaxKind::LITERAL
        && c.kind() == SyntaxKind::LITERAL
        && is_zero(&SyntaxElement::Node(p.clone()))
        && matches!(sig_tokens(&ce).as_slice(), [t] if t.kind() == SyntaxKind::CHAR_LIT && t.text() == "'\\0'")
        && is_argument_expression(c)
    {
        let mut env = env.clone();
        if let (Some(pt), Some(ct)) = (ps.first(), cs.first()) {
            map_tok(&mut env, pt, ct);
        }
        if k(env) {
            return true;
        }
    }
    if (isos.on(Iso::NotInt2) || isos.on(Iso::NotPtr2))
        && crate::syntax::is_expression(p.kind())
        && c.kind() == SyntaxKind::BIN_EXPR
        && cs.len() == 3
        && cs[1].kind() == SyntaxKind::NEQ
        && ((isos.on(Iso::NotInt2) && is_zero(&cs[2]))
            || (isos.on(Iso::NotPtr2) && is_null_name(&cs[2])))
        && in_test_context(c)
        && pattern_in_test_context(p)
        && m.m_el(&SyntaxElement::Node(p.clone()), &cs[0], env.clone(), k)
    {
        return true;
    }
    // A function written without its return type returns anything, a pointer too: the
    // stars go with the implicit return type.
    if p.kind() == SyntaxKind::FUNCTION_DECLARATOR
        && c.kind() == SyntaxKind::POINTER_DECLARATOR
        && p.prev_sibling()
            .is_some_and(|s| s.kind() == SyntaxKind::DECL_SPECS && sig_children(&s).is_empty())
    {
        let mut inner = c.clone();
        while inner.kind() == SyntaxKind::POINTER_DECLARATOR {
            match inner.children().last() {
                Some(n) => inner = n,
                None => return false,
            }
        }
        if inner.kind() == SyntaxKind::FUNCTION_DECLARATOR {
            let mut env = env;
            if let Some(first) = sig_tokens(&SyntaxElement::Node(p.clone()))
                .first()
                .and_then(|t| m.pat.token_index(t))
            {
                let stars =
                    sig_range(&ce).start..sig_range(&SyntaxElement::Node(inner.clone())).start;
                env.implicit.push((first, stars));
            }
            let pe = SyntaxElement::Node(p.clone());
            return m.m_el(&pe, &SyntaxElement::Node(inner), env, k);
        }
    }
    // `{ S }` matches a lone statement S (braces around one statement are optional).
    if p.kind() == SyntaxKind::COMPOUND_STMT
        && isos.on(Iso::Braces)
        && ps.len() == 3
        && !adds_statements_in_block(m, p)
        // A statement list is not a statement: `{ ss }` needs the braces.
        && !m
            .pat
            .single_metavar(&ps[1])
            .is_some_and(|(_, mv)| m.pat.is_list_metavar(mv))
        && !matches!(ps[1].kind(), SyntaxKind::DOTS_NODE | SyntaxKind::NEST)
        && crate::syntax::is_statement(c.kind())
        && c.kind() != SyntaxKind::COMPOUND_STMT
    {
        let r = sig_range(&ce);
        let mut e = env.clone();
        for (pt, at) in [(&ps[0], r.start), (&ps[2], r.end)] {
            if let SyntaxElement::Token(t) = pt {
                if let Some(i) = m.pat.token_index(t) {
                    e.map_token(i, at..at);
                }
            }
        }
        if m.m_el(&ps[1], &ce, e, k) {
            return true;
        }
    }
    // `{ ... S }` matches a lone statement too: its paths start there.
    if p.kind() == SyntaxKind::COMPOUND_STMT
        && isos.on(Iso::Braces)
        && ps.len() >= 3
        && ps[1..ps.len() - 1]
            .iter()
            .any(|e| matches!(e.kind(), SyntaxKind::DOTS_NODE | SyntaxKind::NEST))
        && !adds_statements_in_block(m, p)
        && crate::syntax::is_statement(c.kind())
        && c.kind() != SyntaxKind::COMPOUND_STMT
    {
        let r = sig_range(&ce);
        let mut e = env.clone();
        for (pt, at) in [(&ps[0], r.start), (&ps[ps.len() - 1], r.end)] {
            if let SyntaxElement::Token(t) = pt {
                if let Some(i) = m.pat.token_index(t) {
                    e.map_token(i, at..at);
                }
            }
        }
        let items: Vec<crate::node::Item> = ps[1..ps.len() - 1]
            .iter()
            .cloned()
            .map(crate::node::Item::El)
            .collect();
        if m.m_seq(&items, std::slice::from_ref(&ce), r.start, false, e, k) {
            return true;
        }
    }
    // `x = E` matches the initializer of a declaration of x.
    if p.kind() == SyntaxKind::ASSIGN_EXPR
        && c.kind() == SyntaxKind::INIT_DECLARATOR
        && isos.on(Iso::AssignInit)
        && ps.len() == 3
        && ps[1].kind() == SyntaxKind::EQ
        && ps[1]
            .as_token()
            .is_some_and(|t| m.pat.metavar_of(t).is_none())
        && cs.len() == 3
        && cs[1].kind() == SyntaxKind::EQ
        // spatch 1.1.1 does not see the declaration of a `for` header as an assignment.
        && c
            .parent()
            .and_then(|d| d.parent())
            .is_none_or(|f| f.kind() != SyntaxKind::FOR_STMT)
    {
        let mut name = cs[0].clone();
        while let SyntaxElement::Node(n) = &name {
            if n.kind() == SyntaxKind::NAME {
                break;
            }
            match n.children().last() {
                Some(inner) => name = SyntaxElement::Node(inner),
                None => return false,
            }
        }
        let Some(ntok) = sig_tokens(&name).first().cloned() else {
            return false;
        };
        let nrange = sig_range(&name);
        let mut e = env.clone();
        match m.pat.single_metavar(&ps[0]) {
            Some((t, mv)) => {
                let b = crate::env::Binding {
                    text: ntok.text().to_string(),
                    normalized: ntok.text().to_string(),
                    range: nrange.clone(),
                };
                if !m.constraints_hold(mv, &b, &e) || !e.bind(mv, b) {
                    return false;
                }
                // `bool b; ... b = 0` is not `int ret = 0;`: the declared type counts.
                let declared = m.types.declared_type(ntok.text(), nrange.start);
                if !m.declared_type_ok(mv, declared.as_deref(), &mut e) {
                    return false;
                }
                if let Some(i) = m.pat.token_index(&t) {
                    e.map_token(i, nrange);
                }
            }
            None => {
                let pt = sig_tokens(&ps[0]);
                if pt.len() != 1 || pt[0].text() != ntok.text() {
                    return false;
                }
                if let Some(i) = m.pat.token_index(&pt[0]) {
                    e.map_token(i, nrange);
                }
            }
        }
        map_tok(&mut e, &ps[1], &cs[1]);
        if m.m_el(&ps[2], &cs[2], e, k) {
            return true;
        }
    }
    // `(T)E` matches E.
    let cast_removed = || {
        ps[..ps.len().min(3)].iter().flat_map(sig_tokens).all(|t| {
            m.pat
                .token_index(&t)
                .is_some_and(|i| m.pat.body.tokens[i].mark == smpl_parser::Mark::Minus)
        })
    };
    // (Only casts to a type metavariable: spatch keeps `(void *)E` patterns exact.)
    if p.kind() == SyntaxKind::CAST_EXPR
        && isos.on(Iso::DropCast)
        && ps.len() == 4
        && cast_removed()
        && !carries_attachment(m, &ps[..3])
        && m.pat.single_metavar(&ps[1]).is_some()
    {
        let r = sig_range(&ce);
        let mut e = env.clone();
        for el in &ps[..3] {
            for t in sig_tokens(el) {
                if let Some(i) = m.pat.token_index(&t) {
                    e.map_token(i, r.start..r.start);
                }
            }
        }
        if m.m_el(&ps[3], &ce, e, k) {
            return true;
        }
    }
    match p.kind() {
        SyntaxKind::DECL_SPECS if ps.len() == 2 && ps[1].kind() == SyntaxKind::FIELD_LIST => {
            // `T { fields }`: T is the struct's `struct name` (or `struct` alone).
            let Some((ttok, tmv)) = m.pat.single_metavar(&ps[0]) else {
                return false;
            };
            let Some(spec) = cs.iter().find_map(|e| {
                e.as_node()
                    .filter(|n| {
                        matches!(n.kind(), SyntaxKind::STRUCT_SPEC | SyntaxKind::UNION_SPEC)
                    })
                    .cloned()
            }) else {
                return false;
            };
            let kids = sig_children(&spec);
            let Some(fl) = kids.iter().position(|e| e.kind() == SyntaxKind::FIELD_LIST) else {
                return false;
            };
            let head = &kids[..fl];
            let (Some(a), Some(b)) = (head.first(), head.last()) else {
                return false;
            };
            let range = sig_range(a).start..sig_range(b).end;
            let text = m.text.get(range.clone()).unwrap_or("").to_string();
            let b = crate::env::Binding {
                normalized: text.split_whitespace().collect::<Vec<_>>().join(" "),
                text,
                range: range.clone(),
            };
            let mut e = env;
            if !matches!(m.pat.kind(tmv), smpl_parser::MetavarKind::Type)
                || !m.constraints_hold(tmv, &b, &e)
                || !e.bind(tmv, b)
            {
                return false;
            }
            if let Some(i) = m.pat.token_index(&ttok) {
                e.map_token(i, range);
            }
            m.m_el(&ps[1], &kids[fl], e, k)
        }
        SyntaxKind::BIN_EXPR if ps.len() == 3 => {
            if let Some(chain) = crate::iso_chain::Chain::of(m, p) {
                // The structural match just tried the member on the left operand.
                let structural_tried = crate::iso_chain::same_operator(p, c);
                let accepts = |el: &SyntaxElement, e: Env, k: K| m.m_el(&chain.member, el, e, k);
                let member = crate::iso_chain::Member {
                    op_kind: ps[1].kind(),
                    accepts: &accepts,
                };
                return chain.m_operand(m, &member, &ce, env, k, structural_tried);
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
                map_tok(&mut e, &ps[1], &cs[0]);
                // Code added after the dropped constant goes after the whole test, as in
                // spatch (`+ BAD(` `x == NULL` `+ )` gives `BAD(!x)`).
                let end = sig_range(&ce).end;
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
                let end = sig_range(&ce).end;
                for dropped in &ps[1..] {
                    map_to(m, dropped, end..end, &mut e);
                }
                if m.m_el(&ps[0], &ce, e, k) {
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
            // As in spatch, the swapped reading is another branch of a disjunction: it is
            // tried only where the operands as written do not match (`E@p | ... | E`
            // finds `a | a` once, not a second time with the operands swapped).
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
                map_tok(&mut e, &ps[1], &cs[1]);
                let (a, b) = (&ps[0], &ps[2]);
                let (ca, cb) = (&cs[2], &cs[0]);
                if m.m_el(a, ca, e, &mut |e2| m.m_el(b, cb, e2, k)) {
                    return true;
                }
            }
            // The same with NULL/0 on the left in the C code: NULL == x.
            false
        }
        SyntaxKind::PREFIX_EXPR if ps.len() == 2 && ps[0].kind() == SyntaxKind::BANG => {
            // !X matches X == NULL (X a pointer) and X == 0 (X an int), and NULL == X.
            if c.kind() == SyntaxKind::BIN_EXPR && cs.len() == 3 && cs[1].kind() == SyntaxKind::EQ2
            {
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
        SyntaxKind::PAREN_EXPR if ps.len() == 3 && isos.on(Iso::Paren) => {
            let r = sig_range(&ce);
            let mut e = env;
            for (pt, at) in [(&ps[0], r.start), (&ps[2], r.end)] {
                if let SyntaxElement::Token(t) = pt {
                    if let Some(i) = m.pat.token_index(t) {
                        e.map_token(i, at..at);
                    }
                }
            }
            m.m_el(&ps[1], &ce, e, k)
        }
        SyntaxKind::DECLARATION | SyntaxKind::PARAM | SyntaxKind::FIELD_DECL
            if c.kind() == p.kind() =>
        {
            if matches!(p.kind(), SyntaxKind::DECLARATION | SyntaxKind::FIELD_DECL)
                && m_one_declarator(m, &ps, &cs, sig_range(&ce), env.clone(), k)
            {
                return true;
            }
            // `T { fields };` matches a struct definition that also declares names
            // (`typedef struct s { ... } name;`).
            if ps.len() == 2
                && cs.len() > 2
                && ps[1].kind() == SyntaxKind::SEMI
                && cs.last().is_some_and(|l| l.kind() == SyntaxKind::SEMI)
            {
                let pitems: Vec<crate::node::Item> =
                    ps.iter().cloned().map(crate::node::Item::El).collect();
                let cshort = vec![cs[0].clone(), cs[cs.len() - 1].clone()];
                if m.m_seq(
                    &pitems,
                    &cshort,
                    sig_range(&ce).start,
                    false,
                    env.clone(),
                    k,
                ) {
                    return true;
                }
            }
            if m_pointer_in_type(m, &ps, &cs, env.clone(), k) {
                return true;
            }
            // `T x;` against `int x[45];`.
            match (ps.len(), cs.as_slice()) {
                (3, [cspecs, cdecl, csemi]) if csemi.kind() == SyntaxKind::SEMI => {
                    crate::multi_decl::m_type_around_name(
                        m,
                        &ps,
                        cspecs,
                        cdecl,
                        sig_range(csemi),
                        false,
                        env,
                        k,
                    )
                }
                _ => false,
            }
        }
        SyntaxKind::FIELD_EXPR
            if ps.len() == 3 && ps[1].kind() == SyntaxKind::DOT && isos.on(Iso::FldToPtr) =>
        {
            m_field_through_pointer(m, &ps, &cs, env, k)
        }
        SyntaxKind::FIELD_EXPR
            if isos.on(Iso::PtrToArray)
                && crate::iso_array::m_array_field(m, &ps, &cs, env.clone(), k) =>
        {
            true
        }
        SyntaxKind::FIELD_EXPR if ps.len() == 3 && isos.on(Iso::PtrField) => {
            // x->f matches (*x).f and back.
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
                        map_tok(&mut e, &ps[1], &cs[1]);
                        let f = ps[2].clone();
                        let cf = cs[2].clone();
                        return m.m_el(&ps[0], &d[1], e, &mut |e2| m.m_el(&f, &cf, e2, k));
                    }
                }
            }
            false
        }
        SyntaxKind::SIZEOF_EXPR if ps.len() == 2 && isos.on(Iso::SizeofParen) => {
            // sizeof(E) matches sizeof E, and sizeof E matches sizeof(E); never another
            // prefix operator with its operand (`&x->y`, `-x`).
            if c.kind() != SyntaxKind::SIZEOF_EXPR || cs.len() != 2 {
                return false;
            }
            let mut e = env.clone();
            map_tok(&mut e, &ps[0], &cs[0]);
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
        SyntaxKind::IF_STMT
            if c.kind() == SyntaxKind::IF_STMT
                && crate::iso_if::m_swapped_if(m, &ps, &cs, env.clone(), k) =>
        {
            true
        }
        SyntaxKind::IF_STMT if isos.on(Iso::DropElse) && c.kind() == SyntaxKind::IF_STMT => {
            // `if (E) S1 else S2` (S2 untouched, or the whole if removed) matches an if
            // without an else. The else
            // is an ELSE_BRANCH node or an `else` token and the statement after it.
            let is_else = |e: &SyntaxElement| {
                matches!(e.kind(), SyntaxKind::ELSE_BRANCH | SyntaxKind::ELSE_KW)
            };
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
            m.m_seq(&items, &cs, sig_range(&ce).start, false, env, k)
        }
        SyntaxKind::INIT_DECLARATOR if isos.on(Iso::DeclInit) => {
            // `T x;` matches `T x = E;` when x is kept.
            if ps.len() == 1 && cs.len() == 3 && cs[1].kind() == SyntaxKind::EQ {
                let kept = sig_tokens(&ps[0]).iter().all(|t| {
                    m.pat
                        .token_index(t)
                        .is_none_or(|i| m.pat.body.tokens[i].mark != smpl_parser::Mark::Minus)
                });
                if kept {
                    return m.m_el(&ps[0], &cs[0], env, k);
                }
            }
            false
        }
        _ => false,
    }
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

/// `E.fld`, E a metavariable of type T used as is (no code removed or added with it),
/// matches `X->fld` for any X of type `T *` (standard.iso's `fld_to_ptr`); E stays unbound,
/// as the iso's `E1` is a metavariable of its own.
fn m_field_through_pointer(
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

/// How many pointer declarators are nested at the head of a declarator (`**x[]`: 2).
fn pointer_depth(mut decl: Option<SyntaxNode>) -> usize {
    let mut depth = 0;
    while let Some(d) = decl.filter(|d| d.kind() == SyntaxKind::POINTER_DECLARATOR) {
        depth += 1;
        decl = d.children().last();
    }
    depth
}

/// `T x` against `int *x`: the type metavariable takes the stars of the C declarator
/// (`int *`, a contiguous range of the C text up to the last star).
fn m_pointer_in_type(
    m: &Matcher,
    ps: &[SyntaxElement],
    cs: &[SyntaxElement],
    env: Env,
    k: K,
) -> bool {
    let (Some(pspecs), Some(cspecs)) = (ps.first(), cs.first()) else {
        return false;
    };
    if pspecs.kind() != SyntaxKind::DECL_SPECS || cspecs.kind() != SyntaxKind::DECL_SPECS {
        return false;
    }
    let Some((ttok, tmv)) = m.pat.single_metavar(pspecs) else {
        return false;
    };
    if !matches!(m.pat.kind(tmv), smpl_parser::MetavarKind::Type) {
        return false;
    }
    // Exactly one declarator on each side.
    let pdecls: Vec<&SyntaxElement> = ps[1..].iter().filter(|e| e.as_node().is_some()).collect();
    let cdecls: Vec<&SyntaxElement> = cs[1..].iter().filter(|e| e.as_node().is_some()).collect();
    if pdecls.len() != 1 || cdecls.len() != 1 {
        return false;
    }
    // The C declarator, possibly inside an INIT_DECLARATOR, must be a pointer declarator.
    let cdecl = cdecls[0].as_node().cloned();
    let Some(cdecl) = cdecl else { return false };
    let (pointer, outer) = if cdecl.kind() == SyntaxKind::INIT_DECLARATOR {
        match cdecl.children().next() {
            Some(n) if n.kind() == SyntaxKind::POINTER_DECLARATOR => (n, Some(cdecl.clone())),
            _ => return false,
        }
    } else if cdecl.kind() == SyntaxKind::POINTER_DECLARATOR {
        (cdecl.clone(), None)
    } else {
        return false;
    };
    // Strip the stars (and qualifiers after them) the pattern does not write itself: all of
    // them for `T x`, all but one for `T *x[]` against `bool **x[]` (T is `bool *`).
    let pattern_stars = pdecls[0].as_node().map_or(0, |d| {
        let d = match d.kind() {
            SyntaxKind::INIT_DECLARATOR => d.children().next(),
            _ => Some(d.clone()),
        };
        pointer_depth(d)
    });
    let Some(stripped) = pointer_depth(Some(pointer.clone())).checked_sub(pattern_stars) else {
        return false;
    };
    if stripped == 0 {
        return false;
    }
    let mut inner = pointer.clone();
    let mut star_end = 0;
    for _ in 0..stripped {
        for t in sig_children(&inner) {
            if let SyntaxElement::Token(tok) = &t {
                star_end = star_end.max(usize::from(tok.text_range().end()));
            }
        }
        match inner.children().last() {
            Some(n) => inner = n,
            None => return false,
        }
    }
    let start = sig_range(cspecs).start;
    let range = start..star_end;
    let text = m.text.get(range.clone()).unwrap_or("").to_string();
    let normalized = crate::types::normalize_type(&text);
    let mut env = env;
    let binding = crate::env::Binding {
        text,
        normalized,
        range: range.clone(),
    };
    if !m.constraints_hold(tmv, &binding, &env) || !env.bind(tmv, binding) {
        return false;
    }
    if let Some(i) = m.pat.token_index(&ttok) {
        env.map_token(i, range);
    }
    // The rest: the declarator with the stars stripped, then the tokens after it.
    let mut crest: Vec<SyntaxElement> = Vec::new();
    match &outer {
        Some(init) => {
            let mut kids = sig_children(init);
            if let Some(first) = kids.first_mut() {
                *first = SyntaxElement::Node(inner.clone());
            }
            let p_init = pdecls[0].as_node().cloned();
            let Some(p_init) = p_init else { return false };
            if p_init.kind() != SyntaxKind::INIT_DECLARATOR {
                return false;
            }
            let pitems: Vec<crate::node::Item> = sig_children(&p_init)
                .into_iter()
                .map(crate::node::Item::El)
                .collect();
            let after_p: Vec<crate::node::Item> =
                ps[2..].iter().cloned().map(crate::node::Item::El).collect();
            let after_c: Vec<SyntaxElement> = cs[2..].to_vec();
            let pos = sig_range(&cs[1]).start;
            return m.m_seq(&pitems, &kids, pos, false, env, &mut |e| {
                m.m_seq(&after_p, &after_c, pos, false, e, k)
            });
        }
        None => {
            crest.push(SyntaxElement::Node(inner));
            crest.extend(cs[2..].iter().cloned());
        }
    }
    let pitems: Vec<crate::node::Item> =
        ps[1..].iter().cloned().map(crate::node::Item::El).collect();
    let pos = sig_range(&cs[1]).start;
    m.m_seq(&pitems, &crest, pos, false, env, k)
}

/// `int x;` against one declarator of `int a, x, b;`: the shared specifiers are not the
/// pattern's to remove, nor the `;`; the commas go once the rule's matches are known
/// ([`crate::multi_decl::complete_removals`]).
fn m_one_declarator(
    m: &Matcher,
    ps: &[SyntaxElement],
    cs: &[SyntaxElement],
    whole: std::ops::Range<usize>,
    env: Env,
    k: K,
) -> bool {
    use crate::multi_decl::{has_storage, safety, Safety, SplitDecl};
    if ps.len() != 3
        || ps[2].kind() != SyntaxKind::SEMI
        || cs.len() < 5
        || cs[0].kind() != SyntaxKind::DECL_SPECS
        || ps[0].kind() != SyntaxKind::DECL_SPECS
    {
        return false;
    }
    let index_range = |els: &[SyntaxElement]| {
        let toks: Vec<usize> = els
            .iter()
            .flat_map(sig_tokens)
            .filter_map(|t| m.pat.token_index(&t))
            .collect();
        match (toks.first(), toks.last()) {
            (Some(&a), Some(&b)) => Some(a..b + 1),
            _ => None,
        }
    };
    let (Some(pattern_tokens), Some(declarator_tokens)) = (index_range(ps), index_range(&ps[1..2]))
    else {
        return false;
    };
    match safety(&m.pat, &pattern_tokens, &declarator_tokens) {
        Safety::Safe => {}
        Safety::NoStorage if !has_storage(&cs[0]) => {}
        _ => return false,
    }
    let semi = match &ps[2] {
        SyntaxElement::Token(t) => m.pat.token_index(t),
        _ => None,
    };
    let split = SplitDecl {
        decl: whole,
        pattern_tokens,
        declarator_tokens,
    };
    let last = cs.len() - 1;
    for j in 1..last {
        if cs[j].as_node().is_none() {
            continue;
        }
        let at = sig_range(&cs[j]).start;
        let end = sig_range(&cs[j]).end;
        let mut e = env.clone();
        e.split_decl = Some(split.clone());
        if crate::multi_decl::m_type_around_name(
            m,
            ps,
            &cs[0],
            &cs[j],
            end..end,
            true,
            e.clone(),
            k,
        ) {
            return true;
        }
        let mapped_before = e.token_map.len();
        let implicit_before = e.implicit.len();
        let qualifiers_before = e.implicit_qualifiers.len();
        let found = m.m_el(&ps[0], &cs[0], e, &mut |mut e2| {
            for (_, r) in e2.token_map[mapped_before..].iter_mut() {
                *r = at..at;
            }
            e2.implicit.truncate(implicit_before);
            e2.implicit_qualifiers.truncate(qualifiers_before);
            m.m_el(&ps[1], &cs[j], e2, &mut |mut e3| {
                if let Some(si) = semi {
                    e3.map_token(si, end..end);
                }
                k(e3)
            })
        });
        if found {
            return true;
        }
    }
    false
}

/// Whether the pattern adds statements right inside block `p`, beside its statements rather
/// than in place of removed code (`{ ... + put(); return; }`): the added code needs the
/// braces, so the block is not read as a lone statement (spatch leaves `if (x) return;`).
fn adds_statements_in_block(m: &Matcher, p: &SyntaxNode) -> bool {
    let own: HashSet<usize> = sig_tokens(&SyntaxElement::Node(p.clone()))
        .iter()
        .filter(|t| {
            // Not inside a nest: a nest's code goes with each of its occurrences.
            t.parent_ancestors()
                .find(|a| matches!(a.kind(), SyntaxKind::COMPOUND_STMT | SyntaxKind::NEST))
                .is_some_and(|a| &a == p)
        })
        .filter_map(|t| m.pat.token_index(t))
        .collect();
    let body = m.pat.body;
    body.plus_runs.iter().any(|run| {
        let (smpl_parser::AnchorPlace::Before(at) | smpl_parser::AnchorPlace::After(at)) =
            run.place
        else {
            return false;
        };
        let ends_statement = run
            .tokens
            .clone()
            .last()
            .and_then(|i| body.plus_tokens.get(i))
            .is_some_and(|t| matches!(t.kind, SyntaxKind::SEMI | SyntaxKind::R_BRACE));
        ends_statement && own.contains(&at)
    })
}
