//! Where a dots' paths end: the rest of the pattern matched at a node of the graph (the
//! statement there and those after it, the block's `}`, a function's implicit return).

use super::{AtNode, DotsSearch};
use crate::env::Env;
use crate::node::Item;
use crate::syntax::{sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use cfg_builder::{NodeIndex, NodeKind};
use smpl_parser::Mark;

/// How many complete matches of the pattern's rest one end node may give.
const TAILS_PER_END: usize = 16;

impl DotsSearch<'_, '_> {
    /// Whether the pattern's rest matches at a node (see [`AtNode`]).
    pub(super) fn at_node(&self, index: NodeIndex) -> AtNode {
        let node = self.cfg.node(index);
        if let Some(found) = self.outside_region(node) {
            return found;
        }
        let Some(first) = self.first_required() else {
            return AtNode::Pass;
        };
        let Item::El(next) = &self.rest[first] else {
            return AtNode::Pass;
        };
        let at_our_close =
            node.kind == NodeKind::BlockClose && node.syntax.is_some() && node.syntax == self.block;
        if at_our_close && !node.is_copy && next.kind() != SyntaxKind::R_BRACE {
            if let Some(found) = self.closed_without_optional() {
                return found;
            }
        }
        if next.kind() == SyntaxKind::R_BRACE {
            if !at_our_close {
                return AtNode::Pass;
            }
            let Some(close) = self.block.as_ref().and_then(|b| sig_children(b).pop()) else {
                return AtNode::Pass;
            };
            let start = sig_range(&close).start;
            return self.rest_at(first, &[close], start, true, self.tail_env_at(start));
        }
        if at_our_close && node.is_copy && is_implicit_return(next) && self.return_then_close(first)
        {
            // `{ ... return ...; }` with the return untouched: a path that leaves the
            // block by a jump (`goto out;`) is one of its ends, as in spatch. A return
            // with a value to match (`return helper(...);`) must meet a return that has it.
            let Some(close) = self.block.as_ref().and_then(|b| sig_children(b).pop()) else {
                return AtNode::Pass;
            };
            let start = sig_range(&close).start;
            let env = self.tail_env_at(start);
            return self.tails(&self.rest[first + 1..], &[close], start, true, env);
        }
        let function_body = node.syntax.as_ref().filter(|b| {
            b.parent()
                .is_some_and(|p| p.kind() == SyntaxKind::FUNCTION_DEF)
        });
        let implicit = self.implicit_return_in(next);
        if let Some((body, ret)) = function_body
            .zip(implicit)
            .filter(|_| node.kind == NodeKind::BlockClose && !node.is_copy)
        {
            // Falling off the end of a function is its `return;`, wherever the dots began
            // (in a loop, the path leaves it); code after the return is the body's own.
            let nothing_after = self.rest[first + 1..]
                .iter()
                .all(|i| matches!(i, Item::DisjEnd(_)));
            if at_our_close || nothing_after {
                return self.implicit_return(first, &ret, body);
            }
        }
        if at_our_close && !node.is_copy && self.rest_closes_block() {
            // `{ ... S ... }`: the paths run inside the block the braces matched. One that
            // falls through to its `}` without S has nothing more to find: past the `}`
            // are a loop's header again and the code after the loop, outside the braces.
            return AtNode::Blocked;
        }
        let Some((stmt, siblings)) = self.statement_at(node, next) else {
            return AtNode::Pass;
        };
        let same = stmt.parent().is_some() && stmt.parent() == self.block;
        let start = sig_range(&SyntaxElement::Node(stmt)).start;
        if self.rest_is_empty() {
            return self.first_optional_found(&siblings, start, same);
        }
        self.rest_at(first, &siblings, start, same, self.tail_env_at(start))
    }

    /// A node outside the region the paths are kept to: the rest is tried at the region's
    /// end.
    fn outside_region(&self, node: &cfg_builder::CfgNode) -> Option<AtNode> {
        let region = self.region.as_ref()?;
        let inside = node.syntax.as_ref().is_some_and(|s| {
            let r = sig_range(&SyntaxElement::Node(s.clone()));
            region.start <= r.start && r.end <= region.end
        });
        if inside {
            return None;
        }
        let end = region.end;
        Some(self.tails(self.rest, &[], end, self.open_end, self.tail_env_at(end)))
    }

    /// The first element of the rest that must match (optional ones before it may be
    /// absent). When every element may be absent (`?B ... ?C`), any of them may start
    /// here: the whole rest is tried.
    fn first_required(&self) -> Option<usize> {
        if self.rest_is_empty() {
            self.rest.iter().rposition(|i| matches!(i, Item::El(_)))
        } else {
            self.rest
                .iter()
                .position(|i| matches!(i, Item::El(e) if e.kind() != SyntaxKind::OPT_STMT))
        }
    }

    /// `{ ... ?S ... }`: a path that reaches the block's end without the optional code has
    /// nothing more to find than the block's `}`.
    fn closed_without_optional(&self) -> Option<AtNode> {
        let after_optional: Vec<Item> = self
            .rest
            .iter()
            .skip_while(|i| {
                matches!(i, Item::El(e) if e.kind() == SyntaxKind::OPT_STMT
                    || matches!(e.kind(), SyntaxKind::DOTS | SyntaxKind::DOTS_NODE))
            })
            .cloned()
            .collect();
        let closes =
            matches!(after_optional.first(), Some(Item::El(e)) if e.kind() == SyntaxKind::R_BRACE);
        if !closes || after_optional.len() >= self.rest.len() {
            return None;
        }
        let close = self.block.as_ref().and_then(|b| sig_children(b).pop())?;
        // Code added after the dots belongs to the optional code (absent here).
        let start = sig_range(&close).start;
        Some(self.tails(&after_optional, &[close], start, true, self.tail_env()))
    }

    /// `?B ... ?C`: the path ends at the first of them found, those before absent.
    fn first_optional_found(&self, siblings: &[SyntaxElement], start: usize, same: bool) -> AtNode {
        for (j, item) in self.rest.iter().enumerate() {
            if !matches!(item, Item::El(e) if e.kind() == SyntaxKind::OPT_STMT) {
                continue;
            }
            let rest = &self.rest[j..];
            let found = self.rest_at_in(rest, 0, siblings, start, same, self.tail_env_at(start));
            if !matches!(found, AtNode::Pass) {
                return found;
            }
        }
        AtNode::Pass
    }

    /// Whether the pattern's rest ends with the `}` of the dots' block.
    fn rest_closes_block(&self) -> bool {
        self.rest
            .iter()
            .rev()
            .find_map(|i| match i {
                Item::El(e) => Some(e.kind() == SyntaxKind::R_BRACE),
                Item::DisjEnd(_) => None,
            })
            .unwrap_or(false)
    }

    /// The rest of the pattern against the C elements from `start`: `Pass` when its first
    /// element does not match there, `Blocked` when only the first does.
    fn rest_at(
        &self,
        first: usize,
        siblings: &[SyntaxElement],
        start: usize,
        same_block: bool,
        env: Env,
    ) -> AtNode {
        self.rest_at_in(self.rest, first, siblings, start, same_block, env)
    }

    /// [`Self::rest_at`] for a part of the pattern's rest (its optional elements before
    /// taken as absent).
    fn rest_at_in(
        &self,
        rest: &[Item],
        first: usize,
        siblings: &[SyntaxElement],
        start: usize,
        same_block: bool,
        env: Env,
    ) -> AtNode {
        let head = &rest[..=first];
        // Starting here means taking code from here: an element that can match nothing
        // (a disjunction with an optional branch) would otherwise start everywhere.
        let starts_here = self
            .m
            .m_seq(head, siblings, start, true, env.clone(), &mut |e| {
                e.token_map
                    .iter()
                    .any(|(_, r)| !r.is_empty() && r.start >= start)
            });
        if !starts_here {
            return AtNode::Pass;
        }
        let open_end = if same_block { self.open_end } else { true };
        let with_close;
        let siblings = match self.close_after_jump(rest, siblings, same_block) {
            Some(close) => {
                with_close = [siblings, &[close]].concat();
                &with_close[..]
            }
            None => siblings,
        };
        let head_tokens: Vec<usize> = head
            .iter()
            .filter_map(|i| match i {
                Item::El(e) => Some(sig_tokens(e)),
                Item::DisjEnd(_) => None,
            })
            .flatten()
            .filter_map(|t| self.m.pat.token_index(&t))
            .collect();
        let mut tails = Vec::new();
        let mut keys = std::collections::HashSet::new();
        let mut heads: Vec<Head> = Vec::new();
        self.m
            .m_seq(rest, siblings, start, open_end, env, &mut |e| {
                let here = Head::of(&e, &head_tokens, &self.m.pat.body.tokens);
                // A later disjunction branch matching part of what an earlier one matched
                // is another reading of the same code, not a second occurrence. The same
                // tokens matched elsewhere (`g(...,e,...)` through each argument) are
                // another way, kept.
                if heads.iter().any(|h| h.other_reading(&here)) {
                    return false;
                }
                heads.push(here);
                // Two readings of the specifiers (`const char` in either order) may give
                // the same match: it is one tail.
                if keys.insert(MatchKey::of(&e)) {
                    tails.push(e);
                }
                tails.len() >= TAILS_PER_END
            });
        AtNode::from_tails(tails)
    }

    /// The `}` of the dots' block, when the rest ends with it and is tried at a statement
    /// nested deeper (an `if`'s branch) whose code ends in a jump out of the block: after
    /// `if (err) { put(x); break; }` no path falls through to the code that follows, so
    /// the closing `}` is reached by leaving, as spatch matches `... \( { put(x); break; }
    /// \| S \) }`.
    fn close_after_jump(
        &self,
        rest: &[Item],
        siblings: &[SyntaxElement],
        same_block: bool,
    ) -> Option<SyntaxElement> {
        let block = self.block.as_ref().filter(|_| !same_block)?;
        let last_pattern = rest.iter().rev().find_map(|i| match i {
            Item::El(e) => Some(e),
            Item::DisjEnd(_) => None,
        })?;
        if last_pattern.kind() != SyntaxKind::R_BRACE {
            return None;
        }
        let SyntaxElement::Node(last) = siblings.last()? else {
            return None;
        };
        if !last.ancestors().any(|a| a == *block) {
            return None;
        }
        let jump = final_jump(last)?;
        let leaves = match jump.kind() {
            SyntaxKind::BREAK_STMT | SyntaxKind::CONTINUE_STMT => jump
                .ancestors()
                .skip(1)
                .take_while(|a| a != block)
                .all(|a| !crate::flow::is_jump_target(a.kind(), jump.kind())),
            _ => true,
        };
        leaves.then(|| sig_children(block).pop()).flatten()
    }

    /// The complete matches of `rest` from `start`: the path's end, or `Blocked`.
    fn tails(
        &self,
        rest: &[Item],
        siblings: &[SyntaxElement],
        start: usize,
        open_end: bool,
        env: Env,
    ) -> AtNode {
        let mut tails = Vec::new();
        self.m
            .m_seq(rest, siblings, start, open_end, env, &mut |e| {
                tails.push(e);
                tails.len() >= TAILS_PER_END
            });
        AtNode::from_tails(tails)
    }

    /// The rest of the pattern when it is just the closing `}` of the function body.
    pub(super) fn at_body_close(&self) -> AtNode {
        let Some(first) = self.rest.iter().position(|i| matches!(i, Item::El(_))) else {
            return AtNode::Pass;
        };
        let Item::El(next) = &self.rest[first] else {
            return AtNode::Pass;
        };
        if next.kind() != SyntaxKind::R_BRACE {
            return AtNode::Pass;
        }
        let Some(close) = self.block.as_ref().and_then(|b| sig_children(b).pop()) else {
            return AtNode::Pass;
        };
        let start = sig_range(&close).start;
        self.rest_at(first, &[close], start, true, self.tail_env_at(start))
    }

    /// The pattern's `return;` (or `return ...;`) that falling off the end of a function
    /// matches: `next` itself, or a branch of a disjunction (`( return ...; | RETURN(...); )`).
    fn implicit_return_in(&self, next: &SyntaxElement) -> Option<SyntaxElement> {
        if is_implicit_return(next) {
            return Some(next.clone());
        }
        let SyntaxElement::Node(disj) = next else {
            return None;
        };
        if disj.kind() != SyntaxKind::DISJ {
            return None;
        }
        let (branches, _, _) = self.m.branches(disj);
        branches.into_iter().find_map(|b| match b.as_slice() {
            [one] if is_implicit_return(one) => Some(one.clone()),
            _ => None,
        })
    }

    /// `return;` in the pattern against the end of a function body: its tokens stand at
    /// the body's `}` (code added before it goes there), then the rest goes on from there.
    fn implicit_return(&self, at: usize, ret: &SyntaxElement, body: &SyntaxNode) -> AtNode {
        let Some(close) = sig_children(body).pop() else {
            return AtNode::Pass;
        };
        let close_range = sig_range(&close);
        let here = close_range.start;
        let mut env = self.tail_env_at(here);
        for t in sig_tokens(ret) {
            if let Some(i) = self.m.pat.token_index(&t) {
                // A context rule shows the return it found on the `}` it stands for.
                let shown = self.m.pat.body.tokens[i].mark == Mark::Star;
                env.map_token(
                    i,
                    if shown {
                        close_range.clone()
                    } else {
                        here..here
                    },
                );
            }
        }
        self.tails(&self.rest[at + 1..], &[close], here, self.open_end, env)
    }

    /// Whether the pattern goes on with an untouched `return ...;` and the block's `}`.
    fn return_then_close(&self, at: usize) -> bool {
        let (Some(Item::El(ret)), Some(Item::El(close))) =
            (self.rest.get(at), self.rest.get(at + 1))
        else {
            return false;
        };
        if ret.kind() != SyntaxKind::RETURN_STMT || close.kind() != SyntaxKind::R_BRACE {
            return false;
        }
        let body = self.m.pat.body;
        sig_tokens(ret).iter().all(|t| {
            self.m.pat.token_index(t).is_some_and(|i| {
                body.tokens[i].mark == Mark::Context
                    && !body.plus_runs.iter().any(|run| match run.place {
                        smpl_parser::AnchorPlace::Before(a)
                        | smpl_parser::AnchorPlace::After(a) => a == i,
                        smpl_parser::AnchorPlace::Replace { first, last } => {
                            (first..=last).contains(&i)
                        }
                        smpl_parser::AnchorPlace::Alone => false,
                    })
            })
        })
    }
}

/// What identifies a match: the code each pattern token matched and the values bound,
/// its nested environments' too. Two readings or two paths that give the same key are one
/// match.
#[derive(PartialEq, Eq, Hash)]
pub(super) struct MatchKey {
    map: Vec<(usize, usize, usize)>,
    values: Vec<(usize, String)>,
    nested: Vec<MatchKey>,
}

impl MatchKey {
    pub(super) fn of(e: &Env) -> MatchKey {
        let mut map: Vec<(usize, usize, usize)> = e
            .token_map
            .iter()
            .map(|(i, r)| (*i, r.start, r.end))
            .collect();
        map.sort();
        let mut values: Vec<(usize, String)> = e
            .bindings
            .iter()
            .map(|(m, b)| (*m, b.normalized.clone()))
            .collect();
        values.sort();
        MatchKey {
            map,
            values,
            nested: e.nested.iter().map(MatchKey::of).collect(),
        }
    }
}

/// What the first element after the dots matched at a path's end: which of its pattern
/// tokens, and the code ranges they took (empty ranges left out).
#[derive(PartialEq)]
struct Head {
    /// The tokens other than list dots and commas, which one way through a list maps and
    /// another (with the dots empty) does not: a disjunction's branches differ in others.
    tokens: Vec<usize>,
    ranges: Vec<std::ops::Range<usize>>,
}

impl Head {
    fn of(e: &Env, head_tokens: &[usize], pattern: &[smpl_parser::PatternToken]) -> Head {
        let mut taken: Vec<(usize, std::ops::Range<usize>)> = e
            .token_map
            .iter()
            .filter(|(i, r)| !r.is_empty() && head_tokens.contains(i))
            .cloned()
            .collect();
        taken.sort_by_key(|(i, r)| (r.start, r.end, *i));
        let mut tokens: Vec<usize> = taken
            .iter()
            .map(|(i, _)| *i)
            .filter(|i| {
                pattern
                    .get(*i)
                    .is_some_and(|t| !matches!(t.kind, SyntaxKind::DOTS | SyntaxKind::COMMA))
            })
            .collect();
        tokens.sort_unstable();
        Head {
            tokens,
            ranges: taken.into_iter().map(|(_, r)| r).collect(),
        }
    }

    /// Whether `later` is another branch of a disjunction over code this one matched.
    fn other_reading(&self, later: &Head) -> bool {
        self.tokens != later.tokens
            && self.ranges.iter().any(|x| {
                later
                    .ranges
                    .iter()
                    .any(|y| x.start < y.end && y.start < x.end)
            })
    }
}

/// The jump a statement ends with: itself, or the last statement of its block.
fn final_jump(stmt: &SyntaxNode) -> Option<SyntaxNode> {
    match stmt.kind() {
        SyntaxKind::RETURN_STMT
        | SyntaxKind::GOTO_STMT
        | SyntaxKind::BREAK_STMT
        | SyntaxKind::CONTINUE_STMT => Some(stmt.clone()),
        SyntaxKind::COMPOUND_STMT => final_jump(&stmt.children().last()?),
        _ => None,
    }
}

/// A pattern `return;` (no value).
/// `return;`, or `return ...;` (any value, none included): what falling off the end of a
/// function does, as spatch matches it.
fn is_implicit_return(el: &SyntaxElement) -> bool {
    if el.kind() != SyntaxKind::RETURN_STMT {
        return false;
    }
    let tokens = sig_tokens(el);
    match tokens.as_slice() {
        [_, _] => true,
        [_, value, _] => matches!(value.kind(), SyntaxKind::DOTS | SyntaxKind::ELLIPSIS),
        _ => false,
    }
}
