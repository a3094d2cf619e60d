//! The path search of one `...` (or nest) over a function's graph: from the node where the
//! dots start, every path up to the first node where the rest of the pattern matches.

mod along;
mod bindings;
mod early_stop;
mod ends;
mod starts;

use super::node_code::{expression_statement_at, own_code, statement_node_at, StatementsFrom};
use super::{DotsSpec, NODE_BUDGET};
use crate::env::Env;
use crate::node::{Item, Matcher, K};
use crate::syntax::{sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use cfg_builder::{Cfg, EdgeKind, NodeIndex, NodeKind};
use smpl_parser::{Mark, Quantifier};
use std::collections::HashSet;

/// What a path found at one node.
enum AtNode {
    /// The rest of the pattern matched here: the path ends, with these tails.
    End(Vec<Env>),
    /// The element after the dots matched but the rest of the pattern did not: under the
    /// shortest-path rule the path cannot go on, so it fails.
    Blocked,
    /// Nothing after the dots starts here: the path goes on.
    Pass,
}

impl AtNode {
    /// The path's end with these tails, or `Blocked` when the rest matched nowhere.
    fn from_tails(tails: Vec<Env>) -> AtNode {
        if tails.is_empty() {
            AtNode::Blocked
        } else {
            AtNode::End(tails)
        }
    }
}

/// One path being followed: where it is, the `if` whose true branch it entered (paths that
/// leave such a branch by a jump need not reach the end), and whether it already reached
/// an end (`when any` paths go on after one).
#[derive(Clone)]
struct Walker {
    node: NodeIndex,
    escape: Option<SyntaxNode>,
    satisfied: bool,
}

/// The search of one dots, with what it needs from the pattern and the match so far.
#[derive(Clone)]
struct DotsSearch<'s, 'm> {
    m: &'s Matcher<'m>,
    cfg: &'s Cfg,
    spec: DotsSpec,
    quantifier: Quantifier,
    prev: Option<&'s SyntaxElement>,
    rest: &'s [Item],
    /// The block whose statements the dots run through (for a closing `}` after them).
    block: Option<SyntaxNode>,
    /// A lone statement standing for a block (`{ ... }` matching an unbraced body, the
    /// `braces` isomorphism): paths end where they leave its text.
    region: Option<std::ops::Range<usize>>,
    open_end: bool,
    env: &'s Env,
    /// The pattern token of these dots when they are removed (`- ...`).
    minus_dots: Option<usize>,
    dots: &'s SyntaxElement,
    /// Some `when != P` names a metavariable bound only after the dots.
    has_deferred_when: bool,
    /// Metavariables the pattern names only in `when` clauses: free in each check.
    when_only: HashSet<usize>,
}

impl<'a> Matcher<'a> {
    /// `...` (or a nest) among statements, matched over control flow. None when the code is
    /// not inside a function (the caller then matches the dots over the block's items).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn flow_dots(
        &self,
        dots: &SyntaxElement,
        prev: Option<&SyntaxElement>,
        rest: &[Item],
        cs: &[SyntaxElement],
        pos: usize,
        open_end: bool,
        env: &Env,
        k: K,
    ) -> Option<bool> {
        let flow = self.flow.as_ref()?;
        let spec = match dots {
            SyntaxElement::Node(n) => DotsSpec::read(n)?,
            SyntaxElement::Token(_) => DotsSpec::default(),
        };
        if let Some(seeds) = self.nest_seeds(&spec, rest, cs, env) {
            let (done, matched) =
                self.flow_dots_seeded(dots, prev, rest, cs, pos, open_end, seeds, k)?;
            if done || matched || matches!(spec.nest, Some((_, true))) {
                return Some(done);
            }
        }
        let (start, block, cfg) = match prev.and_then(|p| self.after_inner_code(p, env, pos)) {
            Some(found) => found,
            None => self.dots_start(cs, pos)?,
        };
        // Dots that end the block: paths end where they leave the statement. With code
        // after the dots, that code is what ends them, wherever the paths lead (spatch
        // matches `{ ... return x; }` against `if (e) goto out;` with `out:` ... `return 1;`).
        // `{ ... X ... }` against a lone statement (whose items the `braces` isomorphism
        // matches without the braces) is that statement, as spatch's `braces2`: the paths
        // stay in it too.
        let region = match cs {
            [SyntaxElement::Node(n)]
                if block.is_none()
                    && crate::syntax::is_statement(n.kind())
                    && (rest.iter().all(|i| matches!(i, Item::DisjEnd(_)))
                        || code_then_dots(rest)) =>
            {
                Some(sig_range(&cs[0]))
            }
            _ => None,
        };
        let quantifier = spec.quantifier.unwrap_or(flow.quantifier);
        let search = DotsSearch {
            m: self,
            cfg: &cfg,
            spec,
            quantifier,
            prev: prev.filter(|p| p.as_node().is_some()),
            rest,
            block,
            region,
            open_end,
            env,
            minus_dots: dots_token(dots)
                .filter(|t| is_minus(self, t))
                .and_then(|t| self.pat.token_index(&t)),
            dots,
            has_deferred_when: false,
            when_only: along::when_only_metavars(self),
        };
        let search = DotsSearch {
            has_deferred_when: !search.deferred_when().is_empty(),
            ..search
        };
        let start_at = cs.first().map_or(pos, |c| sig_range(c).start);
        let found = search.run(start.clone());
        let known: HashSet<bindings::Values> = found
            .iter()
            .flat_map(|f| f.tails.iter().map(|t| search.fresh_values(t)))
            .collect();
        // Values that matter which the code after the dots takes only beyond a node where it
        // took another.
        let others = if known.iter().any(|v| !v.is_empty()) && !search.spec.any {
            search.other_values(&start, &known)
        } else {
            Vec::new()
        };
        if let Some(found) = found {
            if self.continue_with_groups(dots, found, start_at, env, &mut *k) {
                return Some(true);
            }
        }
        for bound in &others {
            let again = DotsSearch {
                env: bound,
                ..search.clone()
            };
            if let Some(found) = again.run(start.clone()) {
                if self.continue_with_groups(dots, found, start_at, bound, &mut *k) {
                    return Some(true);
                }
            }
        }
        Some(false)
    }

    /// One match per group of path tails that agree on their bindings: the tails become the
    /// match's nested environments, the group's bindings the match's.
    fn continue_with_groups(
        &self,
        dots: &SyntaxElement,
        found: Found,
        at: usize,
        env: &Env,
        k: K,
    ) -> bool {
        let mut groups: Vec<PathGroup> = Vec::new();
        for tail in found.tails {
            let mut key: Vec<(usize, String)> = tail
                .bindings
                .iter()
                .map(|(m, b)| (*m, b.normalized.clone()))
                .collect();
            key.sort();
            key.dedup();
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, tails)) => tails.push(tail),
                None => groups.push((key, vec![tail])),
            }
        }
        if groups.len() > 1 && self.prefix_plus_needs_tail_binding(env, &groups) {
            // Code added before the dots would need a value the paths disagree on.
            return false;
        }
        for (_, tails) in groups {
            let mut merged = env.clone();
            // Code added after the dots goes at each path's end (the tails); only a nest's
            // opening stays where the dots start.
            if let Some(open) = sig_tokens(dots)
                .into_iter()
                .find(|t| matches!(t.kind(), SyntaxKind::NEST_OPEN | SyntaxKind::NEST_PLUS_OPEN))
            {
                if let Some(i) = self.pat.token_index(&open) {
                    merged.map_token(i, at..at);
                }
            }
            for tail in &tails {
                for (m, b) in &tail.bindings {
                    if merged.binding(*m).is_none() {
                        merged.bindings.push((*m, b.clone()));
                    }
                }
            }
            // A metavariable bound the same way by every nest occurrence is the match's
            // too (it may be used after the nest); one that differs stays per occurrence.
            for occurrence in &found.along {
                for (m, b) in &occurrence.bindings {
                    let agreed = found.along.iter().all(|o| {
                        o.binding(*m)
                            .is_none_or(|other| other.normalized == b.normalized)
                    });
                    if agreed && merged.binding(*m).is_none() {
                        merged.bindings.push((*m, b.clone()));
                    }
                }
            }
            merged.nested.extend(found.along.iter().cloned());
            merged.nested.extend(tails);
            if k(merged) {
                return true;
            }
        }
        false
    }
}

