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
pub(crate) fn negated_operand_types(m: &Matcher, x: &SyntaxElement) -> (bool, bool) {
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
        SyntaxKind::FOR_STMT => is_for_condition(&parent, c),
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

/// Whether `c` is the condition of the `for` loop `for_stmt`, the clause after the first
/// `;` (a declaration as first clause holds its own): spatch takes neither the first clause
/// nor the step for a test.
fn is_for_condition(for_stmt: &SyntaxNode, c: &SyntaxNode) -> bool {
    let mut clauses_before = 0;
    for el in sig_children(for_stmt) {
        if el.as_node() == Some(c) {
            return clauses_before == 1;
        }
        if matches!(el.kind(), SyntaxKind::SEMI | SyntaxKind::DECLARATION) {
            clauses_before += 1;
        }
    }
    false
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

/// A pattern node and the C node it is tried against, with their significant children: what
/// every isomorphism looks at.
pub(crate) struct Site<'s, 'm> {
    pub m: &'s Matcher<'m>,
    pub p: &'s SyntaxNode,
    pub c: &'s SyntaxNode,
    pub ps: Vec<SyntaxElement>,
    pub cs: Vec<SyntaxElement>,
    /// `c` as an element.
    pub ce: SyntaxElement,
}

impl Site<'_, '_> {
    /// Pattern token `pt` (when it is one) matched C element `ct`.
    pub fn map_token(&self, env: &mut Env, pt: &SyntaxElement, ct: &SyntaxElement) {
        if let SyntaxElement::Token(t) = pt {
            if let Some(i) = self.m.pat.token_index(t) {
                env.map_token(i, sig_range(ct));
            }
        }
    }

    /// Pattern tokens `pt` (when they are tokens) matched nothing, at `at`.
    fn map_tokens_to_point(&self, env: &mut Env, pts: &[&SyntaxElement], at: [usize; 2]) {
        for (pt, at) in pts.iter().zip(at) {
            if let SyntaxElement::Token(t) = pt {
                if let Some(i) = self.m.pat.token_index(t) {
                    env.map_token(i, at..at);
                }
            }
        }
    }
}

/// What a form of the pattern that applies whatever its node's kind says: it matched
/// (`Some(true)`), the pattern cannot match at all (`Some(false)`), or it does not apply
/// (`None`: the next form is tried).
type Form = for<'k> fn(&Site<'_, '_>, &Env, K<'k>) -> Option<bool>;

/// Tries the isomorphisms for pattern node `p` against C node `c`.
pub fn m_iso(m: &Matcher, p: &SyntaxNode, c: &SyntaxNode, env: Env, k: K) -> bool {
    let site = Site {
        m,
        p,
        c,
        ps: sig_children(p),
        cs: sig_children(c),
        ce: SyntaxElement::Node(c.clone()),
    };
    const GENERAL: [Form; 7] = [
        zero_as_char,
        compared_with_zero_in_test,
        implicit_return_type_pointer,
        braced_statement,
        braced_dots_statement,
        crate::iso_decl::assignment_as_initializer,
        dropped_cast,
    ];
    for form in GENERAL {
        if let Some(answer) = form(&site, &env, &mut *k) {
            return answer;
        }
    }
    by_kind(&site, env, k)
}

/// The forms for the pattern node's kind.
fn by_kind(site: &Site, env: Env, k: K) -> bool {
    use crate::{iso_decl, iso_expr, iso_if};
    let (m, p, c, ps) = (site.m, site.p, site.c, &site.ps);
    let isos = m.isos;
    match p.kind() {
        SyntaxKind::DECL_SPECS if ps.len() == 2 && ps[1].kind() == SyntaxKind::FIELD_LIST => {
            iso_decl::struct_type_with_fields(site, env, k)
        }
        SyntaxKind::BIN_EXPR if ps.len() == 3 => iso_expr::binary(site, env, k),
        SyntaxKind::PREFIX_EXPR if ps.len() == 2 && ps[0].kind() == SyntaxKind::BANG => {
            iso_expr::not_as_comparison(site, env, k)
        }
        SyntaxKind::PAREN_EXPR if ps.len() == 3 && isos.on(Iso::Paren) => {
            iso_expr::parentheses_dropped(site, env, k)
        }
        SyntaxKind::DECLARATION | SyntaxKind::PARAM | SyntaxKind::FIELD_DECL
            if c.kind() == p.kind() =>
        {
            iso_decl::declaration(site, env, k)
        }
        SyntaxKind::FIELD_EXPR
            if ps.len() == 3 && ps[1].kind() == SyntaxKind::DOT && isos.on(Iso::FldToPtr) =>
        {
            iso_expr::field_through_pointer(m, ps, &site.cs, env, k)
        }
        SyntaxKind::FIELD_EXPR
            if isos.on(Iso::PtrToArray)
                && crate::iso_array::m_array_field(m, ps, &site.cs, env.clone(), k) =>
        {
            true
        }
        SyntaxKind::FIELD_EXPR if ps.len() == 3 && isos.on(Iso::PtrField) => {
            iso_expr::arrow_as_star_dot(site, env, k)
        }
        SyntaxKind::SIZEOF_EXPR if ps.len() == 2 && isos.on(Iso::SizeofParen) => {
            iso_expr::sizeof_parentheses(site, env, k)
        }
        SyntaxKind::IF_STMT
            if c.kind() == SyntaxKind::IF_STMT
                && iso_if::m_swapped_if(m, ps, &site.cs, env.clone(), k) =>
        {
            true
        }
        SyntaxKind::IF_STMT if isos.on(Iso::DropElse) && c.kind() == SyntaxKind::IF_STMT => {
            iso_if::else_dropped(site, env, k)
        }
        SyntaxKind::INIT_DECLARATOR if isos.on(Iso::DeclInit) => {
            iso_decl::initializer_dropped(site, env, k)
        }
        _ => false,
    }
}

/// `0` is also written `'\0'` where a value is passed or assigned (an ArgExpression).
fn zero_as_char(site: &Site, env: &Env, k: K) -> Option<bool> {
    let (p, c, ps, cs) = (site.p, site.c, &site.ps, &site.cs);
    let applies = site.m.isos.on(Iso::ZeroMultipleFormat)
        && p.kind() == SyntaxKind::LITERAL
        && c.kind() == SyntaxKind::LITERAL
        && is_zero(&SyntaxElement::Node(p.clone()))
        && matches!(sig_tokens(&site.ce).as_slice(), [t] if t.kind() == SyntaxKind::CHAR_LIT && t.text() == "'\\0'")
        && is_argument_expression(c);
    if !applies {
        return None;
    }
    let mut env = env.clone();
    if let (Some(pt), Some(ct)) = (ps.first(), cs.first()) {
        site.map_token(&mut env, pt, ct);
    }
    k(env).then_some(true)
}

/// `E` in a test matches `E != 0` and `E != NULL` there.
fn compared_with_zero_in_test(site: &Site, env: &Env, k: K) -> Option<bool> {
    let (m, p, c, cs) = (site.m, site.p, site.c, &site.cs);
    let isos = m.isos;
    let applies = (isos.on(Iso::NotInt2) || isos.on(Iso::NotPtr2))
        && crate::syntax::is_expression(p.kind())
        && c.kind() == SyntaxKind::BIN_EXPR
        && cs.len() == 3
        && cs[1].kind() == SyntaxKind::NEQ
        && ((isos.on(Iso::NotInt2) && is_zero(&cs[2]))
            || (isos.on(Iso::NotPtr2) && is_null_name(&cs[2])))
        && in_test_context(c)
        && pattern_in_test_context(p);
    (applies && m.m_el(&SyntaxElement::Node(p.clone()), &cs[0], env.clone(), k)).then_some(true)
}

/// A function written without its return type returns anything, a pointer too: the
/// stars go with the implicit return type.
fn implicit_return_type_pointer(site: &Site, env: &Env, k: K) -> Option<bool> {
    let (m, p, c) = (site.m, site.p, site.c);
    let applies = p.kind() == SyntaxKind::FUNCTION_DECLARATOR
        && c.kind() == SyntaxKind::POINTER_DECLARATOR
        && p.prev_sibling()
            .is_some_and(|s| s.kind() == SyntaxKind::DECL_SPECS && sig_children(&s).is_empty());
    if !applies {
        return None;
    }
    let mut inner = c.clone();
    while inner.kind() == SyntaxKind::POINTER_DECLARATOR {
        match inner.children().last() {
            Some(n) => inner = n,
            None => return Some(false),
        }
    }
    if inner.kind() != SyntaxKind::FUNCTION_DECLARATOR {
        return None;
    }
    let mut env = env.clone();
    if let Some(first) = sig_tokens(&SyntaxElement::Node(p.clone()))
        .first()
        .and_then(|t| m.pat.token_index(t))
    {
        let stars = sig_range(&site.ce).start..sig_range(&SyntaxElement::Node(inner.clone())).start;
        env.implicit.push((first, stars));
    }
    let pe = SyntaxElement::Node(p.clone());
    Some(m.m_el(&pe, &SyntaxElement::Node(inner), env, k))
}

/// Whether a pattern block may stand for a C statement without braces (standard.iso's
/// `braces`): the C element is a statement that is no block, and the pattern adds no
/// statements beside its own inside the braces (they would need them).
fn braces_may_go(site: &Site) -> bool {
    let (m, p, c) = (site.m, site.p, site.c);
    p.kind() == SyntaxKind::COMPOUND_STMT
        && m.isos.on(Iso::Braces)
        && !adds_statements_in_block(m, p)
        && (crate::syntax::is_statement(c.kind())
            || matches!(c.kind(), SyntaxKind::CASE_LABEL | SyntaxKind::DEFAULT_LABEL))
        && (c.kind() != SyntaxKind::COMPOUND_STMT || block_only_as_statement(m, p, c))
}

/// Whether rule-level block pattern `p`, which adds code outside its braces, meets C block
/// `c` where nothing can stand beside it: the body of an `if`, `else`, loop or `switch`.
/// spatch does not match the pattern's braces there (asttoctl2's protect_top_level, its
/// UnsafeBrace nodes), only the block as the one statement `S` of standard.iso's
/// `{ S } => S`, whose added code then gets braces of its own.
pub(crate) fn block_only_as_statement(m: &Matcher, p: &SyntaxNode, c: &SyntaxNode) -> bool {
    let body_of_statement = c.parent().is_some_and(|parent| {
        crate::syntax::holds_body_statement(parent.kind())
            || parent.kind() == SyntaxKind::SWITCH_STMT
    });
    c.kind() == SyntaxKind::COMPOUND_STMT
        && body_of_statement
        && p.kind() == SyntaxKind::COMPOUND_STMT
        && p.parent()
            .is_some_and(|b| b.kind() == SyntaxKind::SMPL_BODY)
        && adds_code_outside_braces(m, p)
}

/// `{ S }` matches a lone statement S (braces around one statement are optional).
fn braced_statement(site: &Site, env: &Env, k: K) -> Option<bool> {
    let (m, ps) = (site.m, &site.ps);
    let applies = braces_may_go(site)
        && ps.len() == 3
        // A statement list is not a statement: `{ ss }` needs the braces.
        && !m
            .pat
            .single_metavar(&ps[1])
            .is_some_and(|(_, mv)| m.pat.is_list_metavar(mv))
        && !matches!(ps[1].kind(), SyntaxKind::DOTS_NODE | SyntaxKind::NEST);
    if !applies {
        return None;
    }
    let r = sig_range(&site.ce);
    let mut e = env.clone();
    site.map_tokens_to_point(&mut e, &[&ps[0], &ps[2]], [r.start, r.end]);
    m.m_el(&ps[1], &site.ce, e, k).then_some(true)
}

/// `{ ... S }` matches a lone statement too: its paths start there.
fn braced_dots_statement(site: &Site, env: &Env, k: K) -> Option<bool> {
    let (m, ps) = (site.m, &site.ps);
    let applies = braces_may_go(site)
        && ps.len() >= 3
        && ps[1..ps.len() - 1]
            .iter()
            .any(|e| matches!(e.kind(), SyntaxKind::DOTS_NODE | SyntaxKind::NEST));
    if !applies {
        return None;
    }
    let r = sig_range(&site.ce);
    let mut e = env.clone();
    site.map_tokens_to_point(&mut e, &[&ps[0], &ps[ps.len() - 1]], [r.start, r.end]);
    let items: Vec<crate::node::Item> = ps[1..ps.len() - 1]
        .iter()
        .cloned()
        .map(crate::node::Item::El)
        .collect();
    m.m_seq(&items, std::slice::from_ref(&site.ce), r.start, false, e, k)
        .then_some(true)
}

/// `(T)E` matches E. (Only casts to a type metavariable: spatch keeps `(void *)E` patterns
/// exact.)
fn dropped_cast(site: &Site, env: &Env, k: K) -> Option<bool> {
    let (m, p, ps) = (site.m, site.p, &site.ps);
    let cast_removed = || {
        ps[..ps.len().min(3)].iter().flat_map(sig_tokens).all(|t| {
            m.pat
                .token_index(&t)
                .is_some_and(|i| m.pat.body.tokens[i].mark == smpl_parser::Mark::Minus)
        })
    };
    let applies = p.kind() == SyntaxKind::CAST_EXPR
        && m.isos.on(Iso::DropCast)
        && ps.len() == 4
        && cast_removed()
        && !carries_attachment(m, &ps[..3])
        && m.pat.single_metavar(&ps[1]).is_some();
    if !applies {
        return None;
    }
    let r = sig_range(&site.ce);
    let mut e = env.clone();
    for el in &ps[..3] {
        for t in sig_tokens(el) {
            if let Some(i) = m.pat.token_index(&t) {
                e.map_token(i, r.start..r.start);
            }
        }
    }
    m.m_el(&ps[3], &site.ce, e, k).then_some(true)
}

/// Whether the pattern adds statements right inside block `p`, beside its statements rather
/// than in place of removed code (`{ ... + put(); return; }`): the added code needs the
/// braces, so the block is not read as a lone statement (spatch leaves `if (x) return;`).
/// Code added outside the block's own braces (before `{`, after `}`) goes beside the
/// statement the block stands for (`{ S } + foo();` is `S + foo();`, standard.iso's
/// `braces4`).
fn adds_statements_in_block(m: &Matcher, p: &SyntaxNode) -> bool {
    let (open, close) = own_braces(m, p);
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
        let at = match run.place {
            smpl_parser::AnchorPlace::Before(at) if Some(at) != open => at,
            smpl_parser::AnchorPlace::After(at) if Some(at) != close => at,
            _ => return false,
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

/// The pattern indices of block `p`'s own `{` and `}`.
fn own_braces(m: &Matcher, p: &SyntaxNode) -> (Option<usize>, Option<usize>) {
    let brace = |el: Option<&SyntaxElement>| {
        el.and_then(|b| b.as_token())
            .and_then(|t| m.pat.token_index(t))
    };
    let children = sig_children(p);
    (brace(children.first()), brace(children.last()))
}

/// Whether the pattern adds code outside block `p`'s own braces (before its `{` or after its
/// `}`). Such a block does not match a function's body, where nothing can stand beside it
/// (spatch's protect_top_level).
pub(crate) fn adds_code_outside_braces(m: &Matcher, p: &SyntaxNode) -> bool {
    let (open, close) = own_braces(m, p);
    m.pat.body.plus_runs.iter().any(|run| match run.place {
        smpl_parser::AnchorPlace::Before(at) => Some(at) == open,
        smpl_parser::AnchorPlace::After(at) => Some(at) == close,
        _ => false,
    })
}
