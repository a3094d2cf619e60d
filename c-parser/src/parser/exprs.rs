//! Expressions: precedence climbing over binary operators, recursive descent elsewhere.

use super::{CompletedMarker, Marker, Parser};
use crate::ast::{is_assignment_operator, Prec};
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::MetaHint;

/// Longest left-associative chain (`a + b + ...`) kept as nested binary nodes; the rest of a
/// longer chain continues flat in the outermost node (`BIN_EXPR` with children
/// `lhs op rhs op rhs ...`, a left fold), so that trees stay shallow enough to drop safely.
const MAX_CHAIN: u32 = 500;

/// Can this token start an expression operand?
pub(crate) fn starts_operand(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        IDENT
            | INT_NUMBER
            | FLOAT_NUMBER
            | CHAR_LIT
            | STRING
            | L_PAREN
            | SIZEOF_KW
            | ALIGNOF_KW
            | TILDE
            | BANG
            | PLUS2
            | MINUS2
            | GENERIC_KW
            | BUILTIN_VA_ARG_KW
            | BUILTIN_OFFSETOF_KW
            | EXTENSION_KW
    )
}

impl<'a> Parser<'a> {
    /// A full expression, comma operator included.
    pub(crate) fn expr(&mut self) -> Option<CompletedMarker> {
        let mut lhs = self.assign_expr()?;
        let saved = self.chain_depth;
        let mut chain = 0;
        while self.at(COMMA) {
            let m = self.chain_link(lhs, COMMA_EXPR, saved + chain);
            self.bump();
            self.chain_depth = saved + chain + 1;
            self.assign_expr();
            lhs = m.complete(self, COMMA_EXPR);
            chain += 1;
        }
        self.chain_depth = saved;
        Some(lhs)
    }

    pub(crate) fn assign_expr(&mut self) -> Option<CompletedMarker> {
        if !self.enter() {
            self.too_deep();
            return None;
        }
        let result = self.assign_expr_inner();
        self.leave();
        result
    }

    fn assign_expr_inner(&mut self) -> Option<CompletedMarker> {
        let lhs = self.cond_expr()?;
        if self.at_gnu_min_max() == 3 {
            // Old GNU `x <?= y` / `x >?= y` (accepted in rule bodies, like spatch).
            let m = lhs.precede(self);
            self.bump();
            self.bump();
            self.bump();
            self.assign_expr();
            return Some(m.complete(self, ASSIGN_EXPR));
        }
        if is_assignment_operator(self.current()) {
            let m = lhs.precede(self);
            self.bump();
            self.assign_expr();
            return Some(m.complete(self, ASSIGN_EXPR));
        }
        Some(lhs)
    }

    pub(crate) fn cond_expr(&mut self) -> Option<CompletedMarker> {
        let c = self.binary_expr(Prec::LogicalOr)?;
        if !self.at(QUESTION) {
            return Some(c);
        }
        if !self.enter() {
            self.too_deep();
            return Some(c);
        }
        let m = c.precede(self);
        self.bump();
        if !self.at(COLON) {
            self.expr();
        }
        self.expect(COLON);
        self.cond_expr();
        self.leave();
        Some(m.complete(self, COND_EXPR))
    }

    fn binary_expr(&mut self, min_prec: Prec) -> Option<CompletedMarker> {
        let mut lhs = self.unary_expr()?;
        let saved = self.chain_depth;
        let mut chain = 0;
        loop {
            if self.at_operand_macro_call() {
                // `0 BCH_BTREE_IDS()`: an X-macro expanding to `+ term` pieces (two operands
                // side by side are no C otherwise).
                let m = lhs.precede(self);
                let name = self.nth_text(0);
                let r = self.start();
                self.bump();
                r.complete(self, NAME_REF);
                self.arg_list(Some(name));
                lhs = m.complete(self, MACRO_SUFFIX_EXPR);
                continue;
            }
            let op = self.current();
            let gnu = self.at_gnu_min_max();
            if gnu == 3 {
                break;
            }
            // GNU C++'s `<?` and `>?` bind as relational operators.
            if gnu == 2 && min_prec <= Prec::Relational {
                let m = lhs.precede(self);
                self.bump();
                self.bump();
                self.binary_expr(Prec::Shift);
                lhs = m.complete(self, BIN_EXPR);
                continue;
            }
            let Some(prec) = Prec::of_binary_operator(op).filter(|p| *p >= min_prec) else {
                break;
            };
            self.chain_depth = saved + chain + 1;
            let m = self.chain_link(lhs, BIN_EXPR, saved + chain);
            self.bump();
            if prec < Prec::Multiplicative {
                self.binary_expr(prec.tighter());
            } else {
                self.unary_expr();
            }
            lhs = m.complete(self, BIN_EXPR);
            chain += 1;
        }
        self.chain_depth = saved;
        Some(lhs)
    }

