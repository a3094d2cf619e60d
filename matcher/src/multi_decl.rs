//! One-declarator patterns against declarations of several declarators (`int a, b, c;`).
//!
//! As in spatch, `int x;` matches each declarator of `int a, b, c;` on its own, but only when
//! the change can be made without splitting the declaration: the pattern removes the whole
//! declaration (each match then takes one declarator out, and the declaration goes once all
//! of its declarators have gone), or it changes only the declared name and what follows it.
//! Code added with `++` in place of a removed declaration is allowed too, but not where the
//! C declaration has a storage class (it would be lost on the new lines).

use crate::env::{Binding, Env};
use crate::iso::Iso;
use crate::node::{Matcher, K};
use crate::pattern::Pattern;
use crate::syntax::{sig_children, sig_range};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, TextRange, TextSize};
use smpl_parser::{AnchorPlace, Mark};
use std::collections::BTreeSet;
use std::ops::Range;

/// A match of a one-declarator pattern on one declarator of a shared declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitDecl {
    /// The whole C declaration, first to last significant token.
    pub decl: Range<usize>,
    /// Indices of the pattern tokens of the declaration (specifiers to `;`).
    pub pattern_tokens: Range<usize>,
    /// Indices of the pattern tokens of its declarator.
    pub declarator_tokens: Range<usize>,
}

impl SplitDecl {
    /// Whether a plus run goes with the declaration as a whole (it touches the specifiers or
    /// the `;`): such code gets lines of its own beside the shared declaration.
    pub fn owns_run(&self, place: &AnchorPlace) -> bool {
        let outside =
            |i: usize| self.pattern_tokens.contains(&i) && !self.declarator_tokens.contains(&i);
        match *place {
            AnchorPlace::Replace { first, last } => outside(first) || outside(last),
            AnchorPlace::Before(i) | AnchorPlace::After(i) => outside(i),
            AnchorPlace::Alone => false,
        }
    }
}

/// How a pattern declaration may be applied to one declarator of a shared declaration
/// (spatch's `safe_for_multi_decls`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Safety {
    /// Anywhere.
    Safe,
    /// Only when the C declaration has no storage class.
    NoStorage,
    /// Never: the change would have to split the declaration.
    Unsafe,
}

