//! The code along a dots' paths: the `when` clauses checked on it, and what the match
//! changes there (nest occurrences, the statements of a `- ...`).

use super::{has_compound_branch, is_compound_statement_pattern, DotsSearch, Found};
use crate::env::Env;
use crate::flow::node_code::statement_node_at;
use crate::node::Item;
use crate::node::Matcher;
use crate::syntax::{sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use cfg_builder::{CfgNode, EdgeKind, NodeIndex, NodeKind};
use std::collections::HashSet;

/// The metavariables the rule's pattern names only inside `when` clauses.
pub(super) fn when_only_metavars(m: &Matcher) -> HashSet<usize> {
    let mut in_when = HashSet::new();
    let mut elsewhere = HashSet::new();
    for tok in m
        .pat
        .minus_tree
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
    {
        let Some(mv) = m.pat.metavar_of(&tok) else {
            continue;
        };
        if tok
            .parent_ancestors()
            .any(|a| a.kind() == SyntaxKind::WHEN_CLAUSE)
        {
            in_when.insert(mv);
        } else {
            elsewhere.insert(mv);
        }
    }
    in_when.retain(|mv| !elsewhere.contains(mv));
    in_when
}

impl DotsSearch<'_, '_> {
    /// `when != true E` / `when != false E`: the path may not take that branch of an `if`,
    /// `while` or `for` whose condition is E (spatch's `whencond_true`/`whencond_false`
    /// build such headers: `if (E && x)` is not `if (E)`).
    pub(super) fn branch_allowed(&self, from: NodeIndex, edge: EdgeKind) -> bool {
        let forbidden = match edge {
            EdgeKind::True => &self.spec.when_not_true,
            EdgeKind::False => &self.spec.when_not_false,
            _ => return true,
        };
        if forbidden.is_empty() {
            return true;
        }
        let Some(condition) = header_condition(self.cfg.node(from)) else {
            return true;
        };
        !forbidden
            .iter()
            .any(|p| self.condition_is(p, &SyntaxElement::Node(condition.clone())))
    }

    /// Whether a condition matches a `when != true/false` pattern. `E || ...` (`E && ...`)
    /// is E, or a chain of that operator with E among its operands (the comm_assoc
    /// isomorphism).
    fn condition_is(&self, p: &SyntaxElement, c: &SyntaxElement) -> bool {
        let matches = |p: &SyntaxElement, c: &SyntaxElement| {
            self.m.m_el(p, c, self.env.clone(), &mut |_| true)
        };
        let Some((operand, op)) = open_operand(p) else {
            return matches(p, c);
        };
        let mut chain = vec![c.clone()];
        while let Some(e) = chain.pop() {
            if matches(&operand, &e) {
                return true;
            }
            let SyntaxElement::Node(n) = &e else {
                continue;
            };
            if let [left, o, right] = sig_children(n).as_slice() {
                if n.kind() == SyntaxKind::BIN_EXPR && o.kind() == op {
                    chain.push(left.clone());
                    chain.push(right.clone());
                }
            }
        }
        false
    }

    /// Whether a pattern names a metavariable the match has not bound yet but will, after
    /// the dots (one named only in `when` clauses is never bound: it is free in each check,
    /// node by node).
    fn binds_later(&self, p: &SyntaxElement) -> bool {
        sig_tokens(p).iter().any(|t| {
            self.m
                .pat
                .metavar_of(t)
                .is_some_and(|mv| self.env.binding(mv).is_none() && !self.when_only.contains(&mv))
        })
    }

    /// `when != P` clauses whose P is checked once the tails are known.
    pub(super) fn deferred_when(&self) -> Vec<&SyntaxElement> {
        self.spec
            .when_not
            .iter()
            .filter(|p| self.binds_later(p))
            .collect()
    }

    /// The `when` clauses on one node's code.
    pub(super) fn when_allows(&self, node: &CfgNode, code: &[SyntaxElement]) -> bool {
        let kind = node.kind;
        if self
            .spec
            .when_not
            .iter()
            .any(|p| !self.binds_later(p) && self.when_not_hits(p, node, code))
        {
            return false;
        }
        if self.spec.when_always.is_empty() || kind.is_structural() || code.is_empty() {
            return true;
        }
        self.spec.when_always.iter().any(|p| {
            code.iter()
                .any(|c| self.m.m_el(p, c, self.env.clone(), &mut |_| true))
        })
    }

    /// Whether `when != p` forbids this node: `p` occurs in its code, or `p` is an `if`, a
    /// loop or a block (`when != if (...) { ... }`) and matches the whole statement the node
    /// heads (the node's own code is only the header).
    fn when_not_hits(&self, p: &SyntaxElement, node: &CfgNode, code: &[SyntaxElement]) -> bool {
        if is_compound_statement_pattern(p) {
            if let Some(stmt) = statement_node_at(node) {
                let whole = SyntaxElement::Node(stmt);
                if self.m.m_el(p, &whole, self.env.clone(), &mut |_| true) {
                    return true;
                }
            }
        }
        self.occurs_in(p, code, self.env)
    }

    /// Whether a pattern matches the code or any expression or statement inside it.
    pub(super) fn occurs_in(&self, p: &SyntaxElement, code: &[SyntaxElement], env: &Env) -> bool {
        code.iter().any(|c| {
            let SyntaxElement::Node(n) = c else {
                return self.m.m_el(p, c, env.clone(), &mut |_| true);
            };
            n.descendants().any(|d| {
                let de = SyntaxElement::Node(d);
                self.m.m_el(p, &de, env.clone(), &mut |_| true)
            })
        })
    }

    /// Code along the path that the match changes: nest occurrences, and the statements a
    /// `- ...` removes.
    pub(super) fn collect_along(
        &self,
        index: NodeIndex,
        code: &[SyntaxElement],
        found: &mut Found,
        nest_seen: &mut bool,
    ) {
        // A node reached in several path states (inside and outside an error branch) is
        // one piece of code.
        if !found.collected.insert(index) {
            return;
        }
        if let Some((pattern, _)) = &self.spec.nest {
            let mut acc = Env {
                bindings: self.env.bindings.clone(),
                ..Env::default()
            };
            match pattern.as_slice() {
                [one] if is_compound_statement_pattern(one) || has_compound_branch(one) => {
                    // `if (...) { ... }`, a loop: matched against the whole statement at
                    // this node (its own code is only the header). A disjunction with such a
                    // branch tries its branches in order there: an earlier branch that takes
                    // the statement leaves nothing inside it to the later ones (spatch
                    // removes `if (!x) break;` with `( - if (x == NULL) S | + BAD( x == NULL
                    // + ) )`, it does not wrap the test); only when none does are the later
                    // branches looked for in the node's code.
                    let mut taken = false;
                    if let Some(stmt) = statement_node_at(self.cfg.node(index)) {
                        let c = SyntaxElement::Node(stmt);
                        let mut occurrence = None;
                        let base = Env {
                            bindings: acc.bindings.clone(),
                            ..Env::default()
                        };
                        self.m.m_el(one, &c, base, &mut |e| {
                            occurrence = Some(e);
                            true
                        });
                        if let Some(mut e) = occurrence {
                            e.bindings.retain(|(m, _)| acc.binding(*m).is_none());
                            acc.nested.push(e);
                            found.covered.push(sig_range(&c));
                            taken = true;
                        }
                    }
                    if !taken && one.kind() == SyntaxKind::DISJ {
                        self.m.occurrences_in(one, code, &mut acc);
                    }
                }
                [one] => {
                    self.m.occurrences_in(one, code, &mut acc);
                }
                several => self.sequence_occurrence(several, index, &mut acc),
            }
            *nest_seen |= !acc.nested.is_empty();
            found.along.extend(acc.nested);
        }
        if self.minus_dots.is_some() {
            if let Some(stmt) = statement_node_at(self.cfg.node(index)) {
                found.removed.push(sig_range(&SyntaxElement::Node(stmt)));
            }
        }
    }

    /// A nest of several statements occurs where its first statement's node is, with the
    /// others after it in the block.
    fn sequence_occurrence(&self, items: &[SyntaxElement], index: NodeIndex, acc: &mut Env) {
        let Some((stmt, siblings)) = items
            .first()
            .and_then(|first| self.statement_at(self.cfg.node(index), first))
        else {
            return;
        };
        let items: Vec<Item> = items.iter().cloned().map(Item::El).collect();
        let start = sig_range(&SyntaxElement::Node(stmt)).start;
        let base = Env {
            bindings: acc.bindings.clone(),
            ..Env::default()
        };
        let mut occurrence = None;
        self.m
            .m_seq(&items, &siblings, start, true, base, &mut |e| {
                occurrence = Some(e);
                true
            });
        if let Some(mut e) = occurrence {
            e.bindings.retain(|(m, _)| acc.binding(*m).is_none());
            acc.nested.push(e);
        }
    }

    /// The statements a `- ...` removes, outermost only, as environments of the dots token.
    pub(super) fn removals(&self, mut removed: Vec<std::ops::Range<usize>>) -> Vec<Env> {
        let Some(dots_token) = self.minus_dots else {
            return Vec::new();
        };
        removed.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        // Statements that follow each other with only space between are one removal (the
        // code added in place of the dots goes there once).
        let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
        for r in removed {
            match runs.last_mut() {
                Some(last) if r.start < last.end => {}
                Some(last) if self.m.text[last.end..r.start].trim().is_empty() => last.end = r.end,
                _ => runs.push(r),
            }
        }
        runs.into_iter()
            .map(|r| {
                let mut e = Env::default();
                e.map_token(dots_token, r);
                e
            })
            .collect()
    }
}

/// `E || ...` or `E && ...`: E and the operator.
fn open_operand(p: &SyntaxElement) -> Option<(SyntaxElement, SyntaxKind)> {
    let SyntaxElement::Node(n) = p else {
        return None;
    };
    match sig_children(n).as_slice() {
        [left, op, right]
            if n.kind() == SyntaxKind::BIN_EXPR
                && matches!(op.kind(), SyntaxKind::PIPE2 | SyntaxKind::AMP2)
                && matches!(right.kind(), SyntaxKind::DOTS | SyntaxKind::DOTS_NODE) =>
        {
            Some((left.clone(), op.kind()))
        }
        _ => None,
    }
}

/// The condition of an `if`, `while` or `for` header node.
fn header_condition(node: &CfgNode) -> Option<SyntaxNode> {
    use c_parser::ast::{AstNode, ForStmt, IfStmt, WhileStmt};
    let stmt = node.syntax.clone()?;
    match node.kind {
        NodeKind::IfHeader => Some(IfStmt::cast(stmt)?.condition()?.syntax().clone()),
        NodeKind::WhileHeader => Some(WhileStmt::cast(stmt)?.condition()?.syntax().clone()),
        NodeKind::ForHeader => ForStmt::cast(stmt)?.header()[1].clone(),
        _ => None,
    }
}
