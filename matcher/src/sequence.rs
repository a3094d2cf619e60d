//! Sequence matching: a run of pattern items (statements, list elements, `...`, spliced
//! disjunctions, list metavariables) against a run of C elements, in the same
//! continuation-passing style as node-level matching (`crate::node`).

use crate::env::Env;
use crate::node::{end_of, is_dots, optional_statements, start_of, Item, Matcher, K};
use crate::syntax::sig_children;
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::MetavarKind;

impl<'a> Matcher<'a> {
    /// A sequence of pattern items against a sequence of C elements. With `open_end` the
    /// C sequence may go on after the pattern ends.
    pub fn m_seq(
        &self,
        items: &[Item],
        cs: &[SyntaxElement],
        pos: usize,
        open_end: bool,
        env: Env,
        k: K,
    ) -> bool {
        self.m_seq_after(None, items, cs, pos, open_end, env, k)
    }

    /// [`Matcher::m_seq`], knowing the pattern element matched just before (a `...` may not
    /// pass through code it matches).
    #[allow(clippy::too_many_arguments)]
    fn m_seq_after(
        &self,
        prev: Option<&SyntaxElement>,
        items: &[Item],
        cs: &[SyntaxElement],
        pos: usize,
        open_end: bool,
        env: Env,
        k: K,
    ) -> bool {
        let Some((first, rest)) = items.split_first() else {
            return if open_end || cs.is_empty() {
                k(env)
            } else {
                false
            };
        };
        let p = match first {
            Item::DisjEnd(close) => {
                let mut env = env;
                if let Some(cl) = close {
                    env.map_token(*cl, pos..pos);
                }
                return self.m_seq_after(prev, rest, cs, pos, open_end, env, k);
            }
            Item::El(p) => p,
        };
        if is_dots(p) {
            return self.m_seq_dots(p, prev, rest, cs, pos, open_end, env, k);
        }
        if let (SyntaxKind::DISJ, SyntaxElement::Node(d)) = (p.kind(), p) {
            return self.m_seq_disj(d, prev, rest, cs, pos, open_end, env, k);
        }
        if let SyntaxElement::Node(d) = p.clone() {
            let ends = rest.iter().all(|i| matches!(i, Item::DisjEnd(_)));
            if d.kind() == SyntaxKind::CONJ && ends {
                let (branches, _, _) = self.branches(&d);
                if branches.iter().any(|b| b.len() != 1) {
                    return self.m_conj_seq(&branches, cs, pos, env, k);
                }
            }
        }
        if p.kind() == SyntaxKind::OPT_STMT {
            if let SyntaxElement::Node(o) = p {
                let mut with: Vec<Item> =
                    optional_statements(o).into_iter().map(Item::El).collect();
                with.extend(rest.iter().cloned());
                if self.m_seq_after(prev, &with, cs, pos, open_end, env.clone(), k) {
                    return true;
                }
                return self.m_seq_after(prev, rest, cs, pos, open_end, env, k);
            }
        }
        if let Some((tok, mv)) = self.pat.single_metavar(p).filter(|(_, mv)| {
            matches!(
                self.pat.kind(*mv),
                MetavarKind::StatementList(_) | MetavarKind::FieldList(_)
            )
        }) {
            return self.m_seq_list_metavar(&tok, mv, rest, cs, pos, open_end, env, k);
        }
        let Some((c0, crest)) = cs.split_first() else {
            return false;
        };
        let end = end_of(c0);
        if self.m_el(p, c0, env.clone(), &mut |e| {
            self.m_seq_after(Some(p), rest, crest, end, open_end, e, k)
        }) {
            return true;
        }
        if self.m_inside(p, c0, env.clone(), &mut |e| {
            self.m_seq_after(Some(p), rest, crest, end, open_end, e, k)
        }) {
            return true;
        }
        self.m_other_case(p, rest, c0, open_end, env, k)
    }

