//! Error branches under `forall`: where a path that leaves the true branch of an `if` by a
//! jump may stop without reaching the code after the dots (spatch's `stop_early` in the CTL
//! translation of dots, asttoctl2's `dots_au`). A `return` (or `continue`) may always stop.
//! A `goto` or `break` may stop only when that code occurs on no path from the jump on:
//! `lock(); if (!p) goto out; unlock(); out: if (rc) unlock(); return rc;` does not unlock
//! on every path, since the `goto` leads to an unlock that only some paths take.

use super::{AtNode, DotsSearch};
use cfg_builder::{NodeIndex, NodeKind};
use std::collections::{HashMap, HashSet};

/// Per path search: at which nodes the code after the dots was looked for, and the answer
/// (the same nodes are reached from many jumps).
#[derive(Default)]
pub(super) struct EndsAhead {
    matches: HashMap<NodeIndex, bool>,
}

impl DotsSearch<'_, '_> {
    /// Whether a path may stop at jump `node` of an error branch without reaching the code
    /// after the dots.
    pub(super) fn may_stop_at_jump(&self, node: NodeIndex, ahead: &mut EndsAhead) -> bool {
        match self.cfg.node(node).kind {
            NodeKind::Goto | NodeKind::Break => !self.end_ahead(node, ahead),
            _ => true,
        }
    }

    /// Whether the code after the dots matches at some node reachable from `jump`, on any
    /// path (no shortest-path or `when` limit: spatch's `AG !B` from the jump).
    fn end_ahead(&self, jump: NodeIndex, ahead: &mut EndsAhead) -> bool {
        let mut seen = HashSet::from([jump]);
        let mut todo = vec![jump];
        while let Some(i) = todo.pop() {
            for (next, edge) in self.cfg.successors(i) {
                if !edge.is_flow() || !seen.insert(next) {
                    continue;
                }
                let here = *ahead
                    .matches
                    .entry(next)
                    .or_insert_with(|| !matches!(self.at_node(next), AtNode::Pass));
                if here {
                    return true;
                }
                todo.push(next);
            }
        }
        false
    }
}
