//! Nests along control flow.
//!
//! Metavariables a nest shares with the code after it (`<+... action(el); ...+> action(el);`)
//! are bound once for the whole match, as in spatch, where a metavariable is quantified over
//! the smallest part of the rule holding all its uses. The path search binds the code after
//! the dots only at the paths' ends, so such a nest's values are chosen first: each value
//! its occurrences in the function take is tried in turn.
//!
//! A nest occurrence that is a whole statement with a body (`if (...) { ... }`) holds the
//! nodes inside it: the paths go round them (else code inside the occurrence would end the
//! dots, as `action(el);` inside `if (...) { action(el); return; }`).

use super::DotsSpec;
use crate::env::Env;
use crate::node::{Item, Matcher, K};
use crate::syntax::sig_range;
use crate::syntax::sig_tokens;
use c_parser::{SyntaxElement, SyntaxKind};
use cfg_builder::{Cfg, NodeIndex};
use std::collections::HashSet;

impl Matcher<'_> {
    /// The environments to match a nest's dots with: `env` with the metavariables the nest
    /// shares with `rest` bound to the values one of its occurrences in the function gives
    /// them, one environment per distinct value. None when the nest shares nothing unbound
    /// (or is not a single pattern element).
    pub(super) fn nest_seeds(
        &self,
        spec: &DotsSpec,
        rest: &[Item],
        cs: &[SyntaxElement],
        env: &Env,
    ) -> Option<Vec<Env>> {
        let (pattern, _) = spec.nest.as_ref()?;
        let [one] = pattern.as_slice() else {
            return None;
        };
        let later: HashSet<usize> = rest
            .iter()
            .filter_map(|i| match i {
                Item::El(e) => Some(e),
                Item::DisjEnd(_) => None,
            })
            .flat_map(|e| self.metavars_in(e))
            .collect();
        let shared: Vec<usize> = self
            .metavars_in(one)
            .into_iter()
            .filter(|m| later.contains(m) && env.binding(*m).is_none())
            .collect();
        if shared.is_empty() {
            return None;
        }
        let body = cs
            .first()?
            .ancestors()
            .find(|a| a.kind() == SyntaxKind::FUNCTION_DEF)?
            .children()
            .find(|c| c.kind() == SyntaxKind::COMPOUND_STMT)?;
        let mut found = env.clone();
        found.nested.clear();
        self.occurrences_in(one, &[SyntaxElement::Node(body)], &mut found);
        let mut seeds: Vec<Env> = Vec::new();
        let mut seen: HashSet<Vec<String>> = HashSet::new();
        for occurrence in &found.nested {
            let values: Option<Vec<_>> = shared
                .iter()
                .map(|m| occurrence.binding(*m).map(|b| (*m, b.clone())))
                .collect();
            let Some(values) = values else {
                continue;
            };
            if !seen.insert(values.iter().map(|(_, b)| b.normalized.clone()).collect()) {
                continue;
            }
            let mut seed = env.clone();
            if values.into_iter().all(|(m, b)| seed.bind(m, b)) {
                seeds.push(seed);
            }
        }
        Some(seeds)
    }

    /// `flow_dots` with each of `seeds` in turn: whether the search is done, and whether
    /// some seed matched (if none did, a `<... ...>` nest may occur nowhere, its
    /// metavariables bound after it).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn flow_dots_seeded(
        &self,
        dots: &SyntaxElement,
        prev: Option<&SyntaxElement>,
        rest: &[Item],
        cs: &[SyntaxElement],
        pos: usize,
        open_end: bool,
        seeds: Vec<Env>,
        k: K,
    ) -> Option<(bool, bool)> {
        let mut matched = false;
        for seed in seeds {
            let mut seeded = |e: Env| {
                matched = true;
                k(e)
            };
            if self.flow_dots(dots, prev, rest, cs, pos, open_end, &seed, &mut seeded)? {
                return Some((true, true));
            }
        }
        Some((false, matched))
    }

    /// The metavariables a pattern element names.
    fn metavars_in(&self, el: &SyntaxElement) -> Vec<usize> {
        let mut out: Vec<usize> = sig_tokens(el)
            .iter()
            .filter_map(|t| self.pat.metavar_of(t))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// `next`, or when it lies inside a statement a nest occurrence matched whole, the
/// nodes the paths through that statement leave it for.
pub(super) fn round_covered(
    cfg: &Cfg,
    next: NodeIndex,
    covered: &[std::ops::Range<usize>],
) -> Vec<NodeIndex> {
    let inside = |i: NodeIndex| {
        cfg.node(i).syntax.as_ref().is_some_and(|n| {
            let r = sig_range(&SyntaxElement::Node(n.clone()));
            covered
                .iter()
                .any(|c| c.start <= r.start && r.end <= c.end && *c != r)
        })
    };
    if !inside(next) {
        return vec![next];
    }
    let mut out = Vec::new();
    let mut seen = HashSet::from([next]);
    let mut todo = vec![next];
    while let Some(i) = todo.pop() {
        for (n, edge) in cfg.successors(i) {
            if !edge.is_flow() || !seen.insert(n) {
                continue;
            }
            if inside(n) {
                todo.push(n);
            } else {
                out.push(n);
            }
        }
    }
    out
}
