//! Statements, and the SmPL forms that stand where statements do.

use super::{ast_node, child, children, token, ArgList, AstNode, Declaration, Expr, NameRef};
use crate::SyntaxKind::{self, *};
use crate::{SyntaxNode, SyntaxToken};

ast_node!(CompoundStmt, COMPOUND_STMT);
ast_node!(ExprStmt, EXPR_STMT);
ast_node!(IfStmt, IF_STMT);
ast_node!(WhileStmt, WHILE_STMT);
ast_node!(DoStmt, DO_STMT);
ast_node!(ForStmt, FOR_STMT);
ast_node!(SwitchStmt, SWITCH_STMT);
ast_node!(CaseLabel, CASE_LABEL);
ast_node!(LabelStmt, LABEL_STMT);
ast_node!(ReturnStmt, RETURN_STMT);
ast_node!(GotoStmt, GOTO_STMT);
ast_node!(
    /// `list_for_each_entry(pos, head, member) body`.
    IteratorStmt, ITERATOR_STMT
);
ast_node!(
    /// `ENTRY`, `LBUG()` without semicolon, a known statement macro, or a SmPL statement
    /// metavariable.
    MacroStmt, MACRO_STMT
);
ast_node!(
    /// SmPL `...` with its `when` clauses.
    DotsNode, DOTS_NODE
);
ast_node!(WhenClause, WHEN_CLAUSE);
ast_node!(
    /// SmPL `<... ...>` or `<+... ...+>`.
    Nest, NEST
);
ast_node!(
    /// SmPL `( A | B )`.
    Disj, DISJ
);
ast_node!(
    /// SmPL `( A & B )`.
    Conj, CONJ
);
ast_node!(DisjBranch, DISJ_BRANCH);

/// Any statement node (declarations and labels included, as they stand among statements).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stmt(SyntaxNode);

pub fn is_stmt(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        COMPOUND_STMT
            | EXPR_STMT
            | EMPTY_STMT
            | IF_STMT
            | WHILE_STMT
            | DO_STMT
            | FOR_STMT
            | SWITCH_STMT
            | CASE_LABEL
            | DEFAULT_LABEL
            | LABEL_STMT
            | RETURN_STMT
            | BREAK_STMT
            | CONTINUE_STMT
            | GOTO_STMT
            | ASM_STMT
            | ITERATOR_STMT
            | MACRO_STMT
            | DECLARATION
            | STATIC_ASSERT
            | DOTS_NODE
            | NEST
            | DISJ
            | CONJ
            | OPT_STMT
            | ERROR
    )
}

impl AstNode for Stmt {
    fn can_cast(kind: SyntaxKind) -> bool {
        is_stmt(kind)
    }
    fn cast(node: SyntaxNode) -> Option<Self> {
        is_stmt(node.kind()).then_some(Stmt(node))
    }
    fn syntax(&self) -> &SyntaxNode {
        &self.0
    }
}

impl Stmt {
    pub fn kind(&self) -> SyntaxKind {
        self.0.kind()
    }
    pub fn to<N: AstNode>(&self) -> Option<N> {
        N::cast(self.0.clone())
    }
}

fn stmts(node: &SyntaxNode) -> impl Iterator<Item = Stmt> {
    children::<Stmt>(node)
}

impl CompoundStmt {
    pub fn statements(&self) -> impl Iterator<Item = Stmt> {
        stmts(&self.0)
    }
    pub fn declarations(&self) -> impl Iterator<Item = Declaration> {
        children(&self.0)
    }
}

impl ExprStmt {
    /// None for a lone `;`-less error or an empty statement.
    pub fn expr(&self) -> Option<Expr> {
        child(&self.0)
    }
}

impl IfStmt {
    pub fn condition(&self) -> Option<Expr> {
        child(&self.0)
    }
    pub fn then_branch(&self) -> Option<Stmt> {
        stmts(&self.0).next()
    }
    pub fn else_branch(&self) -> Option<Stmt> {
        token(&self.0, ELSE_KW)?;
        stmts(&self.0).nth(1)
    }
}

impl WhileStmt {
    pub fn condition(&self) -> Option<Expr> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<Stmt> {
        stmts(&self.0).next()
    }
}

