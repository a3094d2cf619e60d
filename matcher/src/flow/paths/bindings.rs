//! Dots whose following code binds a metavariable: `f(...) { ... x = 0; ... }` with `x` free.
//! The dots stop at the first node the following code matches *with the value it takes
//! there* (spatch's logic quantifies the value outside the path), so `found = 0;` does not
//! stop the paths to `locked = 0;` for `x = locked`. Each value found along the paths is
//! searched for again with that value bound.

use super::{AtNode, DotsSearch};
use crate::env::Env;
use cfg_builder::NodeIndex;
use std::collections::HashSet;

/// The values (sorted `(metavariable, normalized text)`) that the code after the dots binds
/// afresh at some node reachable from `starts`.
pub(super) type Values = Vec<(usize, String)>;

impl DotsSearch<'_, '_> {
    /// What the code after the dots binds that `env` does not, at one of its ends.
    pub(super) fn fresh_values(&self, tail: &Env) -> Values {
        let mut values: Values = tail
            .bindings
            .iter()
            .filter(|(mv, _)| self.env.binding(*mv).is_none())
            .map(|(mv, b)| (*mv, b.normalized.clone()))
            .collect();
        values.sort();
        values.dedup();
        values
    }

    /// Every environment, with the fresh values of a node the code after the dots matches
    /// somewhere on the paths from `starts`, except those in `known`.
    pub(super) fn other_values(&self, starts: &[NodeIndex], known: &HashSet<Values>) -> Vec<Env> {
        let mut seen: HashSet<NodeIndex> = HashSet::new();
        let mut stack: Vec<NodeIndex> = starts.to_vec();
        let mut found: Vec<Env> = Vec::new();
        let mut values_seen = known.clone();
        while let Some(index) = stack.pop() {
            if !seen.insert(index) || seen.len() > super::NODE_BUDGET {
                continue;
            }
            if let AtNode::End(tails) = self.at_node(index) {
                for tail in tails {
                    let values = self.fresh_values(&tail);
                    if values.is_empty() || !values_seen.insert(values.clone()) {
                        continue;
                    }
                    let mut env = self.env.clone();
                    let bound = tail
                        .bindings
                        .iter()
                        .filter(|(mv, _)| self.env.binding(*mv).is_none())
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
