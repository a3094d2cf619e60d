//! Typed accessors over the syntax tree.
//!
//! Each wrapper is a `SyntaxNode` of one kind (or of a family: [`Stmt`], [`Expr`]); accessors
//! skip trivia and return `None` where code is missing (error recovery leaves gaps).

mod exprs;
mod items;
mod prec;
mod stmts;

pub use exprs::*;
pub use items::*;
pub use prec::{is_assignment_operator, outermost_same_range, required_prec, Prec};
pub use stmts::*;

use crate::{SyntaxKind, SyntaxNode, SyntaxToken};

/// A typed view of a node.
pub trait AstNode: Sized {
    fn can_cast(kind: SyntaxKind) -> bool;
    fn cast(node: SyntaxNode) -> Option<Self>;
    fn syntax(&self) -> &SyntaxNode;
    /// The node's text without leading/trailing trivia (nodes never start with trivia).
    fn text(&self) -> String {
        self.syntax().text().to_string()
    }
}

macro_rules! ast_node {
    ($(#[$doc:meta])* $name:ident, $kind:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(pub(crate) SyntaxNode);
        impl $crate::ast::AstNode for $name {
            fn can_cast(kind: $crate::SyntaxKind) -> bool {
                kind == $crate::SyntaxKind::$kind
            }
            fn cast(node: $crate::SyntaxNode) -> Option<Self> {
                Self::can_cast(node.kind()).then(|| $name(node))
            }
            fn syntax(&self) -> &$crate::SyntaxNode {
                &self.0
            }
        }
    };
}
pub(crate) use ast_node;

/// The first child node of type `N`.
pub(crate) fn child<N: AstNode>(node: &SyntaxNode) -> Option<N> {
    node.children().find_map(N::cast)
}

/// All child nodes of type `N`.
pub(crate) fn children<N: AstNode>(node: &SyntaxNode) -> impl Iterator<Item = N> {
    node.children().filter_map(N::cast)
}

/// The first direct child token of `kind`.
pub(crate) fn token(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxToken> {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == kind)
}

/// Direct significant child tokens.
pub(crate) fn significant_tokens(node: &SyntaxNode) -> impl Iterator<Item = SyntaxToken> {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
}

/// Significant tokens of the whole subtree (trivia and inactive code skipped).
pub fn tokens_of(node: &SyntaxNode) -> impl Iterator<Item = SyntaxToken> {
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
}
