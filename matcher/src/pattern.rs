//! The rule's side: pattern tokens, metavariables and their kinds as the matcher needs them.

use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
use smpl_parser::{MetavarDecl, MetavarKind, RuleBody};

/// A rule's body and metavariables, with lookups by token.
pub struct Pattern<'r> {
    pub body: &'r RuleBody,
    pub metavars: &'r [MetavarDecl],
    /// The minus/context tree (`body.minus.tree()`, parsed once per use of the rule).
    pub minus_tree: SyntaxNode,
    /// The context/plus tree.
    pub plus_tree: SyntaxNode,
}

impl<'r> Pattern<'r> {
    pub fn new(body: &'r RuleBody, metavars: &'r [MetavarDecl]) -> Self {
        Pattern {
            body,
            metavars,
            minus_tree: body.minus.tree(),
            plus_tree: body.plus.tree(),
        }
    }

    /// Index in `body.tokens` of a token of the minus tree.
    pub fn token_index(&self, tok: &SyntaxToken) -> Option<usize> {
        let offset = usize::from(tok.text_range().start());
        self.body
            .tokens
            .binary_search_by_key(&offset, |t| t.offset)
            .ok()
    }

    /// The metavariable a pattern token names: an identifier, or an operator metavariable
    /// (which the body parser re-kinds to an operator token, its text still the name).
    pub fn metavar_of(&self, tok: &SyntaxToken) -> Option<usize> {
        if let Some(i) = self.token_index(tok) {
            if let Some(m) = self.body.tokens[i].metavar {
                return Some(m);
            }
        }
        let text = tok.text();
        if tok.kind() != SyntaxKind::IDENT
            && text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        {
            return self.metavars.iter().position(|m| {
                m.name.name == text
                    && matches!(
                        m.kind,
                        MetavarKind::BinaryOperator
                            | MetavarKind::AssignmentOperator
                            | MetavarKind::UnaryOperator
                    )
            });
        }
        None
    }

    pub fn kind(&self, metavar: usize) -> &MetavarKind {
        &self.metavars[metavar].kind
    }

    /// When an element's only significant token is a metavariable: that token and variable.
    pub fn single_metavar(&self, el: &SyntaxElement) -> Option<(SyntaxToken, usize)> {
        let first = match el {
            SyntaxElement::Token(t) => (!t.kind().is_trivia()).then(|| t.clone())?,
            SyntaxElement::Node(n) => crate::syntax::only_sig_token(n)?,
        };
        let m = self.metavar_of(&first)?;
        Some((first, m))
    }

    /// Whether a metavariable stands for a variable-length list.
    pub fn is_list_metavar(&self, metavar: usize) -> bool {
        matches!(
            self.kind(metavar),
            MetavarKind::ExpressionList(_)
                | MetavarKind::ParameterList(_)
                | MetavarKind::InitializerList(_)
                | MetavarKind::IdentifierList(_)
                | MetavarKind::FieldList(_)
                | MetavarKind::StatementList(_)
                | MetavarKind::FormatList(_)
        )
    }
}
