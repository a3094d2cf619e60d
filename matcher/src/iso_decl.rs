//! Isomorphisms of declarations: an assignment as an initializer, struct types, one
//! declarator among several, stars in a type metavariable, a dropped initializer.

use crate::env::Env;
use crate::iso::{Iso, Site};
use crate::node::{Matcher, K};
use crate::syntax::{sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};

/// `x = E` matches the initializer of a declaration of x.
pub(crate) fn assignment_as_initializer(site: &Site, env: &Env, k: K) -> Option<bool> {
    let (m, p, c, ps, cs) = (site.m, site.p, site.c, &site.ps, &site.cs);
    let isos = m.isos;
    let applies = p.kind() == SyntaxKind::ASSIGN_EXPR
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
            .is_none_or(|f| f.kind() != SyntaxKind::FOR_STMT);
    if !applies {
        return None;
    }
    let mut name = cs[0].clone();
    while let SyntaxElement::Node(n) = &name {
        if n.kind() == SyntaxKind::NAME {
            break;
        }
        match n.children().last() {
            Some(inner) => name = SyntaxElement::Node(inner),
            None => return Some(false),
        }
    }
    let Some(ntok) = sig_tokens(&name).first().cloned() else {
        return Some(false);
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
                return Some(false);
            }
            // `bool b; ... b = 0` is not `int ret = 0;`: the declared type counts.
            let declared = m.types.declared_type(ntok.text(), nrange.start);
            if !m.declared_type_ok(mv, declared.as_deref(), &mut e) {
                return Some(false);
            }
            if let Some(i) = m.pat.token_index(&t) {
                e.map_token(i, nrange);
            }
        }
        None => {
            let pt = sig_tokens(&ps[0]);
            if pt.len() != 1 || pt[0].text() != ntok.text() {
                return Some(false);
            }
            if let Some(i) = m.pat.token_index(&pt[0]) {
                e.map_token(i, nrange);
            }
        }
    }
    site.map_token(&mut e, &ps[1], &cs[1]);
    m.m_el(&ps[2], &cs[2], e, k).then_some(true)
}

/// `T { fields }`: T is the struct's `struct name` (or `struct` alone).
pub(crate) fn struct_type_with_fields(site: &Site, env: Env, k: K) -> bool {
    let (m, ps, cs) = (site.m, &site.ps, &site.cs);
    let Some((ttok, tmv)) = m.pat.single_metavar(&ps[0]) else {
        return false;
    };
    let Some(spec) = cs.iter().find_map(|e| {
        e.as_node()
            .filter(|n| matches!(n.kind(), SyntaxKind::STRUCT_SPEC | SyntaxKind::UNION_SPEC))
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

/// A declaration, parameter or field against one of the same kind: one declarator of
/// several, a struct definition that also declares names, stars in a type metavariable,
/// a type around the name.
pub(crate) fn declaration(site: &Site, env: Env, k: K) -> bool {
    let (m, p, ps, cs) = (site.m, site.p, &site.ps, &site.cs);
    if matches!(p.kind(), SyntaxKind::DECLARATION | SyntaxKind::FIELD_DECL)
        && m_one_declarator(m, ps, cs, sig_range(&site.ce), env.clone(), k)
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
            sig_range(&site.ce).start,
            false,
            env.clone(),
            k,
        ) {
            return true;
        }
    }
    if m_pointer_in_type(m, ps, cs, env.clone(), k) {
        return true;
    }
    // `T x;` against `int x[45];`.
    match (ps.len(), cs.as_slice()) {
        (3, [cspecs, cdecl, csemi]) if csemi.kind() == SyntaxKind::SEMI => {
            crate::multi_decl::m_type_around_name(
                m,
                ps,
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

/// `T x;` matches `T x = E;` when x is kept.
pub(crate) fn initializer_dropped(site: &Site, env: Env, k: K) -> bool {
    let (m, ps, cs) = (site.m, &site.ps, &site.cs);
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