    /// The node for the next link of a left-associative chain: a new `kind` node around `lhs`,
    /// or, once the chain is `MAX_CHAIN` deep, `lhs` itself reopened (it was completed last).
    fn chain_link(&mut self, lhs: CompletedMarker, kind: SyntaxKind, depth: u32) -> Marker {
        if depth >= MAX_CHAIN && lhs.kind == kind {
            if let Some(m) = lhs.reopen(self) {
                return m;
            }
        }
        lhs.precede(self)
    }

    /// An all-capitals macro call right after an operand, on the same line.
    fn at_operand_macro_call(&self) -> bool {
        self.smpl.is_none()
            && self.at(IDENT)
            && self.nth_at(1, L_PAREN)
            && !self.bol_at(self.pos)
            && is_macro_like(self.nth_text(0))
    }

    /// Length (2 or 3) of an old GNU `<?`, `>?`, `<?=`, `>?=` operator here (`< ?` is no C
    /// otherwise); 0 if none.
    fn at_gnu_min_max(&self) -> usize {
        if !matches!(self.current(), LT | GT) || !self.nth_at(1, QUESTION) {
            return 0;
        }
        let adjacent = |a: usize| {
            let (x, y) = (
                &self.view.info[self.pos + a],
                self.view.info.get(self.pos + a + 1),
            );
            y.is_some_and(|y| x.offset + x.len == y.offset)
        };
        if !adjacent(0) {
            return 0;
        }
        if self.nth_at(2, EQ) && adjacent(1) {
            3
        } else {
            2
        }
    }

    fn too_deep(&mut self) {
        let e = self.start_error("expression nested too deeply");
        self.skip_balanced_until(&[SEMI, COMMA]);
        e.complete(self, ERROR);
    }

    pub(crate) fn unary_expr(&mut self) -> Option<CompletedMarker> {
        if !self.enter() {
            self.too_deep();
            return None;
        }
        let r = self.unary_inner();
        self.leave();
        r
    }

    fn unary_inner(&mut self) -> Option<CompletedMarker> {
        match self.current() {
            AMP | STAR | PLUS | MINUS | BANG | TILDE | PLUS2 | MINUS2 | EXTENSION_KW => {
                let m = self.start();
                self.bump();
                self.unary_expr();
                Some(m.complete(self, PREFIX_EXPR))
            }
            AMP2 if self.nth_at(1, IDENT) => {
                let m = self.start();
                self.bump();
                self.bump();
                Some(m.complete(self, LABEL_ADDR_EXPR))
            }
            SIZEOF_KW | ALIGNOF_KW => {
                let kind = if self.at(SIZEOF_KW) {
                    SIZEOF_EXPR
                } else {
                    ALIGNOF_EXPR
                };
                let m = self.start();
                self.bump();
                if self.at(L_PAREN) && self.starts_type_name(self.pos + 1, true) {
                    let operand = self.start();
                    self.bump();
                    self.type_name();
                    self.expect_close(R_PAREN);
                    if self.at(L_BRACE) {
                        // `sizeof (struct foo){ ... }.bar`: a compound literal operand, with
                        // its postfix operators.
                        self.initializer_list();
                        let lit = operand.complete(self, COMPOUND_LITERAL);
                        self.postfix(lit);
                    } else {
                        operand.abandon(self);
                    }
                } else {
                    self.unary_expr();
                }
                Some(m.complete(self, kind))
            }
            L_PAREN if self.nth_at(1, L_BRACE) => {
                let m = self.start();
                self.bump();
                self.compound_stmt();
                self.expect_close(R_PAREN);
                let e = m.complete(self, STMT_EXPR);
                Some(self.postfix(e))
            }
            L_PAREN if self.is_cast_at(self.pos) => {
                let m = self.start();
                self.bump();
                self.type_name();
                self.expect_close(R_PAREN);
                if self.at(L_BRACE) {
                    self.initializer_list();
                    let lit = m.complete(self, COMPOUND_LITERAL);
                    return Some(self.postfix(lit));
                }
                self.unary_expr();
                Some(m.complete(self, CAST_EXPR))
            }
            _ => {
                let prim = self.primary_expr()?;
                Some(self.postfix(prim))
            }
        }
    }

