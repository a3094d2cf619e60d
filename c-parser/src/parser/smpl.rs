//! SmPL extensions of the grammar: `...` with `when` clauses, nests, disjunctions and
//! conjunctions, optional statements. Only reachable when `ParseOptions.smpl` is set.

use super::decls::DeclCtx;
use super::{CompletedMarker, Parser};
use crate::syntax_kind::SyntaxKind::{self, *};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum DotsCtx {
    Stmt,
    Expr,
    Param,
    Field,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum DisjCtx {
    /// Rule-body level: items of any kind.
    Top,
    Stmt,
    Expr,
    Type,
    Param,
    Field,
}

const BRANCH_STOP: &[SyntaxKind] = &[DISJ_SEP, CONJ_SEP, DISJ_CLOSE];

fn continues_expression(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SEMI | DOT | ARROW | L_PAREN | L_BRACK | R_PAREN | COMMA | QUESTION | PLUS2 | MINUS2
    ) || crate::ast::is_assignment_operator(kind)
        || matches!(
            kind,
            PIPE2
                | AMP2
                | PIPE
                | CARET
                | AMP
                | EQ2
                | NEQ
                | LT
                | GT
                | LE
                | GE
                | SHL
                | SHR
                | PLUS
                | MINUS
                | STAR
                | SLASH
                | PERCENT
        )
}

impl<'a> Parser<'a> {
    /// One element of a rule body.
    pub(crate) fn smpl_item(&mut self) {
        // `[[attr]] int x;` starts a declaration, not an initializer element.
        if self.at(DOT) && self.nth_at(1, IDENT) || self.at(L_BRACK) && !self.nth_at(1, L_BRACK) {
            // `.field = E,` or `[i] = E`: an initializer element on its own.
            self.initializer_item();
            self.eat(COMMA);
            return;
        }
        if self.at(DISJ_OPEN) {
            let close = self.matching_close(self.pos);
            if self.kind_at(close + 1) == L_PAREN {
                let params_close = self.matching_close(close + 1);
                if self.kind_at(params_close + 1) == L_BRACE {
                    return self.declaration_or_function(DeclCtx::TopLevel);
                }
            }
        }
        match self.current() {
            DOTS | NEST_OPEN | NEST_PLUS_OPEN | OPT_MARK => self.smpl_statement(),
            DISJ_OPEN if self.at_declaration_start() => {
                self.declaration_or_function(DeclCtx::TopLevel)
            }
            DISJ_OPEN => {
                let close = self.matching_close(self.pos);
                if continues_expression(self.kind_at(close + 1)) {
                    self.expr_stmt();
                } else {
                    self.smpl_disj(DisjCtx::Top);
                }
            }
            // `aarg(1,2) int f() { ... }`: an attribute with arguments before a definition.
            IDENT
                if self.attribute_macro(self.nth_text(0)).is_some()
                    && self.at_declaration_start() =>
            {
                self.declaration_or_function(DeclCtx::TopLevel)
            }
            IDENT if self.nth_at(1, L_PAREN) => {
                let close = self.matching_close(self.pos + 1);
                if self.kind_at(close + 1) == L_BRACE && !self.is_iterator_name(self.nth_text(0)) {
                    self.declaration_or_function(DeclCtx::TopLevel);
                } else {
                    self.statement();
                }
            }
            _ if self.at_declaration_start() => self.declaration_or_function(DeclCtx::TopLevel),
            _ => self.statement(),
        }
    }

    /// `...`, `<... ...>`, `( A | B )`, `? S` at statement level.
    pub(crate) fn smpl_statement(&mut self) {
        if self.at(DISJ_OPEN) && self.at_declaration_start() {
            return self.declaration_or_function(DeclCtx::Statement);
        }
        match self.current() {
            DOTS => self.smpl_dots(DotsCtx::Stmt),
            NEST_OPEN | NEST_PLUS_OPEN
                if {
                    let after = self.kind_at(self.matching_close(self.pos) + 1);
                    continues_expression(after) && !matches!(after, R_PAREN | COMMA)
                } =>
            {
                // `<+... f() ...+> + x`: the nest starts an expression.
                self.expr_stmt();
            }
            NEST_OPEN | NEST_PLUS_OPEN => {
                let m = self.start();
                let close = if self.at(NEST_OPEN) {
                    NEST_CLOSE
                } else {
                    NEST_PLUS_CLOSE
                };
                self.bump();
                self.when_clauses();
                self.block_items(&[NEST_CLOSE, NEST_PLUS_CLOSE]);
                self.expect_nest_close(close);
                let nest = m.complete(self, NEST);
                if continues_expression(self.current()) && !self.at(R_PAREN) && !self.at(COMMA) {
                    // `<+... x ...+> = y;`: the nest was the start of an expression.
                    let s = nest.precede(self);
                    self.expect_semi();
                    s.complete(self, EXPR_STMT);
                }
            }
            DISJ_OPEN => {
                let close = self.matching_close(self.pos);
                if continues_expression(self.kind_at(close + 1)) {
                    self.expr_stmt();
                } else {
                    self.smpl_disj(DisjCtx::Stmt);
                }
            }
            OPT_MARK => {
                let m = self.start();
                self.bump();
                self.statement();
                m.complete(self, OPT_STMT);
            }
            _ => self.statement(),
        }
    }