/// Whether the pattern's line holding plus token `plus_token` is a `++` line (code that may be
/// added several times at one place).
pub fn is_repeatable(pat: &Pattern, plus_token: usize) -> bool {
    let Some(t) = pat.body.plus_tokens.get(plus_token) else {
        return false;
    };
    let text = &pat.body.plus.text;
    let line_start = text[..t.offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    text[line_start..].starts_with("++")
}

/// The safety of the pattern declaration made of pattern tokens `decl`, whose declarator is
/// `declarator`.
pub fn safety(pat: &Pattern, decl: &Range<usize>, declarator: &Range<usize>) -> Safety {
    let tokens = &pat.body.tokens;
    let touching: Vec<&smpl_parser::PlusRun> = pat
        .body
        .plus_runs
        .iter()
        .filter(|run| match run.place {
            AnchorPlace::Replace { first, last } => first < decl.end && last >= decl.start,
            AnchorPlace::Before(i) | AnchorPlace::After(i) => decl.contains(&i),
            AnchorPlace::Alone => false,
        })
        .collect();
    let all_minus = decl.clone().all(|i| tokens[i].mark == Mark::Minus);
    if all_minus {
        // Code added before a removed declaration is not on the declaration itself.
        let first = tokens[decl.start].file_offset;
        let after: Vec<_> = touching
            .iter()
            .filter(|r| pat.body.plus_tokens[r.tokens.start].file_offset > first)
            .collect();
        if after.is_empty() {
            return Safety::Safe;
        }
        if after.iter().all(|r| is_repeatable(pat, r.tokens.start)) {
            return Safety::NoStorage;
        }
        return Safety::Unsafe;
    }
    let outside = |i: usize| !declarator.contains(&i);
    let removes_outside = decl
        .clone()
        .any(|i| outside(i) && tokens[i].mark == Mark::Minus);
    let adds_outside = touching.iter().any(|r| match r.place {
        AnchorPlace::Replace { first, last } => outside(first) || outside(last),
        // Code added before the declaration or inside its specifiers; code added before the
        // `;` extends the declarator.
        AnchorPlace::Before(i) => outside(i) && i != declarator.end,
        AnchorPlace::After(i) => outside(i),
        AnchorPlace::Alone => false,
    });
    if removes_outside || adds_outside {
        Safety::Unsafe
    } else {
        Safety::Safe
    }
}

/// Whether a C declaration's specifiers hold a storage class.
pub fn has_storage(specs: &SyntaxElement) -> bool {
    let Some(n) = specs.as_node() else {
        return false;
    };
    sig_children(n).iter().any(|c| {
        matches!(
            c.kind(),
            SyntaxKind::STATIC_KW
                | SyntaxKind::EXTERN_KW
                | SyntaxKind::REGISTER_KW
                | SyntaxKind::AUTO_KW
                | SyntaxKind::TYPEDEF_KW
        )
    })
}

/// The extra removals that keep shared declarations well formed once the accepted matches
/// have taken declarators out of them: the commas that went with removed declarators, and the
/// whole declaration when none is left. `removals` are all the removed ranges of the rule;
/// `inline_additions` the offsets where it writes code inside a line: a declarator whose
/// tokens are all removed but that gets code in their place (`- x` `+ *x = f()`) is
/// rewritten, not gone.
pub fn complete_removals(
    root: &SyntaxNode,
    text: &str,
    decls: &[Range<usize>],
    removals: &[Range<usize>],
    inline_additions: &[usize],
) -> Vec<Range<usize>> {
    let decls: BTreeSet<(usize, usize)> = decls.iter().map(|d| (d.start, d.end)).collect();
    let removed = merge_removals(text, removals);
    let covered = |r: &Range<usize>| {
        removed.iter().any(|x| x.start <= r.start && r.end <= x.end)
            && !inline_additions.iter().any(|at| r.contains(at))
    };
    let mut extra = Vec::new();
    for &(start, end) in &decls {
        let Some(node) = declaration_at(root, start..end) else {
            continue;
        };
        let kids = sig_children(&node);
        let declarators: Vec<Range<usize>> = kids
            .iter()
            .skip(1)
            .filter(|k| k.as_node().is_some())
            .map(sig_range)
            .collect();
        let gone: Vec<bool> = declarators.iter().map(covered).collect();
        if gone.iter().all(|g| *g) {
            extra.push(start..end);
            continue;
        }
        for (i, d) in declarators.iter().enumerate() {
            if !gone[i] {
                continue;
            }
            // Up to the next declarator that stays, or back to the one before.
            match declarators[i + 1..]
                .iter()
                .zip(&gone[i + 1..])
                .find(|(_, g)| !**g)
            {
                Some((next, _)) => extra.push(d.start..next.start),
                None => {
                    let kept_before = (0..i).rev().find(|&j| !gone[j]);
                    if let Some(j) = kept_before {
                        extra.push(declarators[j].end..d.end);
                    }
                }
            }
        }
    }
    extra
}

/// Removed ranges merged where only whitespace or comments separate them (a declarator's
/// `*` and name are removed as two tokens).
fn merge_removals(text: &str, removals: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted: Vec<Range<usize>> =
        removals.iter().filter(|r| !r.is_empty()).cloned().collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in sorted {
        if let Some(last) = merged.last_mut() {
            let gap = text.get(last.end.min(r.start)..r.start).unwrap_or("x");
            if r.start <= last.end || gap.trim().is_empty() {
                last.end = last.end.max(r.end);
                continue;
            }
        }
        merged.push(r);
    }
    merged
}

/// The declaration or struct field whose significant tokens span exactly `range`.
fn declaration_at(root: &SyntaxNode, range: Range<usize>) -> Option<SyntaxNode> {
    let tr = TextRange::new(
        TextSize::try_from(range.start).ok()?,
        TextSize::try_from(range.end).ok()?,
    );
    let el = root.covering_element(tr);
    let start = match el {
        SyntaxElement::Node(n) => n,
        SyntaxElement::Token(t) => t.parent()?,
    };
    start.ancestors().find(|a| {
        matches!(a.kind(), SyntaxKind::DECLARATION | SyntaxKind::FIELD_DECL)
            && sig_range(&SyntaxElement::Node(a.clone())) == range
    })
}

/// The shared declarations a match (or any part of it along control flow) took a declarator
/// out of.
pub fn split_decls(env: &crate::env::Env) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = env.split_decl.iter().map(|s| s.decl.clone()).collect();
    for sub in &env.nested {
        out.extend(split_decls(sub));
    }
    out
}