impl Matcher<'_> {
    /// Whether plus code anchored before the dots uses a metavariable first bound after
    /// them, on which the paths disagree.
    fn prefix_plus_needs_tail_binding(&self, env: &Env, groups: &[PathGroup]) -> bool {
        let value_of = |key: &[(usize, String)], m: usize| {
            key.iter().find(|(k, _)| *k == m).map(|(_, v)| v.clone())
        };
        let disputed = |m: usize| {
            env.binding(m).is_none()
                && groups
                    .iter()
                    .any(|(key, _)| value_of(key, m) != value_of(&groups[0].0, m))
        };
        let body = self.pat.body;
        body.plus_runs.iter().any(|run| {
            let anchor = match run.place {
                smpl_parser::AnchorPlace::Before(i) | smpl_parser::AnchorPlace::After(i) => i,
                smpl_parser::AnchorPlace::Replace { first, .. } => first,
                smpl_parser::AnchorPlace::Alone => return false,
            };
            env.token_range(anchor).is_some()
                && body.plus_tokens[run.tokens.clone()]
                    .iter()
                    .any(|t| t.metavar.is_some_and(disputed))
        })
    }
}

/// What the paths of one dots found: the tails of the pattern's rest at their ends, and the
/// environments of the code along them (nest occurrences, removed statements of `- ...`).
struct Found {
    tails: Vec<Env>,
    /// The keys of `tails`: an end reached again (round a loop, by a `when any` path that
    /// went on) is the same end, not a second one.
    tail_keys: HashSet<ends::MatchKey>,
    along: Vec<Env>,
    /// The code along the paths, kept when a `when != P` names a metavariable bound only
    /// after the dots: P is checked against it once the tails have bound it.
    code: Vec<SyntaxElement>,
    /// The `if`s, loops and blocks whose headers are along the paths, whole, kept with
    /// `code` for a deferred `when != if (...) S`.
    statements: Vec<SyntaxElement>,
    /// The statements along the paths, for `- ...`.
    removed: Vec<std::ops::Range<usize>>,
    /// The nodes whose code was collected already.
    collected: HashSet<NodeIndex>,
    /// Statements a nest occurrence matched whole: the paths go round their insides.
    covered: Vec<std::ops::Range<usize>>,
    /// Where the code after the dots was looked for beyond an error branch's jump.
    ahead: early_stop::EndsAhead,
}