    /// Is the `(` at absolute index `i` the start of a cast or compound literal?
    fn is_cast_at(&self, i: usize) -> bool {
        if !self.starts_type_name(i + 1, true) {
            // `(foo_t)x`: an unknown identifier alone in parentheses followed by an operand
            // that cannot follow a parenthesised expression.
            if self.kind_at(i + 1) == IDENT && self.kind_at(i + 2) == R_PAREN {
                let name = self.text_at(i + 1);
                if self.smpl_hint(name).is_some() {
                    return false;
                }
                let after = self.kind_at(i + 3);
                // A `{` opening a line is a compound literal only where no statement can
                // start: right after `(` or `,` (an argument) or `=`.
                let in_expression = i > 0 && matches!(self.kind_at(i - 1), L_PAREN | COMMA | EQ);
                return matches!(
                    after,
                    IDENT | INT_NUMBER | FLOAT_NUMBER | CHAR_LIT | SIZEOF_KW | TILDE | BANG
                ) || after == L_BRACE && (!self.bol_at(i + 3) || in_expression);
            }
            return false;
        }
        // A known type in parentheses; `(size_t)` is still an expression if nothing follows.
        let close = self.matching_close(i);
        let after = self.kind_at(close + 1);
        !matches!(
            after,
            R_PAREN | SEMI | COMMA | R_BRACK | EOF_KIND | QUESTION | COLON
        ) && Prec::of_binary_operator(after).is_none()
            || matches!(after, STAR | AMP | MINUS | PLUS)
            || after == L_BRACE
    }

    fn postfix(&mut self, mut lhs: CompletedMarker) -> CompletedMarker {
        let saved = self.chain_depth;
        let mut chain = 0;
        while saved + chain < MAX_CHAIN {
            chain += 1;
            self.chain_depth = saved + chain;
            match self.current() {
                L_BRACK => {
                    let m = lhs.precede(self);
                    self.bump();
                    self.expr();
                    self.expect_close(R_BRACK);
                    lhs = m.complete(self, INDEX_EXPR);
                }
                L_PAREN => {
                    let m = lhs.precede(self);
                    let callee = self.callee_name(lhs);
                    self.arg_list(callee);
                    lhs = m.complete(self, CALL_EXPR);
                }
                DOT | ARROW => {
                    let m = lhs.precede(self);
                    self.bump();
                    if matches!(self.current(), IDENT | WHEN_KW) {
                        self.bump_as(IDENT);
                    } else if self.at(DISJ_OPEN) && self.smpl.is_some() {
                        // `dev->\(probe\|remove\)`
                        self.smpl_disj(super::smpl::DisjCtx::Expr);
                    } else {
                        self.error("expected a field name");
                    }
                    lhs = m.complete(self, FIELD_EXPR);
                }
                PLUS2 | MINUS2 => {
                    let m = lhs.precede(self);
                    self.bump();
                    lhs = m.complete(self, POSTFIX_EXPR);
                }
                _ => break,
            }
        }
        self.chain_depth = saved;
        lhs
    }