    /// `...` (or a nest) at the head of a sequence: on the control-flow graph when there is
    /// one, else over runs of the block's statements.
    #[allow(clippy::too_many_arguments)]
    fn m_seq_dots(
        &self,
        p: &SyntaxElement,
        prev: Option<&SyntaxElement>,
        rest: &[Item],
        cs: &[SyntaxElement],
        pos: usize,
        open_end: bool,
        env: Env,
        k: K,
    ) -> bool {
        if let Some(done) = self.flow_dots(p, prev, rest, cs, pos, open_end, &env, k) {
            return done;
        }
        for n in 0..=cs.len() {
            let mut env = env.clone();
            let range = if n == 0 {
                let at = cs.first().map_or(pos, start_of);
                at..at
            } else {
                start_of(&cs[0])..end_of(&cs[n - 1])
            };
            // Shorter runs were checked already: only the newly absorbed element.
            if let (SyntaxElement::Node(d), Some(newest)) = (p, n.checked_sub(1)) {
                if !self.when_allows(d, &cs[newest..n], &env) {
                    self.explain_when(p, &cs[newest..n]);
                    // Longer runs absorb the same forbidden code.
                    break;
                }
            }
            match p {
                SyntaxElement::Node(d) => {
                    self.map_dots(d, range.clone(), &mut env);
                    if d.kind() == SyntaxKind::NEST && !self.nest_occurrences(d, &cs[..n], &mut env)
                    {
                        continue;
                    }
                }
                SyntaxElement::Token(t) => {
                    if let Some(i) = self.pat.token_index(t) {
                        env.map_token(i, range.clone());
                    }
                }
            }
            let next = if n == 0 { pos } else { range.end };
            if self.m_seq(rest, &cs[n..], next, open_end, env, k) {
                return true;
            }
        }
        self.m_seq_dots_nested(p, rest, cs, pos, open_end, env, k)
    }

    /// `... X ...` closing a block: until control flow is matched, X may also be anywhere
    /// inside the block's statements (some path reaches it).
    #[allow(clippy::too_many_arguments)]
    fn m_seq_dots_nested(
        &self,
        p: &SyntaxElement,
        rest: &[Item],
        cs: &[SyntaxElement],
        pos: usize,
        open_end: bool,
        env: Env,
        k: K,
    ) -> bool {
        let closing = |t: &Item| matches!(t, Item::El(e) if e.kind() == SyntaxKind::R_BRACE);
        // `... X ...`, `... X ... }`, `... X }` and `... X` at the end of a block.
        let shape: Option<(&SyntaxElement, Option<&SyntaxElement>, &[Item])> = match rest {
            [Item::El(x), Item::El(d2), tail @ ..] if is_dots(d2) => Some((x, Some(d2), tail)),
            [Item::El(x), tail @ ..] => Some((x, None, tail)),
            _ => None,
        };
        if let Some((x, d2, tail)) = shape {
            let tail_ok = tail.is_empty() || (tail.len() == 1 && closing(&tail[0]));
            if !open_end && !is_dots(x) && tail_ok && cs.len() >= tail.len() {
                let (body, ctail) = cs.split_at(cs.len() - tail.len());
                for c in body {
                    let SyntaxElement::Node(cn) = c else {
                        continue;
                    };
                    for d in cn.descendants().skip(1) {
                        let de = SyntaxElement::Node(d);
                        let mut env = env.clone();
                        let a = cs.first().map_or(pos, start_of);
                        let b = body.last().map_or(a, end_of);
                        // The dots run up to the nested occurrence and on from it.
                        let (xs, xe) = (start_of(&de), end_of(&de));
                        if let SyntaxElement::Node(dn) = p {
                            self.map_dots(dn, a..xs, &mut env);
                        }
                        if let Some(SyntaxElement::Node(dn)) = d2 {
                            self.map_dots(dn, xe..b, &mut env);
                        }
                        let found = self.m_el(x, &de, env, &mut |e| {
                            self.m_seq(tail, ctail, b, false, e, k)
                        });
                        if found {
                            return true;
                        }
                    }
                }
            }
        }
        false
    }

