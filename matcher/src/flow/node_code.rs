//! The C code a CFG node stands for, as the path matcher needs it: the code `when` clauses
//! and nests look into, and the statement a pattern element may start at.

use crate::syntax::sig_children;
use c_parser::ast::is_stmt;
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use cfg_builder::{CfgNode, NodeKind};

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

/// The statement a pattern element may start matching at this node, with the statements
/// that follow it in its block (the block's `}` included): None for braces, labels of
/// branches and the structural nodes.
pub fn statement_at(node: &CfgNode) -> Option<(SyntaxNode, Vec<SyntaxElement>)> {
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
    if parent.kind() == SyntaxKind::FUNCTION_DEF {
        return None;
    }
    if parent.kind() != SyntaxKind::COMPOUND_STMT {
        return Some((stmt.clone(), vec![SyntaxElement::Node(stmt)]));
    }
    let siblings = sig_children(&parent);
    let at = siblings.iter().position(|s| s.as_node() == Some(&stmt))?;
    Some((stmt, siblings[at..].to_vec()))
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
