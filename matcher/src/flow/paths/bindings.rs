//! Dots whose following code binds a metavariable whose value matters beyond it: one that a
//! later rule inherits, or that plus code uses (`f(...) { ... x = 0; ... }` with `x` then
//! inherited). spatch quantifies such a metavariable outside the path, so the dots stop at
//! the first node the following code matches *with the same value*: `found = 0;` does not
//! stop the paths to `locked = 0;` for `x = locked`. A metavariable used nowhere else is
//! quantified inside (any value stops the paths), as before. Each further value found along
//! the paths is searched for again with that value bound.

use super::{AtNode, DotsSearch};
use crate::env::{Binding, Env};
use cfg_builder::NodeIndex;
use std::collections::HashSet;

/// Values, sorted `(metavariable, normalized text)`, the code after the dots binds afresh.
pub(super) type Values = Vec<(usize, String)>;

impl DotsSearch<'_, '_> {
    /// Whether the value of metavariable `mv` matters beyond the code that binds it.
    fn value_matters(&self, mv: usize) -> bool {
        let Some(decl) = self.m.pat.metavars.get(mv) else {
            return false;
        };
        let inherited_later = self.m.rule.is_some_and(|r| {
            decl.name.rule.is_none() && r.inherited_later.contains(&decl.name.name)
        });
        let body = self.m.pat.body;
        inherited_later
            || body.plus_runs.iter().any(|run| {
                body.plus_tokens[run.tokens.clone()]
                    .iter()
                    .any(|t| t.metavar == Some(mv))
            })
    }

    /// The bindings that matter which an end of the paths makes and the dots' start does not.
    fn fresh_bindings<'t>(
        &'t self,
        tail: &'t Env,
    ) -> impl Iterator<Item = &'t (usize, Binding)> + 't {
        tail.bindings
            .iter()
            .filter(|(mv, _)| self.env.binding(*mv).is_none() && self.value_matters(*mv))
    }

    /// The values of [`Self::fresh_bindings`], sorted.
    pub(super) fn fresh_values(&self, tail: &Env) -> Values {
        let mut values: Values = self
            .fresh_bindings(tail)
            .map(|(mv, b)| (*mv, b.normalized.clone()))
            .collect();
        values.sort();
        values.dedup();
        values
    }

    /// The dots' start environment with each further value (not in `known`) that the code
    /// after the dots takes at some node reachable from `starts`.
    pub(super) fn other_values(&self, starts: &[NodeIndex], known: &HashSet<Values>) -> Vec<Env> {
        let mut seen: HashSet<NodeIndex> = HashSet::new();
        let mut stack: Vec<NodeIndex> = starts.to_vec();
        let mut values_seen = known.clone();
        let mut found: Vec<Env> = Vec::new();
        while let Some(index) = stack.pop() {
            if seen.len() > super::NODE_BUDGET || !seen.insert(index) {
                continue;
            }
            if let AtNode::End(tails) = self.at_node(index) {
                for tail in tails {
                    let values = self.fresh_values(&tail);
                    if values.is_empty() || !values_seen.insert(values) {
                        continue;
                    }
                    let mut env = self.env.clone();
                    let bound = tail
                        .bindings
                        .iter()
                        .filter(|(mv, _)| {
                            self.env.binding(*mv).is_none() && self.value_matters(*mv)
                        })
                        .all(|(mv, b)| env.bind(*mv, b.clone()));
                    if bound {
                        found.push(env);
                    }
                }
            }
            for (next, edge) in self.cfg.successors(index) {
                if edge.is_flow() {
                    stack.push(next);
                }
            }
        }
        found
    }
}