    /// A statement disjunction at the head of a sequence: each branch spliced before the
    /// rest.
    #[allow(clippy::too_many_arguments)]
    fn m_seq_disj(
        &self,
        d: &SyntaxNode,
        prev: Option<&SyntaxElement>,
        rest: &[Item],
        cs: &[SyntaxElement],
        pos: usize,
        open_end: bool,
        env: Env,
        k: K,
    ) -> bool {
        let (branches, open, close) = self.branches(d);
        let branches: Vec<Vec<Item>> = branches
            .into_iter()
            .map(|b| {
                let mut items: Vec<Item> = crate::syntax::specifier_branch(d, b)
                    .into_iter()
                    .map(Item::El)
                    .collect();
                items.push(Item::DisjEnd(close));
                items
            })
            .collect();
        for (i, branch) in branches.iter().enumerate() {
            let mut env = env.clone();
            if let Some(o) = open {
                let at = cs.first().map_or(pos, start_of);
                env.map_token(o, at..at);
            }
            let mut spliced = branch.clone();
            spliced.extend(rest.iter().cloned());
            // As for a disjunction of single elements (`m_disj`): a later branch
            // matches only where no earlier one does with the same values.
            let earlier = &branches[..i];
            let found = self.m_seq_after(prev, &spliced, cs, pos, open_end, env, &mut |e| {
                if earlier
                    .iter()
                    .any(|a| self.m_seq_after(prev, a, cs, pos, true, e.clone(), &mut |_| true))
                {
                    return false;
                }
                k(e)
            });
            if found {
                return true;
            }
        }
        false
    }

    /// A statement or field list metavariable: each run of the sequence's elements.
    #[allow(clippy::too_many_arguments)]
    fn m_seq_list_metavar(
        &self,
        tok: &c_parser::SyntaxToken,
        mv: usize,
        rest: &[Item],
        cs: &[SyntaxElement],
        pos: usize,
        open_end: bool,
        env: Env,
        k: K,
    ) -> bool {
        for n in 0..=cs.len() {
            let mut env = env.clone();
            let range = if n == 0 {
                let at = cs.first().map_or(pos, start_of);
                at..at
            } else {
                start_of(&cs[0])..end_of(&cs[n - 1])
            };
            if !self.bind_range(tok, mv, range.clone(), &cs[..n], &mut env) {
                continue;
            }
            let next = if n == 0 { pos } else { range.end };
            if self.m_seq(rest, &cs[n..], next, open_end, env, k) {
                return true;
            }
        }
        false
    }

    /// In a switch body, a pattern's `case` label is any case of the C switch (each is
    /// reached from the switch header, in any order, as in spatch's control flow), and its
    /// closing `}` ends the case before it.
    fn m_other_case(
        &self,
        p: &SyntaxElement,
        rest: &[Item],
        c0: &SyntaxElement,
        open_end: bool,
        env: Env,
        k: K,
    ) -> bool {
        if !matches!(p.kind(), SyntaxKind::CASE_LABEL | SyntaxKind::R_BRACE) {
            return false;
        }
        let body = match c0 {
            SyntaxElement::Node(n) => n.parent(),
            SyntaxElement::Token(t) => t.parent(),
        };
        let Some(body) = body.filter(|b| {
            b.kind() == SyntaxKind::COMPOUND_STMT
                && b.parent()
                    .is_some_and(|s| s.kind() == SyntaxKind::SWITCH_STMT)
        }) else {
            return false;
        };
        let siblings = sig_children(&body);
        for (at, c) in siblings.iter().enumerate() {
            if c == c0 || c.kind() != p.kind() {
                continue;
            }
            let end = end_of(c);
            if self.m_el(p, c, env.clone(), &mut |e| {
                self.m_seq_after(Some(p), rest, &siblings[at + 1..], end, open_end, e, k)
            }) {
                return true;
            }
        }
        false
    }
}