    fn expect_nest_close(&mut self, close: SyntaxKind) {
        if self.at(NEST_CLOSE) || self.at(NEST_PLUS_CLOSE) {
            if !self.at(close) {
                self.err_and_bump("mismatched nest close");
            } else {
                self.bump();
            }
        } else {
            self.error("expected the end of the nest");
        }
    }

    /// `...` and its `when` clauses: a DOTS_NODE.
    pub(crate) fn smpl_dots(&mut self, ctx: DotsCtx) {
        self.smpl_dots_node(ctx);
    }

    fn smpl_dots_node(&mut self, ctx: DotsCtx) -> CompletedMarker {
        let m = self.start();
        self.bump();
        if ctx != DotsCtx::Expr || self.at(WHEN_KW) && !self.in_when_clause {
            self.when_clauses();
        }
        m.complete(self, DOTS_NODE)
    }

    /// `when != x`, `when == x`, `when any`, `when strict`, `when exists`, `when forall`,
    /// `when != true x`: WHEN_CLAUSE nodes.
    pub(crate) fn when_clauses(&mut self) {
        while self.at(WHEN_KW) && self.fuel() {
            let m = self.start();
            self.bump();
            let outer = std::mem::replace(&mut self.in_when_clause, true);
            match self.current() {
                NEQ | EQ2 | EQ => {
                    self.bump();
                    let t = self.nth_text(0);
                    if (t == "true" || t == "false") && super::exprs::starts_operand(self.nth(1)) {
                        self.bump();
                    }
                    if starts_with_statement_keyword(self.current())
                        || self.at(L_BRACE)
                        || self.at_iterator_statement()
                    {
                        self.statement();
                    } else if self.at(DISJ_OPEN)
                        && self.disj_holds_statements()
                        && !self.disj_continues_expression()
                    {
                        // Branches may be statements or expressions.
                        self.smpl_disj(DisjCtx::Stmt);
                    } else if self.at_declaration_start() {
                        self.declaration_or_function(DeclCtx::Statement);
                    } else {
                        self.expr();
                        if self.at(SEMI) && !self.bol_at(self.pos) {
                            self.bump();
                        }
                    }
                }
                IDENT => {
                    self.bump();
                    // `when any, strict`
                    while self.at(COMMA) && self.nth_at(1, IDENT) {
                        self.bump();
                        self.bump();
                    }
                }
                _ => self.error("expected a when clause"),
            }
            self.in_when_clause = outer;
            m.complete(self, WHEN_CLAUSE);
        }
    }

    /// `when != I(x, ...) S`: an iterator (a declared one, or a call followed on its line by a
    /// statement) with its body, not a call expression.
    fn at_iterator_statement(&self) -> bool {
        if !self.at(IDENT) || !self.nth_at(1, L_PAREN) {
            return false;
        }
        let after = self.matching_close(self.pos + 1) + 1;
        !self.bol_at(after)
            && (matches!(self.kind_at(after), IDENT | L_BRACE)
                || self.is_iterator_name(self.nth_text(0)) && self.kind_at(after) != SEMI)
    }

    /// True when the disjunction opening here has a statement branch: a `;` or `{` outside
    /// any bracket, or a branch starting with a statement keyword. `\(E = E1\|E++\)` has
    /// none: its branches are expressions.
    pub(crate) fn disj_holds_statements(&self) -> bool {
        let close = self.matching_close(self.pos);
        let mut i = self.pos + 1;
        let mut branch_start = true;
        while i < close {
            let kind = self.kind_at(i);
            if branch_start && starts_with_statement_keyword(kind) {
                return true;
            }
            branch_start = matches!(kind, DISJ_SEP | CONJ_SEP);
            match kind {
                SEMI | L_BRACE => return true,
                L_PAREN | L_BRACK | DISJ_OPEN | NEST_OPEN | NEST_PLUS_OPEN => {
                    i = self.matching_close(i);
                }
                _ => {}
            }
            i += 1;
        }
        false
    }

