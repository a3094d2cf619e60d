//! The C code a CFG node stands for, as the path matcher needs it: the code `when` clauses
//! and nests look into, and the statement a pattern element may start at.

use crate::syntax::sig_children;
use c_parser::ast::is_stmt;
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, TextSize};
use cfg_builder::{CfgNode, NodeKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Deref;
use std::rc::Rc;

/// The node's own code: a simple statement whole, a header's condition and clauses (not
/// its body), nothing for braces and structural nodes.
pub fn own_code(node: &CfgNode) -> Vec<SyntaxElement> {
    let Some(syntax) = &node.syntax else {
        return Vec::new();
    };
    match node.kind {
        k if is_simple_statement(k) && k != NodeKind::EmptyStmt => {
            vec![SyntaxElement::Node(syntax.clone())]
        }
        NodeKind::IfHeader
        | NodeKind::WhileHeader
        | NodeKind::ForHeader
        | NodeKind::SwitchHeader
        | NodeKind::IteratorHeader
        | NodeKind::DoWhileTail => sig_children(syntax)
            .into_iter()
            .filter(|c| c.as_node().is_some_and(|n| !is_stmt(n.kind())))
            .collect(),
        _ => Vec::new(),
    }
}

/// The statement a pattern element may start matching at this node: None for braces,
/// labels of branches and the structural nodes.
pub fn statement_node_at(node: &CfgNode) -> Option<SyntaxNode> {
    if node.is_copy {
        return None;
    }
    let statement_node = is_simple_statement(node.kind)
        || matches!(
            node.kind,
            NodeKind::IfHeader
                | NodeKind::WhileHeader
                | NodeKind::DoHeader
                | NodeKind::ForHeader
                | NodeKind::SwitchHeader
                | NodeKind::IteratorHeader
                | NodeKind::BlockOpen
                | NodeKind::Label
        );
    if !statement_node {
        return None;
    }
    let stmt = node.syntax.clone()?;
    let parent = stmt.parent()?;
    (parent.kind() != SyntaxKind::FUNCTION_DEF).then_some(stmt)
}

/// The statement an expression pattern looks into at this node: that of
/// [`statement_node_at`], except for a `do` loop, whose only expression, its condition, is
/// the code of its `while (c);` tail and not of its `do`.
pub fn expression_statement_at(node: &CfgNode) -> Option<SyntaxNode> {
    match node.kind {
        NodeKind::DoHeader => None,
        NodeKind::DoWhileTail if !node.is_copy => node.syntax.clone(),
        _ => statement_node_at(node),
    }
}

/// A statement and those that follow it in its block (the block's `}` included), a view of
/// the block's statements that every node of the block shares.
pub struct StatementsFrom {
    block: Rc<[SyntaxElement]>,
    at: usize,
}

impl Deref for StatementsFrom {
    type Target = [SyntaxElement];

    fn deref(&self) -> &[SyntaxElement] {
        &self.block[self.at..]
    }
}

/// Each block's statements, listed once: a path search asks at every node it visits, and
/// listing a block of thousands of statements each time made long functions quadratic.
#[derive(Default)]
pub struct BlockStatements {
    blocks: RefCell<HashMap<SyntaxNode, ListedBlock>>,
}

/// A block's statements and where each starts.
type ListedBlock = (Rc<[SyntaxElement]>, Vec<TextSize>);

impl BlockStatements {
    /// A statement with those after it in its block (itself alone outside a block).
    pub fn statements_from(&self, stmt: SyntaxNode) -> Option<(SyntaxNode, StatementsFrom)> {
        let parent = stmt.parent()?;
        if parent.kind() != SyntaxKind::COMPOUND_STMT {
            let block: Rc<[SyntaxElement]> = Rc::from(vec![SyntaxElement::Node(stmt.clone())]);
            return Some((stmt, StatementsFrom { block, at: 0 }));
        }
        let mut blocks = self.blocks.borrow_mut();
        let (block, starts) = blocks.entry(parent.clone()).or_insert_with(|| {
            let elements = sig_children(&parent);
            let starts = elements.iter().map(|e| e.text_range().start()).collect();
            (Rc::from(elements), starts)
        });
        let at = starts
            .binary_search(&stmt.text_range().start())
            .ok()
            .filter(|&at| block[at].as_node() == Some(&stmt))
            .or_else(|| block.iter().position(|e| e.as_node() == Some(&stmt)))?;
        let block = block.clone();
        Some((stmt, StatementsFrom { block, at }))
    }
}

/// Nodes that stand for one whole simple statement.
fn is_simple_statement(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Declaration
            | NodeKind::ExprStmt
            | NodeKind::EmptyStmt
            | NodeKind::Return
            | NodeKind::Goto
            | NodeKind::Break
            | NodeKind::Continue
            | NodeKind::MacroStmt
            | NodeKind::Asm
            | NodeKind::Opaque
    )
}
