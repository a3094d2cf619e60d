//! Where a dots' paths start: after the statement the element before the dots matched,
//! which may be an unbraced branch or an expression inside a statement's header.

use super::{flow_successors, is_compound_statement_pattern, DotsStart};
use crate::env::Env;
use crate::node::Matcher;
use crate::syntax::{sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use cfg_builder::NodeKind;

impl Matcher<'_> {
    /// Where a dots' paths start: the node of the first statement after it, or the `}` of
    /// its block when it is last; the block; the function's graph.
    pub(super) fn dots_start(&self, cs: &[SyntaxElement], pos: usize) -> Option<DotsStart> {
        let flow = self.flow.as_ref()?;
        if let Some(found) = self.after_jump_in_block(pos) {
            return Some(found);
        }
        if cs.is_empty() {
            if let Some(found) = self.after_unbraced_body(pos) {
                return Some(found);
            }
        }
        let block = match cs.first() {
            Some(SyntaxElement::Node(n)) => n.parent(),
            Some(SyntaxElement::Token(t)) => t.parent(),
            None => self.block_ending_at(pos),
        }
        .filter(|b| b.kind() == SyntaxKind::COMPOUND_STMT);
        let anchor = match (cs.first(), &block) {
            (Some(SyntaxElement::Node(n)), _) => n.clone(),
            (_, Some(b)) => b.clone(),
            (Some(SyntaxElement::Token(t)), None) => t.parent()?,
            (None, None) => return None,
        };
        let cfg = flow.cfg_of(&anchor)?;
        let start = match cs.first() {
            Some(SyntaxElement::Node(n)) => cfg.node_for(n)?,
            _ => cfg.node_of_kind(block.as_ref()?, NodeKind::BlockClose)?,
        };
        Some((vec![start], block, cfg))
    }

    /// Dots after a jump among a block's statements (`{ ...; goto out; }`, `RETURN(rc);`):
    /// the paths go where the jump leads, not on to the code after it or the block's `}`
    /// (dead code that no path reaches).
    fn after_jump_in_block(&self, pos: usize) -> Option<DotsStart> {
        let flow = self.flow.as_ref()?;
        let stmt = self.statement_ending_at(pos)?;
        let block = stmt
            .parent()
            .filter(|b| b.kind() == SyntaxKind::COMPOUND_STMT)?;
        let cfg = flow.cfg_of(&stmt)?;
        let node = cfg.node_for(&stmt)?;
        let is_jump = matches!(
            cfg.node(node).kind,
            NodeKind::Goto | NodeKind::Return | NodeKind::Break | NodeKind::Continue
        );
        if !is_jump {
            return None;
        }
        Some((flow_successors(&cfg, node), Some(block), cfg))
    }

    /// The innermost statement (not a block) whose code ends at `pos`.
    fn statement_ending_at(&self, pos: usize) -> Option<SyntaxNode> {
        let root = self.root.as_ref()?;
        let offset = c_parser::TextSize::try_from(pos.checked_sub(1)?).ok()?;
        let tok = root.token_at_offset(offset).left_biased()?;
        tok.parent_ancestors().find(|a| {
            c_parser::ast::is_stmt(a.kind())
                && a.kind() != SyntaxKind::COMPOUND_STMT
                && sig_range(&SyntaxElement::Node(a.clone())).end == pos
        })
    }

    /// Dots after a statement that is the unbraced body of an `if`, `else` or loop (`if (x)
    /// goto out;` then `...`): the paths start where the statement leads (its label, the
    /// end of the `if`).
    fn after_unbraced_body(&self, pos: usize) -> Option<DotsStart> {
        let flow = self.flow.as_ref()?;
        let stmt = self.statement_ending_at(pos)?;
        let parent = stmt.parent()?;
        if matches!(
            parent.kind(),
            SyntaxKind::COMPOUND_STMT | SyntaxKind::FUNCTION_DEF
        ) {
            return None;
        }
        let cfg = flow.cfg_of(&stmt)?;
        // A loop, `if` or `switch` leads on from its end node: its header's successors are
        // its own body (`for (...) list_for_each_entry(...) { ... }` then `...` starts
        // after the iterator, not in its body).
        let end = [NodeKind::EndLoop, NodeKind::EndIf, NodeKind::EndSwitch]
            .into_iter()
            .find_map(|kind| cfg.node_of_kind(&stmt, kind));
        let starts = match end {
            Some(end) => vec![end],
            None => flow_successors(&cfg, cfg.node_for(&stmt)?),
        };
        // A `}` after the dots is that of the block around the statement.
        let block = parent
            .ancestors()
            .find(|a| a.kind() == SyntaxKind::COMPOUND_STMT);
        (!starts.is_empty()).then_some((starts, block, cfg))
    }

    /// Dots after an expression the element before them found inside the statement that
    /// ends at `pos` (`if (f(x))`, or `foo(x);` as the unbraced body of an `if`): the paths
    /// start where that code's node leads (into the branches of the `if`), not after the
    /// whole statement.
    pub(super) fn after_inner_code(
        &self,
        prev: &SyntaxElement,
        env: &Env,
        pos: usize,
    ) -> Option<DotsStart> {
        let flow = self.flow.as_ref()?;
        let root = self.root.as_ref()?;
        let ranges: Vec<std::ops::Range<usize>> = sig_tokens(prev)
            .iter()
            .filter_map(|t| env.token_range(self.pat.token_index(t)?))
            .filter(|r| !r.is_empty())
            .collect();
        let at = ranges.iter().map(|r| r.start).min()?;
        let tok = root
            .token_at_offset(c_parser::TextSize::try_from(at).ok()?)
            .right_biased()?;
        let inner = tok
            .parent_ancestors()
            .find(|a| c_parser::ast::is_stmt(a.kind()) && a.kind() != SyntaxKind::COMPOUND_STMT)?;
        let outer = inner.ancestors().find(|a| {
            c_parser::ast::is_stmt(a.kind())
                && sig_range(&SyntaxElement::Node(a.clone())).end == pos
        })?;
        let whole = sig_range(&SyntaxElement::Node(inner.clone()));
        if at <= whole.start {
            // The element matched the statement itself (a statement starts with a keyword
            // or with an expression of its own, never with an inner expression).
            return None;
        }
        if outer == inner && !is_compound_statement_pattern(&SyntaxElement::Node(inner.clone())) {
            return None;
        }
        let cfg = flow.cfg_of(&inner)?;
        let node = if inner.kind() == SyntaxKind::DO_STMT {
            cfg.node_of_kind(&inner, NodeKind::DoWhileTail)?
        } else {
            cfg.node_for(&inner)?
        };
        let starts = flow_successors(&cfg, node);
        let block = outer
            .parent()
            .filter(|b| b.kind() == SyntaxKind::COMPOUND_STMT);
        (!starts.is_empty()).then_some((starts, block, cfg))
    }

    /// The block whose last statement ends at `pos` (dots after the last statement).
    fn block_ending_at(&self, pos: usize) -> Option<SyntaxNode> {
        let root = self.root.as_ref()?;
        let offset = c_parser::TextSize::try_from(pos.checked_sub(1)?).ok()?;
        let tok = root.token_at_offset(offset).left_biased()?;
        tok.parent_ancestors().find(|a| {
            a.kind() == SyntaxKind::COMPOUND_STMT
                && a.children()
                    .any(|c| sig_range(&SyntaxElement::Node(c)).end == pos)
        })
    }
}