impl Found {
    fn add_tails(&mut self, tails: Vec<Env>) {
        for tail in tails {
            if self.tail_keys.insert(ends::MatchKey::of(&tail)) {
                self.tails.push(tail);
            }
        }
    }
}

impl DotsSearch<'_, '_> {
    /// Follows every path from `start`; None when the dots fail (a `forall` path that
    /// does not reach the rest of the pattern, or no path at all).
    fn run(&self, starts: Vec<NodeIndex>) -> Option<Found> {
        let forall = self.quantifier == Quantifier::Forall;
        let mut found = Found {
            tails: Vec::new(),
            tail_keys: HashSet::new(),
            along: Vec::new(),
            code: Vec::new(),
            statements: Vec::new(),
            removed: Vec::new(),
            collected: HashSet::new(),
            covered: Vec::new(),
            ahead: early_stop::EndsAhead::default(),
        };
        let mut nest_seen = false;
        let mut seen: HashSet<(NodeIndex, bool, bool)> = HashSet::new();
        let mut stack: Vec<Walker> = starts
            .into_iter()
            .map(|node| Walker {
                node,
                escape: None,
                satisfied: false,
            })
            .collect();
        let mut visits = 0;
        while let Some(mut w) = stack.pop() {
            if !seen.insert((w.node, w.escape.is_some(), w.satisfied)) {
                continue;
            }
            visits += 1;
            if visits > NODE_BUDGET || self.m.total_left.get() == 0 {
                self.report_over_budget();
                return None;
            }
            let satisfied = match self.step(&w, &mut found, &mut nest_seen) {
                Step::Fail if forall && !w.satisfied => return None,
                Step::Fail | Step::Stop => continue,
                Step::Ended if !self.spec.any => continue,
                // `when any`: a path goes on after an end, and may no longer fail.
                Step::Ended => true,
                Step::Go => w.satisfied,
                Step::LeaveBranch => {
                    w.escape = None;
                    w.satisfied
                }
            };
            self.push_successors(&w, satisfied, &found.covered, &mut stack);
        }
        let deferred = self.deferred_when();
        if !deferred.is_empty() {
            let code = std::mem::take(&mut found.code);
            let statements = std::mem::take(&mut found.statements);
            found.tails.retain(|t| {
                !deferred.iter().any(|p| {
                    self.occurs_in(p, &code, t)
                        || is_compound_statement_pattern(p)
                            && statements
                                .iter()
                                .any(|st| self.m.m_el(p, st, t.clone(), &mut |_| true))
                })
            });
        }
        if found.tails.is_empty() {
            return None;
        }
        let removed = std::mem::take(&mut found.removed);
        if !removed.is_empty() {
            // Code added in place of a removed `...` goes where the code was, not again
            // at the paths' ends.
            for tail in &mut found.tails {
                tail.token_map.retain(|(i, _)| Some(*i) != self.minus_dots);
            }
        }
        found.along.extend(self.removals(removed));
        if matches!(self.spec.nest, Some((_, true))) && !nest_seen {
            return None;
        }
        Some(found)
    }