    /// True when the disjunction opening here is the operand of a longer expression on the same
    /// line (`when != \(a\|b\) = E`), so it cannot be a statement disjunction.
    fn disj_continues_expression(&self) -> bool {
        let next = self.matching_close(self.pos) + 1;
        !self.bol_at(next)
            && !matches!(
                self.kind_at(next),
                SEMI | WHEN_KW
                    | DOTS
                    | DISJ_SEP
                    | CONJ_SEP
                    | DISJ_CLOSE
                    | NEST_CLOSE
                    | NEST_PLUS_CLOSE
                    | R_PAREN
                    | R_BRACE
            )
    }

    /// A disjunction or conjunction: DISJ/CONJ with DISJ_BRANCH children.
    pub(crate) fn smpl_disj(&mut self, ctx: DisjCtx) -> CompletedMarker {
        let m = self.start();
        self.bump(); // DISJ_OPEN
        let mut conj = false;
        if !self.enter() {
            let e = self.start_error("disjunction nested too deeply");
            self.skip_balanced_until(&[]);
            e.complete(self, ERROR);
            self.eat(DISJ_CLOSE);
            return m.complete(self, DISJ);
        }
        loop {
            let b = self.start();
            match ctx {
                DisjCtx::Top => {
                    while !self.at_eof() && !BRANCH_STOP.contains(&self.current()) && self.fuel() {
                        let before = self.pos;
                        self.smpl_item();
                        if self.pos == before {
                            self.err_and_bump("unexpected token");
                        }
                    }
                }
                DisjCtx::Stmt => self.block_items(BRANCH_STOP),
                DisjCtx::Expr => {
                    self.expr();
                }
                DisjCtx::Type => {
                    self.type_name();
                }
                DisjCtx::Param => {
                    while !self.at_eof() && !BRANCH_STOP.contains(&self.current()) && self.fuel() {
                        if self.at(DOTS) {
                            self.smpl_dots(DotsCtx::Param);
                        } else {
                            self.param();
                        }
                        if !self.eat(COMMA) {
                            break;
                        }
                    }
                }
                DisjCtx::Field => {
                    while !self.at_eof() && !BRANCH_STOP.contains(&self.current()) && self.fuel() {
                        let before = self.pos;
                        self.field();
                        if self.pos == before {
                            self.err_and_bump("unexpected token");
                        }
                    }
                }
            }
            b.complete(self, DISJ_BRANCH);
            match self.current() {
                DISJ_SEP => self.bump(),
                CONJ_SEP => {
                    conj = true;
                    self.bump();
                }
                _ => break,
            }
        }
        self.leave();
        if !self.eat(DISJ_CLOSE) {
            let e = self.start_error("expected the end of the disjunction");
            self.skip_balanced_until(&[DISJ_CLOSE]);
            e.complete(self, ERROR);
            self.eat(DISJ_CLOSE);
        }
        m.complete(self, if conj { CONJ } else { DISJ })
    }

    /// `...`, `<... e ...>`, `\( a \| b \)` where an expression stands.
    pub(crate) fn smpl_primary(&mut self) -> Option<CompletedMarker> {
        match self.current() {
            DOTS => Some(self.smpl_dots_node(DotsCtx::Expr)),
            NEST_OPEN | NEST_PLUS_OPEN => {
                let m = self.start();
                let close = if self.at(NEST_OPEN) {
                    NEST_CLOSE
                } else {
                    NEST_PLUS_CLOSE
                };
                self.bump();
                self.when_clauses();
                self.expr();
                self.expect_nest_close(close);
                Some(m.complete(self, NEST))
            }
            DISJ_OPEN => Some(self.smpl_disj(DisjCtx::Expr)),
            _ => None,
        }
    }
}

/// A keyword that can only start a statement (never an expression).
fn starts_with_statement_keyword(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        RETURN_KW
            | IF_KW
            | WHILE_KW
            | FOR_KW
            | DO_KW
            | SWITCH_KW
            | GOTO_KW
            | BREAK_KW
            | CONTINUE_KW
    )
}