    /// The identifier text of a NAME_REF just completed (for macro lookups).
    fn callee_name(&self, lhs: CompletedMarker) -> Option<&'a str> {
        if lhs.kind == NAME_REF && self.pos > 0 {
            Some(self.text_at(self.pos - 1))
        } else {
            None
        }
    }

    /// `( args )` of a call; arguments may be type names or empty (macros).
    pub(crate) fn arg_list(&mut self, callee: Option<&str>) {
        let m = self.start();
        self.bump(); // (
        let type_args = callee.and_then(|c| self.type_arg_positions(c));
        let close = self.matching_close(self.pos - 1);
        let mut index = 0usize;
        if !self.enter() {
            self.too_deep();
            self.eat(R_PAREN);
            m.complete(self, ARG_LIST);
            return;
        }
        while !self.at(R_PAREN) && !self.at_eof() && self.fuel() {
            if !self.at(COMMA) {
                let want_type = type_args.as_ref().is_some_and(|p| p.contains(&index));
                let arg = match self.opaque_arg_shape(close) {
                    Some(shape) if !want_type => Some(self.macro_arg(shape)),
                    _ => self.argument(want_type),
                };
                if let Some(arg) = arg {
                    if self.at(IDENT)
                        && is_macro_like(self.nth_text(0))
                        && matches!(self.nth(1), COMMA | R_PAREN)
                    {
                        let m = arg.precede(self);
                        self.bump();
                        m.complete(self, MACRO_SUFFIX_EXPR);
                    }
                }
            }
            if self.eat(COMMA) {
                index += 1;
                continue;
            }
            if !self.at(R_PAREN) {
                let e = self.start_error("unexpected tokens in argument");
                self.skip_balanced_until(&[COMMA, SEMI]);
                e.complete(self, ERROR);
                if self.eat(COMMA) {
                    index += 1;
                    continue;
                }
                break;
            }
        }
        self.leave();
        self.expect(R_PAREN);
        m.complete(self, ARG_LIST);
    }

    fn argument(&mut self, want_type: bool) -> Option<CompletedMarker> {
        let i = self.pos;
        let k = self.current();
        let is_type = if want_type {
            k != DOTS
        } else if super::heuristics::is_type_keyword(k) && k != TYPEOF_KW {
            // `min_t(unsigned int, a, b)`, `sizeof_field(struct foo, bar)`
            !(k == STRUCT_KW || k == UNION_KW || k == ENUM_KW) || self.arg_type_ends_at_comma(i)
        } else if matches!(
            k,
            STATIC_KW | INLINE_KW | EXTERN_KW | TYPEDEF_KW | REGISTER_KW
        ) {
            // `INTERVAL_TREE_DEFINE(..., static inline, name)`
            true
        } else if k == IDENT && self.starts_type_name(i, true) {
            self.arg_type_ends_at_comma(i)
        } else if k == IDENT && self.smpl.is_none() {
            // `FOO(Proto *, p)`: a name and stars that end the argument are a pointer type
            // (a `*` cannot end an expression).
            let mut j = i + 1;
            while matches!(self.kind_at(j), STAR | CONST_KW | VOLATILE_KW | RESTRICT_KW) {
                j += 1;
            }
            self.kind_at(i + 1) == STAR && matches!(self.kind_at(j), COMMA | R_PAREN)
        } else {
            false
        };
        if k == RETURN_KW {
            // `snd_magic_cast(type, p, return -ENXIO)`: a macro taking a statement.
            let m = self.start();
            self.bump();
            if !matches!(self.current(), COMMA | R_PAREN) {
                self.assign_expr();
            }
            Some(m.complete(self, RETURN_STMT))
        } else if is_type {
            Some(self.type_name())
        } else if self.at(L_BRACE) {
            self.initializer_list();
            None
        } else if matches!(self.current(), SEMI | R_BRACE) {
            // `DECLARE(x; y)`-like junk is handled by the caller.
            None
        } else {
            self.assign_expr()
        }
    }

    /// Does a type name starting at `i` run to a `,` or `)` of the argument list?
    fn arg_type_ends_at_comma(&self, i: usize) -> bool {
        let mut j = i;
        let n = self.view.kind.len();
        while j < n {
            match self.kind_at(j) {
                COMMA | R_PAREN => return true,
                L_PAREN | L_BRACK => j = self.matching_close(j) + 1,
                L_BRACE => j = self.matching_close(j) + 1,
                IDENT | STAR | CONST_KW | VOLATILE_KW | RESTRICT_KW | STRUCT_KW | UNION_KW
                | ENUM_KW | SIGNED_KW | UNSIGNED_KW | LONG_KW | SHORT_KW | INT_KW | CHAR_KW
                | VOID_KW | FLOAT_KW | DOUBLE_KW | BOOL_KW | ATTRIBUTE_KW | TYPEOF_KW
                | INT128_KW => j += 1,
                _ => return false,
            }
        }
        false
    }

    pub(crate) fn primary_expr(&mut self) -> Option<CompletedMarker> {
        match self.current() {
            IDENT | WHEN_KW => {
                if self.at(IDENT) && self.nth_at(1, STRING) {
                    return Some(self.string_expr());
                }
                if self.at(IDENT)
                    && self.nth_at(1, IDENT)
                    && is_macro_like(self.nth_text(0))
                    && self.smpl.is_none()
                {
                    // `PARAM_OSC PARAM_ACTIVE`, `IDMAP_ARG RQMASK_ARG inode`: macros side by side
                    // (string pieces or argument prefixes).
                    let m = self.start();
                    while self.at(IDENT) && (self.nth_at(1, IDENT) || self.nth_at(1, STRING)) {
                        self.bump();
                    }
                    while matches!(self.current(), IDENT | STRING) {
                        self.bump();
                    }
                    return Some(m.complete(self, STRING_EXPR));
                }
                let m = self.start();
                self.bump_as(IDENT);
                Some(m.complete(self, NAME_REF))
            }
            STRING => Some(self.string_expr()),
            INT_NUMBER | FLOAT_NUMBER | CHAR_LIT => {
                let m = self.start();
                self.bump();
                Some(m.complete(self, LITERAL))
            }
            L_PAREN => {
                let m = self.start();
                self.bump();
                if !self.at(R_PAREN) {
                    self.expr();
                }
                self.expect_close(R_PAREN);
                Some(m.complete(self, PAREN_EXPR))
            }
            L_BRACE => {
                // A braced list as a macro argument or in SmPL.
                let m = self.start();
                self.initializer_list();
                Some(m.complete(self, BRACE_EXPR))
            }
            GENERIC_KW => {
                let m = self.start();
                self.bump();
                if self.at(L_PAREN) {
                    self.bump_balanced_group();
                }
                Some(m.complete(self, GENERIC_EXPR))
            }
            BUILTIN_VA_ARG_KW | BUILTIN_OFFSETOF_KW => {
                let positions: &[usize] = if self.at(BUILTIN_VA_ARG_KW) {
                    &[1]
                } else {
                    &[0]
                };
                let callee = self.start();
                self.bump();
                let c = callee.complete(self, NAME_REF);
                let call = c.precede(self);
                if self.at(L_PAREN) {
                    self.arg_list_with_types(positions);
                }
                let done = call.complete(self, CALL_EXPR);
                Some(self.postfix(done))
            }
            TYPEOF_KW | STRUCT_KW | UNION_KW | ENUM_KW | INT_KW | CHAR_KW | VOID_KW
            | UNSIGNED_KW | SIGNED_KW | LONG_KW | SHORT_KW | CONST_KW | BOOL_KW | DOUBLE_KW
            | FLOAT_KW => {
                // A type where an expression is expected (macro arguments like
                // `BUILD_BUG_ON(sizeof(x) != 8)` never get here; `FOO(struct bar)` does).
                let t = self.type_name();
                Some(t)
            }
            DOTS | NEST_OPEN | NEST_PLUS_OPEN | DISJ_OPEN if self.smpl.is_some() => {
                self.smpl_primary()
            }
            _ => {
                if matches!(
                    self.current(),
                    SEMI | R_PAREN | R_BRACK | R_BRACE | COMMA | EOF_KIND
                ) {
                    self.error("expected an expression");
                } else {
                    self.err_and_bump("expected an expression");
                }
                None
            }
        }
    }

    fn arg_list_with_types(&mut self, positions: &[usize]) {
        let m = self.start();
        self.bump();
        let mut index = 0;
        while !self.at(R_PAREN) && !self.at_eof() && self.fuel() {
            if positions.contains(&index) {
                self.type_name();
            } else {
                self.assign_expr();
            }
            if !self.eat(COMMA) {
                break;
            }
            index += 1;
        }
        self.expect_close(R_PAREN);
        m.complete(self, ARG_LIST);
    }

    /// `"a" DFID "b"`, `KERN_ERR "x"`: literals and string macros side by side.
    fn string_expr(&mut self) -> CompletedMarker {
        let m = self.start();
        let mut count = 0;
        loop {
            match self.current() {
                STRING => self.bump(),
                IDENT if count > 0 || self.nth_at(1, STRING) => {
                    // An identifier beside a string literal can only be a string macro.
                    if self
                        .smpl_hint(self.nth_text(0))
                        .is_some_and(|h| h != MetaHint::Expression)
                        && count > 0
                    {
                        break;
                    }
                    if count > 0
                        && !self.nth_at(1, STRING)
                        && !self.is_string_macro(self.nth_text(0))
                    {
                        // `"x" FOO` followed by `(`: a macro producing a string.
                        if self.nth_at(1, L_PAREN) {
                            self.bump();
                            self.bump_balanced_group();
                            count += 1;
                            continue;
                        }
                    }
                    self.bump();
                }
                _ => break,
            }
            count += 1;
        }
        m.complete(self, STRING_EXPR)
    }
}

const EOF_KIND: SyntaxKind = super::EOF;

/// `LL_BFILL`, `PARAM_OSC`: an all-capitals name, as macros are spelled.
pub(crate) fn is_macro_like(name: &str) -> bool {
    name.len() > 1
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && name.bytes().any(|b| b.is_ascii_uppercase())
}