    /// What happens to a path at its current node.
    fn step(&self, w: &Walker, found: &mut Found, nest_seen: &mut bool) -> Step {
        let cfg = self.cfg;
        let node = cfg.node(w.node);
        match self.at_node(w.node) {
            AtNode::End(tails) => {
                found.add_tails(tails);
                return Step::Ended;
            }
            AtNode::Blocked => return Step::Fail,
            AtNode::Pass => {}
        }
        if w.node == cfg.exit() || w.node == cfg.error_exit() {
            if self.rest_is_empty() {
                found.add_tails(vec![self.tail_env()]);
                return Step::Ended;
            }
            if w.node == cfg.error_exit() && self.block_is_body() {
                // After `BUG()` the function ends: a pattern's closing `}` is reached.
                if let AtNode::End(tails) = self.at_body_close() {
                    found.add_tails(tails);
                    return Step::Ended;
                }
            }
            let error_path = w.node == cfg.error_exit() || w.escape.is_some();
            if !error_path || self.spec.strict {
                self.m
                    .explain_path_end(self.quantifier, self.rest, self.block.as_ref());
            }
            return if error_path && !self.spec.strict {
                Step::Stop
            } else {
                Step::Fail
            };
        }
        if !self.spec.any && self.matches_prev(w.node) {
            return Step::Fail;
        }
        let code = own_code(node);
        // A nest's occurrences are the nest's own code: `when` speaks of the code between.
        let occurrences = found.along.len();
        self.collect_along(w.node, &code, found, nest_seen);
        let in_nest = self.spec.nest.is_some() && found.along.len() > occurrences;
        if !in_nest && !self.when_allows(node, &code) {
            self.m.explain_when(self.dots, &code);
            return Step::Fail;
        }
        if !in_nest && self.has_deferred_when {
            found.code.extend(code.iter().cloned());
            if let Some(stmt) = statement_node_at(node) {
                let whole = SyntaxElement::Node(stmt);
                if is_compound_statement_pattern(&whole) {
                    found.statements.push(whole);
                }
            }
        }
        let jump = matches!(
            node.kind,
            NodeKind::Return | NodeKind::Goto | NodeKind::Break | NodeKind::Continue
        );
        let forall = self.quantifier == Quantifier::Forall;
        if jump && w.escape.is_some() {
            if !self.spec.strict && forall && self.may_stop_at_jump(w.node, &mut found.ahead) {
                // An error branch (`if (err) return -ENOMEM;`) need not reach the end (on
                // all paths; where one path suffices, it goes on through the jump).
                return Step::Stop;
            }
            // Beyond the jump the path is an ordinary one: a later jump or the exit does
            // not end it as an error branch.
            return Step::LeaveBranch;
        }
        Step::Go
    }

