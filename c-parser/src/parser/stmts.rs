//! Statements, with the heuristics for macros used as statements and loops.

use super::decls::DeclCtx;
use super::heuristics::is_decl_keyword;
use super::Parser;
use crate::ast::is_assignment_operator;
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::MetaHint;

/// Tokens that start a statement and cannot continue an expression.
fn starts_statement_not_expr(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        IDENT
            | L_BRACE
            | IF_KW
            | FOR_KW
            | WHILE_KW
            | DO_KW
            | SWITCH_KW
            | RETURN_KW
            | GOTO_KW
            | BREAK_KW
            | CONTINUE_KW
            | CASE_KW
            | DEFAULT_KW
            | ASM_KW
            | R_BRACE
            | STRING
    ) || is_decl_keyword(kind)
}

impl<'a> Parser<'a> {
    /// `{ ... }`: a COMPOUND_STMT.
    pub(crate) fn compound_stmt(&mut self) {
        let m = self.start();
        if !self.eat(L_BRACE) {
            self.error("expected `{`");
            m.complete(self, COMPOUND_STMT);
            return;
        }
        self.block_depth += 1;
        let in_macro_arg = std::mem::replace(&mut self.in_macro_arg, false);
        loop {
            self.block_items(&[R_BRACE]);
            if self.at(R_BRACE) && self.layout_body {
                // Kernel layout: a function body opens and closes at column 0, and nothing
                // else does. A brace that disagrees is the error, not the structure.
                let here = self.pos;
                let next = here + 1;
                let line_start = |p: &Self, i: usize| p.bol_at(i) && p.kind_at(i) != super::EOF;
                let next_is_item = self.kind_at(next) == super::EOF
                    || (line_start(self, next)
                        && self.col_at(next) == 0
                        && self.kind_at(next) != R_BRACE
                        && !(self.kind_at(next) == IDENT && self.kind_at(next + 1) == COLON));
                let next_is_indented = line_start(self, next) && self.col_at(next) > 0;
                if self.block_depth == 1
                    && self.bol_at(here)
                    && self.col_at(here) > 0
                    && next_is_indented
                {
                    self.err_and_bump("unmatched `}`");
                    continue;
                }
                if self.block_depth > 1
                    && self.bol_at(here)
                    && self.col_at(here) == 0
                    && next_is_item
                {
                    self.error("expected `}`");
                    break;
                }
            }
            self.expect(R_BRACE);
            break;
        }
        self.block_depth -= 1;
        self.in_macro_arg = in_macro_arg;
        m.complete(self, COMPOUND_STMT);
    }

    /// A function body: laid out kernel-style when its `{` opens a line, or is on a header
    /// line that starts at column 0 (`int f(void) {`), and its statements are not at column 0.
    /// A function indented as a whole (`header_at_column0` false: a `#define` body, code in
    /// an indented block) has no column-0 braces to go by.
    pub(crate) fn function_body(&mut self, header_at_column0: bool) {
        let saved = (self.layout_body, self.block_depth);
        let brace = self.pos;
        let header_layout = || {
            let mut line_start = brace;
            while line_start > 0 && !self.bol_at(line_start) {
                line_start -= 1;
            }
            self.col_at(line_start) == 0
        };
        // Unindented code (statements at column 0) has no layout to go by; a brace at column 0
        // right after is the layout's own (this `{` is the stray one).
        let indented_body = !(self.bol_at(brace + 1) && self.col_at(brace + 1) == 0)
            || matches!(self.kind_at(brace + 1), R_BRACE | L_BRACE);
        self.layout_body = self.smpl.is_none()
            && header_at_column0
            && indented_body
            && (self.bol_at(brace) || header_layout());
        self.block_depth = 0;
        self.compound_stmt();
        (self.layout_body, self.block_depth) = saved;
    }

    /// Statements and declarations until one of `stop` (not consumed).
    pub(crate) fn block_items(&mut self, stop: &[SyntaxKind]) {
        while !self.at_eof() && !stop.contains(&self.current()) && self.fuel() {
            if self.at_next_item() {
                break;
            }
            let before = self.pos;
            self.statement();
            if self.pos == before {
                // No progress: a stray closing bracket or similar.
                if stop.contains(&self.current()) || self.at_eof() {
                    break;
                }
                self.err_and_bump("unexpected token");
            }
        }
    }

