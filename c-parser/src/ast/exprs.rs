//! Expressions.

use super::{
    ast_node, child, children, significant_tokens, token, AstNode, CompoundStmt, TypeName,
};
use crate::SyntaxKind::{self, *};
use crate::{SyntaxNode, SyntaxToken};

ast_node!(NameRef, NAME_REF);
ast_node!(Literal, LITERAL);
ast_node!(
    /// `"a" DFID "b"`: literal pieces and string macros.
    StringExpr, STRING_EXPR
);
ast_node!(ParenExpr, PAREN_EXPR);
ast_node!(CallExpr, CALL_EXPR);
ast_node!(ArgList, ARG_LIST);
ast_node!(IndexExpr, INDEX_EXPR);
ast_node!(
    /// `a.b` or `a->b`.
    FieldExpr, FIELD_EXPR
);
ast_node!(PostfixExpr, POSTFIX_EXPR);
ast_node!(PrefixExpr, PREFIX_EXPR);
ast_node!(CastExpr, CAST_EXPR);
ast_node!(SizeofExpr, SIZEOF_EXPR);
ast_node!(CompoundLiteral, COMPOUND_LITERAL);
ast_node!(BinExpr, BIN_EXPR);
ast_node!(AssignExpr, ASSIGN_EXPR);
ast_node!(
    /// `c ? a : b`, `c ?: b`.
    CondExpr, COND_EXPR
);
ast_node!(CommaExpr, COMMA_EXPR);
ast_node!(
    /// GNU `({ ... })`.
    StmtExpr, STMT_EXPR
);

/// Any expression node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Expr(SyntaxNode);

/// Node kinds that are expressions (SmPL `...`, nests and disjunctions included).
pub fn is_expr(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        NAME_REF
            | LITERAL
            | STRING_EXPR
            | PAREN_EXPR
            | CALL_EXPR
            | INDEX_EXPR
            | FIELD_EXPR
            | POSTFIX_EXPR
            | PREFIX_EXPR
            | CAST_EXPR
            | SIZEOF_EXPR
            | ALIGNOF_EXPR
            | COMPOUND_LITERAL
            | BIN_EXPR
            | ASSIGN_EXPR
            | COND_EXPR
            | COMMA_EXPR
            | STMT_EXPR
            | GENERIC_EXPR
            | LABEL_ADDR_EXPR
            | ASM_EXPR
            | BRACE_EXPR
            | DOTS_NODE
            | NEST
            | DISJ
            | CONJ
    )
}

impl AstNode for Expr {
    fn can_cast(kind: SyntaxKind) -> bool {
        is_expr(kind)
    }
    fn cast(node: SyntaxNode) -> Option<Self> {
        is_expr(node.kind()).then_some(Expr(node))
    }
    fn syntax(&self) -> &SyntaxNode {
        &self.0
    }
}

impl Expr {
    pub fn kind(&self) -> SyntaxKind {
        self.0.kind()
    }
    /// Converts to a specific wrapper (`expr.to::<CallExpr>()`).
    pub fn to<N: AstNode>(&self) -> Option<N> {
        N::cast(self.0.clone())
    }
}

fn exprs(node: &SyntaxNode) -> impl Iterator<Item = Expr> {
    children::<Expr>(node)
}

/// The first significant token that is an operator (not a bracket).
fn operator(node: &SyntaxNode) -> Option<SyntaxToken> {
    significant_tokens(node).find(|t| !matches!(t.kind(), L_PAREN | R_PAREN | L_BRACK | R_BRACK))
}

impl NameRef {
    pub fn ident(&self) -> Option<SyntaxToken> {
        token(&self.0, IDENT)
    }
    pub fn name(&self) -> String {
        self.ident()
            .map(|t| t.text().to_string())
            .unwrap_or_default()
    }
}

impl Literal {
    pub fn token(&self) -> Option<SyntaxToken> {
        significant_tokens(&self.0).next()
    }
}

impl StringExpr {
    /// The pieces: STRING tokens and string-macro identifiers.
    pub fn pieces(&self) -> impl Iterator<Item = SyntaxToken> {
        significant_tokens(&self.0)
    }
}

impl ParenExpr {
    pub fn inner(&self) -> Option<Expr> {
        child(&self.0)
    }
}