impl DoStmt {
    pub fn body(&self) -> Option<Stmt> {
        stmts(&self.0).next()
    }
    pub fn condition(&self) -> Option<Expr> {
        child(&self.0)
    }
}

impl ForStmt {
    /// The three header parts, in order (each may be missing): init (an expression or a
    /// declaration node), condition, step.
    pub fn header(&self) -> [Option<SyntaxNode>; 3] {
        let mut parts: [Option<SyntaxNode>; 3] = [None, None, None];
        let mut slot = 0;
        for e in self.0.children_with_tokens() {
            match e {
                rowan::NodeOrToken::Token(t) if t.kind() == SEMI => slot += 1,
                rowan::NodeOrToken::Token(t) if t.kind() == R_PAREN => break,
                rowan::NodeOrToken::Node(n)
                    if slot < 3 && (super::is_expr(n.kind()) || n.kind() == DECLARATION) =>
                {
                    parts[slot] = Some(n.clone());
                    if n.kind() == DECLARATION {
                        slot += 1; // the declaration holds its own `;`
                    }
                }
                _ => {}
            }
        }
        parts
    }
    pub fn body(&self) -> Option<Stmt> {
        stmts(&self.0).filter(|s| s.kind() != DECLARATION).last()
    }
}

impl SwitchStmt {
    pub fn scrutinee(&self) -> Option<Expr> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<Stmt> {
        stmts(&self.0).next()
    }
}

impl CaseLabel {
    /// The value, and the upper bound of a GNU case range.
    pub fn values(&self) -> (Option<Expr>, Option<Expr>) {
        let mut e = children::<Expr>(&self.0);
        (e.next(), e.next())
    }
}

impl LabelStmt {
    pub fn label(&self) -> Option<SyntaxToken> {
        token(&self.0, IDENT)
    }
}

impl ReturnStmt {
    pub fn value(&self) -> Option<Expr> {
        child(&self.0)
    }
}

impl GotoStmt {
    pub fn label(&self) -> Option<SyntaxToken> {
        token(&self.0, IDENT)
    }
}

impl IteratorStmt {
    pub fn name(&self) -> Option<String> {
        child::<NameRef>(&self.0).map(|n| n.name())
    }
    pub fn args(&self) -> Option<ArgList> {
        child(&self.0)
    }
    pub fn body(&self) -> Option<Stmt> {
        stmts(&self.0).next()
    }
}

impl MacroStmt {
    pub fn name(&self) -> Option<String> {
        let first = self.0.children().next()?;
        match first.kind() {
            NAME_REF => NameRef::cast(first).map(|n| n.name()),
            CALL_EXPR => super::CallExpr::cast(first).and_then(|c| c.callee_name()),
            _ => None,
        }
    }
    pub fn args(&self) -> Option<ArgList> {
        self.0
            .children()
            .find_map(super::CallExpr::cast)
            .and_then(|c| c.arg_list())
    }
}

impl DotsNode {
    pub fn when_clauses(&self) -> impl Iterator<Item = WhenClause> {
        children(&self.0)
    }
}

impl WhenClause {
    /// `!=`, `==`, or the keyword (`any`, `strict`, `exists`, `forall`).
    pub fn operator(&self) -> Option<SyntaxToken> {
        super::significant_tokens(&self.0).nth(1)
    }
    /// The expression or statement after `!=`/`==`.
    pub fn pattern(&self) -> Option<SyntaxNode> {
        self.0.children().next()
    }
}

impl Nest {
    /// True for `<+... ...+>`.
    pub fn is_plus(&self) -> bool {
        token(&self.0, NEST_PLUS_OPEN).is_some()
    }
    pub fn when_clauses(&self) -> impl Iterator<Item = WhenClause> {
        children(&self.0)
    }
    /// The nest's content (statements or one expression).
    pub fn body(&self) -> impl Iterator<Item = SyntaxNode> {
        self.0.children().filter(|n| n.kind() != WHEN_CLAUSE)
    }
}

impl Disj {
    pub fn branches(&self) -> impl Iterator<Item = DisjBranch> {
        children(&self.0)
    }
}

impl Conj {
    pub fn branches(&self) -> impl Iterator<Item = DisjBranch> {
        children(&self.0)
    }
}

impl DisjBranch {
    pub fn items(&self) -> impl Iterator<Item = SyntaxNode> {
        self.0.children()
    }
}