    /// In a kernel-layout body, what starts a declaration or a block at column 0 starts the
    /// next top-level item: the body lost its `}` (recovery resynchronises here). A statement
    /// (a call, a label) at column 0 is left to the body.
    fn at_next_item(&self) -> bool {
        self.layout_body
            && self.bol_at(self.pos)
            && self.col_at(self.pos) == 0
            && (is_decl_keyword(self.current())
                || self.at(L_BRACE)
                || self.at(IDENT) && matches!(self.nth(1), IDENT | STAR))
    }

    pub(crate) fn statement(&mut self) {
        if !self.enter() {
            let e = self.start_error("statement nested too deeply");
            self.skip_balanced_until(&[SEMI]);
            self.eat(SEMI);
            e.complete(self, ERROR);
            return;
        }
        self.statement_inner();
        self.leave();
    }

    /// `{ ... , }` in a rule body: a trailing comma before the `}` is an initializer list's
    /// (`+ DECLARE_A(E),` added among designated initializers), never a block's.
    fn ends_with_comma_before_close(&self) -> bool {
        let close = self.matching_close(self.pos);
        close > self.pos + 1 && self.kind_at(close) == R_BRACE && self.kind_at(close - 1) == COMMA
    }

    fn statement_inner(&mut self) {
        let k = self.current();
        match k {
            L_BRACE
                if self.smpl.is_some()
                    && (self.nth_at(1, DOT) && self.nth_at(2, IDENT)
                        || self.nth_at(1, L_BRACK)
                        || self.ends_with_comma_before_close()) =>
            {
                // `{ .foo = E }`: an initializer list as a rule body.
                self.initializer_list();
            }
            L_BRACE => self.compound_stmt(),
            SEMI => self.keyword_statement(EMPTY_STMT),
            IF_KW => self.if_stmt(),
            WHILE_KW => self.while_stmt(),
            DO_KW => self.do_stmt(),
            FOR_KW => self.for_stmt(),
            SWITCH_KW => self.switch_stmt(),
            CASE_KW => self.case_label(),
            DEFAULT_KW => self.default_label(),
            RETURN_KW => self.return_stmt(),
            BREAK_KW => self.keyword_statement(BREAK_STMT),
            CONTINUE_KW => self.keyword_statement(CONTINUE_STMT),
            GOTO_KW => self.goto_stmt(),
            ASM_KW => self.asm_stmt(),
            STATIC_ASSERT_KW => self.static_assert(),
            IDENT if self.nth_at(1, COLON) && !self.smpl_hint_is(0, MetaHint::Expression) => {
                self.label_stmt()
            }
            DOTS | NEST_OPEN | NEST_PLUS_OPEN | OPT_MARK | DISJ_OPEN if self.smpl.is_some() => {
                self.smpl_statement()
            }
            _ if self.at_declaration_start() => self.declaration_or_function(DeclCtx::Statement),
            IDENT => self.ident_statement(),
            _ => self.expr_stmt(),
        }
    }

    /// `;`, `break;`, `continue;`: a token and the end of the statement.
    fn keyword_statement(&mut self, kind: SyntaxKind) {
        let m = self.start();
        self.bump();
        if kind != EMPTY_STMT {
            self.expect_semi();
        }
        m.complete(self, kind);
    }

    fn while_stmt(&mut self) {
        let m = self.start();
        self.bump();
        self.paren_condition();
        self.statement();
        m.complete(self, WHILE_STMT);
    }

    fn do_stmt(&mut self) {
        let m = self.start();
        self.bump();
        self.statement();
        if self.expect(WHILE_KW) {
            self.paren_condition();
        }
        self.expect_semi();
        m.complete(self, DO_STMT);
    }

    fn switch_stmt(&mut self) {
        let m = self.start();
        self.bump();
        self.paren_condition();
        self.statement();
        m.complete(self, SWITCH_STMT);
    }

    /// `case E:`, and GNU's `case A ... B:`.
    fn case_label(&mut self) {
        let m = self.start();
        self.bump();
        self.cond_expr();
        if self.at(ELLIPSIS) || self.at(DOTS) {
            self.bump();
            self.cond_expr();
        }
        self.expect(COLON);
        m.complete(self, CASE_LABEL);
    }

