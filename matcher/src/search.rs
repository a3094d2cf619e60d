//! Where a rule's pattern is tried: every C node for a one-item pattern, every run of
//! consecutive items of a block, a file or a struct for a sequence.

use crate::env::Env;
use crate::node::{Item, Matcher};
use crate::syntax::{is_item_container, sig_children, sig_range};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use std::ops::Range;

/// One match of a rule's pattern.
#[derive(Clone, Debug)]
pub struct Match {
    pub env: Env,
    /// The C code the whole pattern matched.
    pub range: Range<usize>,
}

/// The items of a pattern body, and whether it is matched as a sequence.
fn pattern_items(m: &Matcher) -> (Vec<SyntaxElement>, bool) {
    let items = sig_children(&m.pat.minus_tree);
    let as_sequence = match items.as_slice() {
        [] => false,
        [one] => match one {
            SyntaxElement::Node(n) if n.kind() == SyntaxKind::DISJ => {
                let (branches, _, _) = m.branches(n);
                branches.iter().any(|b| b.len() != 1)
            }
            SyntaxElement::Node(n) => matches!(n.kind(), SyntaxKind::DOTS_NODE | SyntaxKind::NEST),
            SyntaxElement::Token(_) => true,
        },
        _ => true,
    };
    (items, as_sequence)
}

/// All matches of the rule in the C tree, in text order.
pub fn find_matches(m: &Matcher, root: &SyntaxNode) -> Vec<Match> {
    let (items, as_sequence) = pattern_items(m);
    let mut out = Vec::new();
    if items.is_empty() {
        return out;
    }
    if !as_sequence {
        let p = &items[0];
        for node in root.descendants() {
            let c = SyntaxElement::Node(node.clone());
            let mut found = None;
            m.m_el(p, &c, Env::default(), &mut |e| {
                found = Some(e);
                true
            });
            if let Some(env) = found {
                out.push(Match {
                    env,
                    range: sig_range(&c),
                });
            }
        }
        return out;
    }
    let pitems: Vec<Item> = items.into_iter().map(Item::El).collect();
    for node in root.descendants() {
        if !is_item_container(node.kind()) {
            continue;
        }
        let cs: Vec<SyntaxElement> = sig_children(&node)
            .into_iter()
            .filter(|e| e.as_node().is_some())
            .collect();
        for start in 0..cs.len() {
            let mut found = None;
            let pos = sig_range(&cs[start]).start;
            m.m_seq(&pitems, &cs[start..], pos, true, Env::default(), &mut |e| {
                found = Some(e);
                true
            });
            if let Some(env) = found {
                let end = env
                    .token_map
                    .iter()
                    .map(|(_, r)| r.end)
                    .max()
                    .unwrap_or(pos);
                out.push(Match {
                    env,
                    range: pos..end,
                });
            }
        }
    }
    out
}