    fn push_successors(
        &self,
        w: &Walker,
        satisfied: bool,
        covered: &[std::ops::Range<usize>],
        stack: &mut Vec<Walker>,
    ) {
        let node = self.cfg.node(w.node);
        for (next, edge) in self.cfg.successors(w.node) {
            if !edge.is_flow() || !self.branch_allowed(w.node, edge) {
                continue;
            }

            let escape = match (node.kind, edge, &w.escape) {
                (NodeKind::IfHeader, EdgeKind::True, None) => node.syntax.clone(),
                (_, _, Some(s))
                    if self.cfg.node(next).kind == NodeKind::EndIf
                        && self.cfg.node(next).syntax.as_ref() == Some(s) =>
                {
                    None
                }
                (_, _, e) => e.clone(),
            };
            for node in super::nests::round_covered(self.cfg, next, covered) {
                stack.push(Walker {
                    node,
                    escape: escape.clone(),
                    satisfied,
                });
            }
        }
    }

    /// Whether the pattern's rest may match nothing: optional statements, dots and `<...`
    /// nests only (a path may end at the function's exit without them).
    fn rest_is_empty(&self) -> bool {
        self.rest.iter().all(|i| match i {
            Item::DisjEnd(_) => true,
            Item::El(e) => may_match_nothing(e),
        })
    }

    /// A fresh environment for the part of the pattern after the dots: the bindings so far,
    /// none of the token map (that stays with the match's own environment).
    fn tail_env(&self) -> Env {
        Env {
            bindings: self.env.bindings.clone(),
            ..Env::default()
        }
    }

    /// A tail's environment at a path's end: the dots' own tokens (and code added after
    /// them or their `when` clauses) stand there.
    fn tail_env_at(&self, at: usize) -> Env {
        let mut env = self.tail_env();
        match self.dots {
            SyntaxElement::Node(d) => {
                self.m.map_dots(d, at..at, &mut env);
                // A nest's opening stays with the match's own environment.
                env.token_map.retain(|(i, _)| {
                    !matches!(
                        self.m.pat.body.tokens[*i].kind,
                        SyntaxKind::NEST_OPEN | SyntaxKind::NEST_PLUS_OPEN
                    )
                });
            }
            SyntaxElement::Token(t) => {
                if let Some(i) = self.m.pat.token_index(t) {
                    env.map_token(i, at..at);
                }
            }
        }
        env
    }

    fn block_is_body(&self) -> bool {
        self.block
            .as_ref()
            .and_then(|b| b.parent())
            .is_some_and(|p| p.kind() == SyntaxKind::FUNCTION_DEF)
    }

    /// Shortest paths: the element before the dots may not match again along them.
    fn matches_prev(&self, index: NodeIndex) -> bool {
        let Some(prev) = self.prev else {
            return false;
        };
        let Some(stmt) = self.pattern_statement_at(self.cfg.node(index), prev) else {
            return false;
        };
        // An expression pattern finds itself inside the statement (as it did where it
        // matched).
        let c = SyntaxElement::Node(stmt);
        self.m.m_el(prev, &c, self.env.clone(), &mut |_| true)
            || self.m.m_inside(prev, &c, self.env.clone(), &mut |_| true)
    }

    /// The statement at a node where pattern element `p` may match: for an expression, the
    /// statement whose code the node holds (the `do` loop at its `while (c);` tail).
    fn pattern_statement_at(
        &self,
        node: &cfg_builder::CfgNode,
        p: &SyntaxElement,
    ) -> Option<SyntaxNode> {
        if self
            .m
            .is_expression_pattern(&super::unwrap_expression_statement(p))
        {
            expression_statement_at(node)
        } else {
            statement_node_at(node)
        }
    }

    /// The statement at a node where pattern element `p` may match, and those after it in
    /// its block.
    fn statement_at(
        &self,
        node: &cfg_builder::CfgNode,
        p: &SyntaxElement,
    ) -> Option<(SyntaxNode, StatementsFrom)> {
        let stmt = self.pattern_statement_at(node, p)?;
        self.m.flow.as_ref()?.blocks.statements_from(stmt)
    }