    fn default_label(&mut self) {
        let m = self.start();
        self.bump();
        self.expect(COLON);
        m.complete(self, DEFAULT_LABEL);
    }

    fn return_stmt(&mut self) {
        let m = self.start();
        self.bump();
        if !self.at(SEMI) {
            self.expr();
        }
        self.expect_semi();
        m.complete(self, RETURN_STMT);
    }

    /// `goto label;`, and GNU's computed `goto *p;`.
    fn goto_stmt(&mut self) {
        let m = self.start();
        self.bump();
        if self.at(STAR) {
            self.expr();
        } else if self.at(IDENT) {
            self.bump();
        } else {
            self.error("expected a label");
        }
        self.expect_semi();
        m.complete(self, GOTO_STMT);
    }

    /// `asm volatile goto (...);`: the group is kept as it is.
    fn asm_stmt(&mut self) {
        let m = self.start();
        self.asm_expr(true);
        self.expect_semi();
        m.complete(self, ASM_STMT);
    }

    /// `asm`, its qualifiers and its `(...)` group, kept as it is; a missing group is an
    /// error where `group_required` (in a function body; at file level it is left alone).
    pub(super) fn asm_expr(&mut self, group_required: bool) {
        let a = self.start();
        self.bump();
        while matches!(self.current(), VOLATILE_KW | INLINE_KW | GOTO_KW) {
            self.bump();
        }
        if self.at(L_PAREN) {
            self.bump_balanced_group();
        } else if group_required {
            self.error("expected `(`");
        }
        a.complete(self, ASM_EXPR);
    }

    /// `name:`, with GNU attributes after the colon.
    fn label_stmt(&mut self) {
        let m = self.start();
        self.bump();
        self.bump();
        if self.at(ATTRIBUTE_KW) {
            self.gnu_attribute();
        }
        m.complete(self, LABEL_STMT);
    }

    fn smpl_hint_is(&self, n: usize, hint: MetaHint) -> bool {
        self.smpl_hint(self.nth_text(n)) == Some(hint)
    }

    /// `( expr )` after if/while/switch.
    fn paren_condition(&mut self) {
        if self.at(IDENT) && self.nth_at(1, L_PAREN) {
            // `if WIFSIGNALED(status)`: a macro that supplies its own parentheses.
            self.expr();
            return;
        }
        if !self.at(L_PAREN) {
            self.error("expected `(`");
            return;
        }
        self.bump();
        self.expr();
        self.expect_close(R_PAREN);
    }

    /// `if (c) S else if (c) S ... else S`: the `else if` links are parsed in a loop (each
    /// nested in the previous IF_STMT, as recursion would), so that long chains use no stack
    /// and no nesting budget.
    fn if_stmt(&mut self) {
        let mut open = Vec::new();
        loop {
            let m = self.start();
            self.bump();
            self.paren_condition();
            self.statement();
            if self.at(ELSE_KW) && self.nth_at(1, IF_KW) && self.fuel() {
                self.bump();
                open.push(m);
                continue;
            }
            if self.eat(ELSE_KW) {
                self.statement();
            }
            m.complete(self, IF_STMT);
            break;
        }
        while let Some(m) = open.pop() {
            m.complete(self, IF_STMT);
        }
    }

    fn for_stmt(&mut self) {
        let m = self.start();
        self.bump();
        if !self.eat(L_PAREN) {
            self.error("expected `(`");
            m.complete(self, FOR_STMT);
            return;
        }
        if self.at(SEMI) {
            self.bump();
        } else if self.at_declaration_start() {
            self.declaration_or_function(DeclCtx::Statement);
        } else {
            self.expr();
            self.expect(SEMI);
        }
        if !self.at(SEMI) {
            self.expr();
        }
        self.expect(SEMI);
        if !self.at(R_PAREN) {
            self.expr();
        }
        self.expect_close(R_PAREN);
        self.statement();
        m.complete(self, FOR_STMT);
    }

    /// Does a declaration start here (statement context)?
    /// At an attribute macro (`__user`, `aarg(1, 2)`): is it followed by a declaration's
    /// type or name?
    fn declaration_after_attribute(&self) -> bool {
        let takes_args = self.attribute_macro(self.nth_text(0)) == Some(true);
        let after = if self.nth_at(1, L_PAREN) && (takes_args || !self.nth_at(2, STAR)) {
            self.matching_close(self.pos + 1) + 1
        } else {
            self.pos + 1
        };
        let next = self.kind_at(after);
        next == IDENT || is_decl_keyword(next)
    }

