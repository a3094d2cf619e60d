//! Declaration specifiers matched word by word: storage classes and qualifiers the pattern
//! leaves out are optional, and `int` may be implied (`unsigned x` is `unsigned int x`).

use crate::env::Env;
use crate::iso::Iso;
use crate::node::{Item, Matcher, K};
use crate::syntax::{sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};

impl Matcher<'_> {
    /// Declaration specifiers: storage classes and qualifiers the pattern does not mention
    /// are optional in the C code (removed with the pattern's first token).
    pub(crate) fn m_decl_specs(&self, pn: &SyntaxNode, cn: &SyntaxNode, env: Env, k: K) -> bool {
        let ps = sig_children(pn);
        let cs = sig_children(cn);
        let mentions = |kind: SyntaxKind| ps.iter().any(|p| p.kind() == kind);
        let mut kept = Vec::new();
        let mut dropped = Vec::new();
        let mut quals = Vec::new();
        for c in cs {
            let optional = match c.kind() {
                SyntaxKind::STATIC_KW
                | SyntaxKind::EXTERN_KW
                | SyntaxKind::INLINE_KW
                | SyntaxKind::REGISTER_KW
                | SyntaxKind::AUTO_KW => !mentions(c.kind()) && self.isos.on(Iso::OptionalStorage),
                SyntaxKind::ATTRIBUTE => {
                    !mentions(c.kind()) && self.isos.on(Iso::OptionalAttributes)
                }
                // `struct foo { ... };` is also the structure a typedef defines.
                SyntaxKind::TYPEDEF_KW => !mentions(c.kind()) && declares_only_a_type(pn),
                // Qualifiers the pattern does not mention are kept when the declaration is
                // replaced, removed when it is removed.
                SyntaxKind::CONST_KW | SyntaxKind::VOLATILE_KW
                    if !mentions(c.kind()) && self.isos.on(Iso::OptionalQualifier) =>
                {
                    quals.push(c);
                    continue;
                }
                _ => false,
            };
            if optional {
                dropped.push(c);
            } else {
                kept.push(c);
            }
        }
        // Qualifiers may be written before or after the type (`const char`, `char const`).
        let is_qual =
            |e: &SyntaxElement| matches!(e.kind(), SyntaxKind::CONST_KW | SyntaxKind::VOLATILE_KW);
        let quals_first = |xs: Vec<SyntaxElement>| {
            let (mut quals, rest): (Vec<_>, Vec<_>) = xs.into_iter().partition(is_qual);
            quals.sort_by_key(|q| q.kind() != SyntaxKind::CONST_KW);
            quals.extend(rest);
            quals
        };
        let mut ps = ps;
        if ps.iter().any(is_qual) && kept.iter().any(is_qual) {
            ps = quals_first(ps);
            kept = quals_first(kept);
        } else if ps.first().is_some_and(is_qual) {
            kept = quals_first(kept);
        }
        let mut env = env;
        if let Some(first) = sig_tokens(&SyntaxElement::Node(pn.clone()))
            .first()
            .and_then(|t| self.pat.token_index(t))
        {
            for d in &dropped {
                env.implicit.push((first, sig_range(d)));
            }
            for q in &quals {
                env.implicit_qualifiers.push((first, sig_range(q)));
            }
        }
        // `static f(...) { ... }`: a function written with storage classes but without its
        // return type matches any return type.
        let untyped_function = pn
            .parent()
            .is_some_and(|p| p.kind() == SyntaxKind::FUNCTION_DEF)
            && ps.iter().all(|p| {
                matches!(
                    p.kind(),
                    SyntaxKind::STATIC_KW | SyntaxKind::EXTERN_KW | SyntaxKind::INLINE_KW
                )
            });
        let items: Vec<Item> = ps.iter().cloned().map(Item::El).collect();
        let start = usize::from(cn.text_range().start());
        if self.m_seq(&items, &kept, start, untyped_function, env.clone(), k) {
            return true;
        }
        if self.m_implied_int(&ps, &kept, start, untyped_function, &env, k) {
            return true;
        }
        if let Some((items, kept)) = crate::attributes::attributes_last(&ps, &kept) {
            if self.m_seq(&items, &kept, start, untyped_function, env.clone(), k) {
                return true;
            }
        }
        if ps.len() > 1 && self.m_spec_words(&ps, &kept, env.clone(), k) {
            return true;
        }
        if self.m_struct_head(&ps, &kept, env.clone(), k) {
            return true;
        }
        crate::iso::m_iso(self, pn, cn, env, k)
    }

    /// `unsigned` is `unsigned int` (and `signed` is `signed int`): when one side
    /// writes the `int` the other leaves implicit, the specifiers without it. A pattern's
    /// `int` then stands just after the word before it; a C `int` goes with the pattern
    /// token of the word before it.
    fn m_implied_int(
        &self,
        ps: &[SyntaxElement],
        cs: &[SyntaxElement],
        start: usize,
        open_end: bool,
        env: &Env,
        k: K,
    ) -> bool {
        use SyntaxKind::*;
        // spatch 1.1.1 reads `long x` and `long int x` as different types; not signedness.
        let implies_int = |e: &SyntaxElement| matches!(e.kind(), UNSIGNED_KW | SIGNED_KW);
        let int_at = |xs: &[SyntaxElement]| {
            let i = xs.iter().position(|e| e.kind() == INT_KW)?;
            xs[..i].iter().any(implies_int).then_some(i)
        };
        let has_int = |xs: &[SyntaxElement]| xs.iter().any(|e| e.kind() == INT_KW);
        let token_of =
            |e: &SyntaxElement| sig_tokens(e).first().and_then(|t| self.pat.token_index(t));
        match (int_at(ps), int_at(cs)) {
            (Some(i), None) if !has_int(cs) && cs.iter().any(implies_int) => {
                let (Some(before), Some(int_tok)) = (token_of(&ps[i - 1]), token_of(&ps[i])) else {
                    return false;
                };
                let items: Vec<Item> = (ps[..i].iter().chain(&ps[i + 1..]))
                    .cloned()
                    .map(Item::El)
                    .collect();
                self.m_seq(&items, cs, start, open_end, env.clone(), &mut |mut e| {
                    let Some(r) = e.token_range(before) else {
                        return false;
                    };
                    e.map_token(int_tok, r.end..r.end);
                    k(e)
                })
            }
            (None, Some(i)) if !has_int(ps) && ps.iter().any(implies_int) => {
                let items: Vec<Item> = ps.iter().cloned().map(Item::El).collect();
                let rest: Vec<SyntaxElement> =
                    (cs[..i].iter().chain(&cs[i + 1..])).cloned().collect();
                let (before, int) = (sig_range(&cs[i - 1]), sig_range(&cs[i]));
                self.m_seq(&items, &rest, start, open_end, env.clone(), &mut |mut e| {
                    // The C `int` goes with the pattern token of the word before it.
                    let Some(owner) = e.token_map.iter().find(|(_, r)| *r == before) else {
                        return false;
                    };
                    e.map_token(owner.0, int.clone());
                    k(e)
                })
            }
            _ => false,
        }
    }
}

/// Whether the specifiers are those of a declaration without declarators (`struct foo
/// { ... };`, `T { ... };`).
fn declares_only_a_type(specs: &SyntaxNode) -> bool {
    specs.parent().is_some_and(|d| {
        d.kind() == SyntaxKind::DECLARATION
            && sig_children(&d)
                .iter()
                .all(|e| matches!(e.kind(), SyntaxKind::DECL_SPECS | SyntaxKind::SEMI))
    })
}
