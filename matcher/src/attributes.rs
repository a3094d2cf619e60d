//! Attributes in types and declarations: where C may write them in several places, a
//! pattern's attributes stand for all of them (as in spatch, an attribute belongs to the
//! type or declaration, not to one spot among its specifiers).

use crate::env::{Binding, Env};
use crate::iso::Iso;
use crate::node::{Item, Matcher, K};
use crate::syntax::{normalized_text, sig_children, sig_range};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::MetavarKind;
use std::ops::Range;

fn is_attribute(el: &SyntaxElement) -> bool {
    el.kind() == SyntaxKind::ATTRIBUTE
}

/// Declaration specifiers with their attributes moved after the other words, for a pattern
/// that names attributes: `U __attribute__((x)) y` matches `__attribute__((x)) int y` and
/// `int __attribute__((x)) y` alike. None when the pattern has no attribute.
pub(crate) fn attributes_last(
    ps: &[SyntaxElement],
    cs: &[SyntaxElement],
) -> Option<(Vec<Item>, Vec<SyntaxElement>)> {
    if !ps.iter().any(is_attribute) || !cs.iter().any(is_attribute) {
        return None;
    }
    let last = |els: &[SyntaxElement]| {
        let (attrs, rest): (Vec<_>, Vec<_>) = els.iter().cloned().partition(is_attribute);
        rest.into_iter().chain(attrs).collect::<Vec<_>>()
    };
    let items = last(ps).into_iter().map(Item::El).collect();
    Some((items, last(cs)))
}

impl<'a> Matcher<'a> {
    /// With `optional_attributes`, C attributes among the children of a node whose pattern
    /// writes none (`int x __attribute__((unused))` for `T x`) are left out of the match and
    /// left implicit: they go only when the pattern removes the whole thing.
    pub(crate) fn leave_out_attributes(
        &self,
        pn: &SyntaxNode,
        cs: &mut Vec<SyntaxElement>,
        env: &mut Env,
    ) {
        if !cs.iter().any(is_attribute)
            || sig_children(pn).iter().any(is_attribute)
            || !self.isos.on(Iso::OptionalAttributes)
        {
            return;
        }
        let first = crate::syntax::sig_tokens(&SyntaxElement::Node(pn.clone()))
            .first()
            .and_then(|t| self.pat.token_index(t));
        let (attrs, rest): (Vec<_>, Vec<_>) = cs.drain(..).partition(is_attribute);
        *cs = rest;
        let ranges: Vec<Range<usize>> = attrs.iter().map(sig_range).collect();
        if let Some(i) = first {
            env.implicit.extend(ranges.iter().map(|r| (i, r.clone())));
        }
        env.left_out_attributes.extend(ranges);
    }
}

/// Whether a complete match would strand an attribute it left out: code the rule replaces
/// on both sides of it would leave it among the added code (`int x __attribute__((used));`
/// replaced as a whole by `T x` code), so such a match is not taken. A rule that only
/// removes takes the attribute along.
pub(crate) fn strands_attribute(pat: &crate::pattern::Pattern, env: &Env) -> bool {
    if env.left_out_attributes.is_empty() || pat.body.plus_runs.is_empty() {
        return false;
    }
    let minus = |i: usize| pat.body.tokens[i].mark == smpl_parser::Mark::Minus;
    env.left_out_attributes.iter().any(|a| {
        let before = env
            .token_map
            .iter()
            .filter(|(_, r)| !r.is_empty() && r.end <= a.start)
            .max_by_key(|(_, r)| r.end);
        let after = env
            .token_map
            .iter()
            .filter(|(_, r)| !r.is_empty() && r.start >= a.end)
            .min_by_key(|(_, r)| r.start);
        matches!((before, after), (Some((b, _)), Some((f, _))) if minus(*b) && minus(*f))
    })
}