    pub(crate) fn at_declaration_start(&self) -> bool {
        let k = self.current();
        if is_decl_keyword(k) {
            // `__attribute__((fallthrough));` is a statement attribute, not a declaration.
            return !(k == ATTRIBUTE_KW && {
                let close = self.matching_close(self.pos + 1);
                self.kind_at(close + 1) == SEMI
            });
        }
        if k == L_BRACK && self.nth_at(1, L_BRACK) {
            return true; // C23 `[[attr]]` before a declaration (or alone: `[[fallthrough]];`)
        }
        if k == EXTENSION_KW {
            return is_decl_keyword(self.nth(1)) || self.nth_at(1, IDENT) && self.nth_at(2, IDENT);
        }
        if k == DISJ_OPEN && self.smpl.is_some() {
            // `\( int \| long \) x;`: a type disjunction starts a declaration; one with a
            // `;` inside holds statements (`( T i = ...; | e; )`).
            let close = self.matching_close(self.pos);
            return self.starts_type_name(self.pos + 1, false)
                && matches!(self.kind_at(close + 1), IDENT | STAR)
                && !self.disj_holds_statements();
        }
        if k != IDENT {
            return false;
        }
        let name = self.nth_text(0);
        if let Some(hint) = self.smpl_hint(name) {
            if hint == MetaHint::Other && self.attribute_macro(name).is_some() {
                return self.declaration_after_attribute();
            }
            return hint == MetaHint::Type;
        }
        let next = self.nth(1);
        if self.attribute_macro(name).is_some() {
            return self.declaration_after_attribute();
        }
        if self.is_known_type(name) {
            return matches!(next, IDENT | STAR | CONST_KW | VOLATILE_KW | ATTRIBUTE_KW)
                || next == L_PAREN && (self.nth_at(2, STAR) || self.is_declared_typedef(name));
        }
        match next {
            // `u32 x;`, `foo_t x = 1, y[3];`, `u32 x __maybe_unused;`
            IDENT => {
                let second = self.nth_text(1);
                if self
                    .smpl_hint(second)
                    .is_some_and(|h| h != MetaHint::Identifier)
                {
                    return false;
                }
                let third = self.nth(2);
                matches!(
                    third,
                    SEMI | EQ | COMMA | L_BRACK | IDENT | ATTRIBUTE_KW | COLON
                ) || third == L_PAREN && self.attribute_macro(second).is_some()
            }
            // `loff_t *pos;`, `struct_t **pp = NULL;`
            STAR => {
                let mut j = self.pos + 1;
                while matches!(self.kind_at(j), STAR | CONST_KW | VOLATILE_KW | RESTRICT_KW) {
                    j += 1;
                }
                while self.kind_at(j) == IDENT
                    && self.kind_at(j + 1) == IDENT
                    && self.attribute_macro(self.text_at(j)).is_some()
                {
                    j += 1;
                }
                if self.kind_at(j) != IDENT {
                    return false;
                }
                let after = self.kind_at(j + 1);
                // `a * b;` as a statement is pointless, `a * b = c` is invalid: declarations.
                matches!(after, SEMI | EQ | COMMA | L_BRACK)
                    && !self.bol_at(j)
                    && (self.kind_at(self.pos + 2) != IDENT || self.kind_at(self.pos + 1) == STAR)
            }
            _ => false,
        }
    }