    fn report_over_budget(&self) {
        if let Some(flow) = &self.m.flow {
            let f = self.cfg.function();
            let start = sig_range(&SyntaxElement::Node(f.clone())).start;
            let name = self.cfg.name().unwrap_or_default();
            flow.over_budget.borrow_mut().push((start, name));
        }
    }
}

/// Where a dots' paths start, the block they run in, and the function's graph.
type DotsStart = (Vec<NodeIndex>, Option<SyntaxNode>, std::rc::Rc<Cfg>);

/// Path tails that bound the same values: (metavariable, value) pairs, and the tails.
type PathGroup = (Vec<(usize, String)>, Vec<Env>);

/// What one step of a walker decided.
enum Step {
    /// Go on to the successors.
    Go,
    /// Go on to the successors, no longer in an error branch (it left by a jump that had
    /// to go on).
    LeaveBranch,
    /// The path reached the end of the pattern.
    Ended,
    /// The path may stop here without reaching the end (an error branch).
    Stop,
    /// The path cannot match.
    Fail,
}

/// Whether a pattern token is minus code (`- ...`).
fn is_minus(m: &Matcher, tok: &c_parser::SyntaxToken) -> bool {
    m.pat
        .token_index(tok)
        .is_some_and(|i| m.pat.body.tokens[i].mark == Mark::Minus)
}

/// The `...` token of a dots element, the opening of a nest: removed, the code along the
/// paths goes with it.
fn dots_token(el: &SyntaxElement) -> Option<c_parser::SyntaxToken> {
    sig_tokens(el).into_iter().find(|t| {
        matches!(
            t.kind(),
            SyntaxKind::DOTS | SyntaxKind::NEST_OPEN | SyntaxKind::NEST_PLUS_OPEN
        )
    })
}

/// A statement pattern with a body (`if`, a loop, a block): it spans several nodes.
/// The nodes control can reach from `node` in one step.
fn flow_successors(cfg: &Cfg, node: NodeIndex) -> Vec<NodeIndex> {
    cfg.successors(node)
        .into_iter()
        .filter(|(_, e)| e.is_flow())
        .map(|(n, _)| n)
        .collect()
}

fn is_compound_statement_pattern(el: &SyntaxElement) -> bool {
    matches!(
        el.kind(),
        SyntaxKind::IF_STMT
            | SyntaxKind::WHILE_STMT
            | SyntaxKind::FOR_STMT
            | SyntaxKind::DO_STMT
            | SyntaxKind::SWITCH_STMT
            | SyntaxKind::ITERATOR_STMT
            | SyntaxKind::COMPOUND_STMT
    )
}

/// Whether a disjunction has a branch that is one compound statement (`( if (...) S | E )`).
fn has_compound_branch(el: &SyntaxElement) -> bool {
    let SyntaxElement::Node(d) = el else {
        return false;
    };
    d.kind() == SyntaxKind::DISJ
        && d.children()
            .filter(|b| b.kind() == SyntaxKind::DISJ_BRANCH)
            .any(|b| matches!(crate::syntax::sig_children(&b).as_slice(), [one] if is_compound_statement_pattern(one)))
}

/// Optional code, dots, and `<...` nests: elements a path may end without.
fn may_match_nothing(el: &SyntaxElement) -> bool {
    match el.kind() {
        SyntaxKind::OPT_STMT | SyntaxKind::DOTS | SyntaxKind::DOTS_NODE => true,
        SyntaxKind::NEST => sig_tokens(el)
            .first()
            .is_none_or(|t| t.kind() != SyntaxKind::NEST_PLUS_OPEN),
        _ => false,
    }
}

/// Whether a pattern's rest is code then dots (`X ...`, the inside of `{ ... X ... }`).
fn code_then_dots(rest: &[Item]) -> bool {
    let els: Vec<&SyntaxElement> = rest
        .iter()
        .filter_map(|i| match i {
            Item::El(e) => Some(e),
            Item::DisjEnd(_) => None,
        })
        .collect();
    els.len() >= 2
        && els
            .last()
            .is_some_and(|e| matches!(e.kind(), SyntaxKind::DOTS | SyntaxKind::DOTS_NODE))
}