/// A C declarator without initializer taken apart: its name, and the pieces around the name
/// that belong to the type (`*` before it, `[12]` after it), as ranges and as type text.
struct Peeled {
    name: SyntaxNode,
    pieces: Vec<Range<usize>>,
    /// Attributes after the declarator (`x[2] __attribute__((unused))`).
    attrs: Vec<SyntaxElement>,
    prefix: String,
    suffix: String,
}

fn peel(text: &str, decl: &SyntaxNode) -> Option<Peeled> {
    match decl.kind() {
        SyntaxKind::NAME => Some(Peeled {
            name: decl.clone(),
            pieces: Vec::new(),
            attrs: Vec::new(),
            prefix: String::new(),
            suffix: String::new(),
        }),
        SyntaxKind::INIT_DECLARATOR => {
            let (attrs, inner) = split_attributes(sig_children(decl));
            let [SyntaxElement::Node(inner)] = inner.as_slice() else {
                return None;
            };
            let mut p = peel(text, inner)?;
            p.attrs = attrs;
            Some(p)
        }
        SyntaxKind::POINTER_DECLARATOR => {
            let inner = decl.children().last()?;
            let mut p = peel(text, &inner)?;
            let outer = sig_range(&SyntaxElement::Node(decl.clone()));
            let inner_start = sig_range(&SyntaxElement::Node(inner)).start;
            let stars = outer.start..inner_start;
            p.prefix = format!("{}{}", text.get(stars.clone())?.trim_end(), p.prefix);
            p.pieces.push(stars);
            Some(p)
        }
        SyntaxKind::ARRAY_DECLARATOR => {
            let inner = decl.children().next()?;
            let mut p = peel(text, &inner)?;
            let outer = sig_range(&SyntaxElement::Node(decl.clone()));
            let inner_end = sig_range(&SyntaxElement::Node(inner)).end;
            let dims = inner_end..outer.end;
            p.suffix = format!("{}{}", p.suffix, text.get(dims.clone())?.trim_start());
            p.pieces.push(dims);
            Some(p)
        }
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
/// `T x;` against a C declarator whose type is more than its specifiers (`int *x`,
/// `int x[45]`): T takes the specifiers and the `*` or `[45]` around the name. With `shared`
/// (one declarator of several) the specifiers are not T's to remove. Attributes the pattern
/// writes beside T or after the name match the C declaration's in the same place.
pub(crate) fn m_type_around_name(
    m: &Matcher,
    ps: &[SyntaxElement],
    cspecs: &SyntaxElement,
    cdecl: &SyntaxElement,
    semi: Range<usize>,
    shared: bool,
    env: Env,
    k: K,
) -> bool {
    let [SyntaxElement::Node(pspecs), pdecl, psemi] = ps else {
        return false;
    };
    let (pspec_attrs, pcore) = split_attributes(sig_children(pspecs));
    let [ptype] = pcore.as_slice() else {
        return false;
    };
    let Some((ttok, tmv)) = m.pat.single_metavar(ptype) else {
        return false;
    };
    if !matches!(m.pat.kind(tmv), smpl_parser::MetavarKind::Type) {
        return false;
    }
    let (Some(pd), Some(cd), Some(cspecs_node)) =
        (pdecl.as_node(), cdecl.as_node(), cspecs.as_node())
    else {
        return false;
    };
    // The pattern's declarator is a bare name.
    let Some(pname) = peel(m.text, pd).filter(|p| p.pieces.is_empty()) else {
        return false;
    };
    let Some(c) = peel(m.text, cd).filter(|p| !p.pieces.is_empty()) else {
        return false;
    };
    let (mut cspec_attrs, ccore) = split_attributes(sig_children(cspecs_node));
    let (Some(first), Some(last)) = (ccore.first(), ccore.last()) else {
        return false;
    };
    let mut specs_range = sig_range(first).start..sig_range(last).end;
    if let Some((end, attrs)) = tag_then_attributes(last) {
        specs_range.end = end;
        cspec_attrs.extend(attrs);
    }
    let specs_text = m.text.get(specs_range.clone()).unwrap_or("");
    let text = format!("{specs_text} {}{}", c.prefix, c.suffix);
    let binding = Binding {
        normalized: crate::types::normalize_type(&text),
        text,
        range: specs_range.clone(),
    };
    let mut env = env;
    if !m.constraints_hold(tmv, &binding, &env) || !env.bind(tmv, binding) {
        return false;
    }
    if let Some(i) = m.pat.token_index(&ttok) {
        let name_start = sig_range(&SyntaxElement::Node(c.name.clone())).start;
        let specs = if shared {
            name_start..name_start
        } else {
            specs_range
        };
        env.map_token(i, specs);
        for piece in &c.pieces {
            env.map_token(i, piece.clone());
        }
    }
    if let SyntaxElement::Token(t) = psemi {
        if let Some(i) = m.pat.token_index(t) {
            env.map_token(i, semi);
        }
    }
    let pn = SyntaxElement::Node(pname.name);
    let cn = SyntaxElement::Node(c.name);
    let attrs = [(pspec_attrs, cspec_attrs), (pname.attrs, c.attrs)];
    m.m_el(&pn, &cn, env, &mut |e| {
        m_attribute_groups(m, &attrs, &ttok, e, k)
    })
}

/// `struct foo __attribute__((x))` without a body: the attributes are the declaration's
/// (c-parser keeps them in the struct specifier, where they would be before a body). The
/// end of the tag, and the attributes.
fn tag_then_attributes(spec: &SyntaxElement) -> Option<(usize, Vec<SyntaxElement>)> {
    let node = spec.as_node().filter(|n| {
        matches!(
            n.kind(),
            SyntaxKind::STRUCT_SPEC | SyntaxKind::UNION_SPEC | SyntaxKind::ENUM_SPEC
        )
    })?;
    let kids = sig_children(node);
    let at = kids
        .iter()
        .position(|e| e.kind() == SyntaxKind::ATTRIBUTE)?;
    let (tag, attrs) = kids.split_at(at);
    if at == 0 || !attrs.iter().all(|e| e.kind() == SyntaxKind::ATTRIBUTE) {
        return None;
    }
    Some((sig_range(&tag[at - 1]).end, attrs.to_vec()))
}

/// Attributes apart from the other elements.
fn split_attributes(els: Vec<SyntaxElement>) -> (Vec<SyntaxElement>, Vec<SyntaxElement>) {
    els.into_iter()
        .partition(|e| e.kind() == SyntaxKind::ATTRIBUTE)
}

/// Pattern attributes against the C attributes in the same place, group by group. C
/// attributes the pattern does not mention are left implicit with `optional_attributes`.
fn m_attribute_groups(
    m: &Matcher,
    groups: &[(Vec<SyntaxElement>, Vec<SyntaxElement>)],
    anchor: &c_parser::SyntaxToken,
    env: Env,
    k: K,
) -> bool {
    let Some(((ps, cs), rest)) = groups.split_first() else {
        return k(env);
    };
    if ps.is_empty() {
        if !cs.is_empty() && !m.isos.on(Iso::OptionalAttributes) {
            return false;
        }
        let mut env = env;
        if let Some(i) = m.pat.token_index(anchor) {
            env.implicit.extend(cs.iter().map(|c| (i, sig_range(c))));
        }
        return m_attribute_groups(m, rest, anchor, env, k);
    }
    let items: Vec<crate::node::Item> = ps.iter().cloned().map(crate::node::Item::El).collect();
    let at = cs.first().map_or(0, |c| sig_range(c).start);
    m.m_seq(&items, cs, at, false, env, &mut |e| {
        m_attribute_groups(m, rest, anchor, e, k)
    })
}