impl CallExpr {
    pub fn callee(&self) -> Option<Expr> {
        child(&self.0)
    }
    /// The callee's name when it is a plain identifier.
    pub fn callee_name(&self) -> Option<String> {
        self.callee()?.to::<NameRef>().map(|n| n.name())
    }
    pub fn arg_list(&self) -> Option<ArgList> {
        child(&self.0)
    }
    pub fn args(&self) -> Vec<SyntaxNode> {
        self.arg_list()
            .map(|a| a.args().collect())
            .unwrap_or_default()
    }
}

impl ArgList {
    /// Arguments: expressions or TYPE_NAME nodes (macro type arguments).
    pub fn args(&self) -> impl Iterator<Item = SyntaxNode> {
        self.0.children().filter(|n| n.kind() != ERROR)
    }
    pub fn type_args(&self) -> impl Iterator<Item = TypeName> {
        children(&self.0)
    }
}

impl IndexExpr {
    pub fn base(&self) -> Option<Expr> {
        exprs(&self.0).next()
    }
    pub fn index(&self) -> Option<Expr> {
        exprs(&self.0).nth(1)
    }
}

impl FieldExpr {
    pub fn base(&self) -> Option<Expr> {
        child(&self.0)
    }
    /// True for `->`.
    pub fn is_arrow(&self) -> bool {
        token(&self.0, ARROW).is_some()
    }
    pub fn field(&self) -> Option<SyntaxToken> {
        token(&self.0, IDENT)
    }
}

impl PostfixExpr {
    pub fn operand(&self) -> Option<Expr> {
        child(&self.0)
    }
    pub fn op(&self) -> Option<SyntaxToken> {
        operator(&self.0)
    }
}

impl PrefixExpr {
    pub fn operand(&self) -> Option<Expr> {
        child(&self.0)
    }
    pub fn op(&self) -> Option<SyntaxToken> {
        operator(&self.0)
    }
}

impl CastExpr {
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.0)
    }
    pub fn operand(&self) -> Option<Expr> {
        child(&self.0)
    }
}

impl SizeofExpr {
    /// `sizeof(type)`.
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.0)
    }
    /// `sizeof expr`.
    pub fn operand(&self) -> Option<Expr> {
        child(&self.0)
    }
}

impl CompoundLiteral {
    pub fn type_name(&self) -> Option<TypeName> {
        child(&self.0)
    }
    pub fn initializer(&self) -> Option<super::InitializerList> {
        child(&self.0)
    }
}

impl BinExpr {
    pub fn lhs(&self) -> Option<Expr> {
        exprs(&self.0).next()
    }
    pub fn rhs(&self) -> Option<Expr> {
        exprs(&self.0).nth(1)
    }
    pub fn op(&self) -> Option<SyntaxToken> {
        operator(&self.0)
    }
}

impl AssignExpr {
    pub fn lhs(&self) -> Option<Expr> {
        exprs(&self.0).next()
    }
    pub fn rhs(&self) -> Option<Expr> {
        exprs(&self.0).nth(1)
    }
    /// `=`, `+=`, ...
    pub fn op(&self) -> Option<SyntaxToken> {
        operator(&self.0)
    }
}

impl CondExpr {
    pub fn condition(&self) -> Option<Expr> {
        exprs(&self.0).next()
    }
    /// None for GNU `c ?: b`.
    pub fn then_expr(&self) -> Option<Expr> {
        let has_middle = self
            .0
            .children_with_tokens()
            .skip_while(|e| e.kind() != QUESTION)
            .skip(1)
            .find(|e| !e.kind().is_trivia())
            .is_some_and(|e| e.kind() != COLON);
        if has_middle {
            exprs(&self.0).nth(1)
        } else {
            None
        }
    }
    pub fn else_expr(&self) -> Option<Expr> {
        exprs(&self.0)
            .last()
            .filter(|_| exprs(&self.0).count() >= 2)
    }
}

impl CommaExpr {
    pub fn lhs(&self) -> Option<Expr> {
        exprs(&self.0).next()
    }
    pub fn rhs(&self) -> Option<Expr> {
        exprs(&self.0).nth(1)
    }
}

impl StmtExpr {
    pub fn body(&self) -> Option<CompoundStmt> {
        child(&self.0)
    }
}