    /// A statement starting with an identifier that is not a declaration or label:
    /// expression statement, loop macro, or statement macro.
    fn ident_statement(&mut self) {
        let name = self.nth_text(0);
        let next = self.nth(1);
        if self.smpl.is_some() {
            if let Some(hint) = self.smpl_hint(name) {
                if matches!(
                    hint,
                    MetaHint::Statement | MetaHint::Declaration | MetaHint::Field
                ) && !matches!(next, L_PAREN | EQ)
                    && !is_assignment_operator(next)
                {
                    let m = self.start();
                    let r = self.start();
                    self.bump();
                    r.complete(self, NAME_REF);
                    // A statement metavariable is a whole statement: `S;` is S and then an
                    // empty statement, as in spatch (the kernel's semicolon.cocci finds
                    // `x = f();;` with `S@p1;@p`).
                    if hint != MetaHint::Statement {
                        self.eat(SEMI);
                    }
                    m.complete(self, MACRO_STMT);
                    return;
                }
            }
        }
        if next == L_PAREN && self.is_declarer_macro(name) {
            // `DECLARE_WAITQUEUE(wait, current);` among the declarations of a block.
            let close = self.matching_close(self.pos + 1);
            if matches!(self.kind_at(close + 1), SEMI | IDENT)
                || is_decl_keyword(self.kind_at(close + 1))
            {
                return self.macro_decl();
            }
        }
        if next == L_PAREN {
            let close = self.matching_close(self.pos + 1);
            let after = self.kind_at(close + 1);
            let start = self.pos;
            let known_stmt = self.is_statement_macro(name);
            let iterator = after != SEMI
                && after != EOF_KIND
                && (self.is_iterator_name(name) && !known_stmt
                    || after == L_BRACE
                    || (starts_statement_not_expr(after)
                        && after != R_BRACE
                        && after != STRING
                        && !known_stmt
                        && (!self.bol_at(close + 1)
                            || self.col_at(close + 1) > self.col_at(start))));
            if iterator {
                return self.iterator_stmt();
            }
            if known_stmt
                || (starts_statement_not_expr(after) && after != STRING) && self.bol_at(close + 1)
            {
                // A macro call used as a statement, without semicolon when it has none.
                let m = self.start();
                let callee = self.start();
                self.bump();
                let c = callee.complete(self, NAME_REF);
                let call = c.precede(self);
                self.arg_list(Some(name));
                call.complete(self, CALL_EXPR);
                self.eat(SEMI);
                m.complete(self, MACRO_STMT);
                return;
            }
        } else if matches!(next, IDENT | R_BRACE | L_BRACE | EOF_KIND)
            || (next != SEMI && is_decl_keyword(next))
            || starts_statement_not_expr(next) && next != STRING && self.bol_at(self.pos + 1)
        {
            // `ENTRY` without semicolon, `EXIT`, `__releases` junk: a statement macro.
            let m = self.start();
            let r = self.start();
            self.bump();
            r.complete(self, NAME_REF);
            m.complete(self, MACRO_STMT);
            return;
        } else if next == SEMI && self.is_statement_macro(name) {
            let m = self.start();
            let r = self.start();
            self.bump();
            r.complete(self, NAME_REF);
            self.bump();
            m.complete(self, MACRO_STMT);
            return;
        }
        self.expr_stmt();
    }

    /// `list_for_each_entry(pos, head, member) body`
    fn iterator_stmt(&mut self) {
        let m = self.start();
        let name = self.nth_text(0);
        let r = self.start();
        self.bump();
        r.complete(self, NAME_REF);
        self.arg_list(Some(name));
        self.statement();
        m.complete(self, ITERATOR_STMT);
    }

    pub(crate) fn expr_stmt(&mut self) {
        let m = self.start();
        // In a macro argument, a `,` separates arguments, not operands.
        let e = if self.in_macro_arg {
            self.assign_expr()
        } else {
            self.expr()
        };
        if self.eat(SEMI) || self.at_macro_arg_end() {
            m.complete(self, EXPR_STMT);
            return;
        }
        if self.smpl.is_some()
            && (self.at_eof()
                || matches!(
                    self.current(),
                    DISJ_SEP
                        | CONJ_SEP
                        | DISJ_CLOSE
                        | NEST_CLOSE
                        | NEST_PLUS_CLOSE
                        | DOTS
                        | NEST_OPEN
                        | NEST_PLUS_OPEN
                        | WHEN_KW
                ))
        {
            // A bare expression in a rule body.
            m.abandon(self);
            return;
        }
        let lone_call = e.is_some_and(|e| matches!(e.kind, CALL_EXPR | NAME_REF));
        if lone_call && (self.at_eof() || self.bol_at(self.pos)) && !self.at(ELSE_KW) {
            // `FOO(x)` at the end of its line with no semicolon: a statement macro.
            m.complete(self, MACRO_STMT);
            return;
        }
        self.expect_semi();
        m.complete(self, EXPR_STMT);
    }
}

const EOF_KIND: SyntaxKind = super::EOF;