impl<'a> Matcher<'a> {
    /// `(T __attr)` against `(int *__attr)`: an attribute after the last `*` of an abstract
    /// declarator is the whole type's, so T takes `int *` and the attributes match in turn
    /// (`(int __attr *)` is a pointer to an attributed `int`, and does not match).
    pub(crate) fn m_type_name_attributes(
        &self,
        pn: &SyntaxNode,
        cn: &SyntaxNode,
        env: Env,
        k: K,
    ) -> bool {
        let pk = sig_children(pn);
        let [SyntaxElement::Node(pspecs)] = pk.as_slice() else {
            return false;
        };
        let (pattrs, pcore): (Vec<_>, Vec<_>) =
            sig_children(pspecs).into_iter().partition(is_attribute);
        let (Some(pt), 1, false) = (pcore.first(), pcore.len(), pattrs.is_empty()) else {
            return false;
        };
        let Some((ttok, tmv)) = self
            .pat
            .single_metavar(pt)
            .filter(|(_, mv)| matches!(self.pat.kind(*mv), MetavarKind::Type))
        else {
            return false;
        };
        let ck = sig_children(cn);
        let [SyntaxElement::Node(cspecs), SyntaxElement::Node(cdecl)] = ck.as_slice() else {
            return false;
        };
        let Some((stars, tail_attrs)) = pointer_then_attributes(cdecl) else {
            return false;
        };
        let (spec_attrs, spec_core): (Vec<_>, Vec<_>) =
            sig_children(cspecs).into_iter().partition(is_attribute);
        let (Some(first), Some(last)) = (spec_core.first(), stars.last()) else {
            return false;
        };
        let range = sig_range(first).start..sig_range(last).end;
        let normalized = spec_core
            .iter()
            .chain(&stars)
            .map(normalized_text)
            .collect::<Vec<_>>()
            .join(" ");
        let b = Binding {
            text: self.text.get(range.clone()).unwrap_or("").to_string(),
            normalized: crate::types::normalize_type(&normalized),
            range: range.clone(),
        };
        let mut env = env;
        if !self.constraints_hold(tmv, &b, &env) || !env.bind(tmv, b) {
            return false;
        }
        if let Some(i) = self.pat.token_index(&ttok) {
            env.map_token(i, range.clone());
        }
        let items: Vec<Item> = pattrs.into_iter().map(Item::El).collect();
        let cattrs: Vec<SyntaxElement> = spec_attrs.into_iter().chain(tail_attrs).collect();
        self.m_seq(&items, &cattrs, range.end, false, env, k)
    }
}

/// An abstract pointer declarator (`* const *__attr`): its `*`s and qualifiers, and the
/// attributes after the last of them. None when there are no such attributes or the
/// declarator has more than pointers.
fn pointer_then_attributes(decl: &SyntaxNode) -> Option<(Vec<SyntaxElement>, Vec<SyntaxElement>)> {
    if decl.kind() != SyntaxKind::POINTER_DECLARATOR {
        return None;
    }
    let mut stars = Vec::new();
    let mut node = decl.clone();
    loop {
        let kids = sig_children(&node);
        let nested = kids
            .iter()
            .find(|e| e.kind() == SyntaxKind::POINTER_DECLARATOR)
            .and_then(|e| e.as_node().cloned());
        match nested {
            Some(inner) => {
                let before: Vec<_> = kids
                    .iter()
                    .take_while(|e| e.kind() != SyntaxKind::POINTER_DECLARATOR)
                    .cloned()
                    .collect();
                if !before.iter().all(is_pointer_part) {
                    return None;
                }
                stars.extend(before);
                node = inner;
            }
            None => {
                let at = kids.iter().position(is_attribute)?;
                let (ptr, attrs) = kids.split_at(at);
                if !ptr.iter().all(is_pointer_part) || !attrs.iter().all(is_attribute) {
                    return None;
                }
                stars.extend(ptr.iter().cloned());
                return Some((stars, attrs.to_vec()));
            }
        }
    }
}

fn is_pointer_part(el: &SyntaxElement) -> bool {
    matches!(
        el.kind(),
        SyntaxKind::STAR | SyntaxKind::CONST_KW | SyntaxKind::VOLATILE_KW | SyntaxKind::RESTRICT_KW
    )
}
