//! Top level: function definitions (K&R too), declarations, macro declarations, and the
//! `#else`-branch fallback that re-parses an item with later conditional branches inactive.

use super::decls::DeclCtx;
use super::heuristics::{is_decl_keyword, is_type_keyword};
use super::{Parser, View};
use crate::syntax_kind::SyntaxKind::*;
use crate::MetaHint;

/// Parses a whole file. `alt_view` (later conditional branches inactive) is tried for items
/// that do not parse cleanly.
pub(crate) fn parse_source_file(
    p: &mut Parser,
    tokens: &[crate::Token],
    alt_mask: Option<&[bool]>,
) {
    let root = p.start();
    let mut alt_view: Option<View> = None;
    while !p.at_eof() && p.fuel() {
        let snap = p.snapshot();
        let start = p.pos;
        p.top_item();
        if p.pos == start {
            p.err_and_bump("unexpected token");
        }
        let errors = p.error_count_since(&snap);
        if errors > 0 {
            if let Some(mask) = alt_mask {
                let alt = alt_view.get_or_insert_with(|| View::new(p.text, tokens, Some(mask)));
                p.retry_with_view(&snap, start, errors, alt);
            }
        }
    }
    p.rest_as_error();
    root.complete(p, SOURCE_FILE);
}

impl<'a> Parser<'a> {
    /// Re-parses the item that started at `start` under `alt`; keeps whichever has fewer
    /// errors. The views are swapped back afterwards.
    fn retry_with_view(
        &mut self,
        snap: &super::Snapshot,
        start: usize,
        errors: usize,
        alt: &mut View,
    ) {
        let end = self.pos;
        let raw_start = self.view.raw(start);
        let raw_end = self.view.raw(end);
        let alt_start = alt.position_of_raw(raw_start);
        let alt_end = alt.position_of_raw(raw_end);
        let next_in_alt = raw_end == u32::MAX || alt.contains_raw(raw_end);
        if alt_end - alt_start == end - start && next_in_alt {
            return; // nothing differs in this item
        }
        let first_events = self.events.split_off(snap.events);
        let first_errors = self.errors.split_off(snap.errors);
        std::mem::swap(&mut self.view, alt);
        self.pos = alt_start;
        self.top_item();
        let second_ok = self.errors.len() - snap.errors < errors && self.pos > alt_start;
        let alt_pos = self.pos;
        std::mem::swap(&mut self.view, alt);
        if second_ok {
            // Map the position back: the first token of the default view at or after the
            // alternative view's next token.
            let raw_next = alt.raw(alt_pos);
            self.pos = self.view.position_of_raw(raw_next);
        } else {
            self.events.truncate(snap.events);
            self.errors.truncate(snap.errors);
            self.events.extend(first_events);
            self.errors.extend(first_errors);
            self.pos = end;
        }
    }

    pub(crate) fn top_item(&mut self) {
        match self.current() {
            SEMI => {
                let m = self.start();
                self.bump();
                m.complete(self, EMPTY_STMT);
            }
            STATIC_ASSERT_KW => self.static_assert(),
            ASM_KW => {
                let m = self.start();
                self.asm_expr(false);
                self.expect_semi();
                m.complete(self, ASM_DECL);
            }
            EXTERN_KW if self.nth_at(1, STRING) && self.nth_at(2, L_BRACE) => {
                let m = self.start();
                self.bump();
                self.bump();
                self.bump();
                while !self.at_eof() && !self.at(R_BRACE) && self.fuel() {
                    let start = self.pos;
                    self.top_item();
                    if self.pos == start {
                        self.err_and_bump("unexpected token");
                    }
                }
                // Often closed in a separate `#ifdef __cplusplus` at the end of the file.
                self.eat(R_BRACE);
                m.complete(self, LINKAGE_SPEC);
            }
            L_BRACE if self.smpl.is_none() => {
                // A block with no function header (the header line is broken or missing):
                // an empty error, and the body parsed as statements.
                self.error("a block without a function header");
                self.function_body(true);
            }
            R_BRACE | R_PAREN | R_BRACK => self.err_and_bump("unmatched closing bracket"),
            IDENT if self.at_macro_decl() => self.macro_decl(),
            DOTS | NEST_OPEN | NEST_PLUS_OPEN | DISJ_OPEN | OPT_MARK if self.smpl.is_some() => {
                self.smpl_statement()
            }
            _ => self.declaration_or_function(DeclCtx::TopLevel),
        }
    }

    /// `EXPORT_SYMBOL(x);`, `module_param(...)`, `INTERVAL_TREE_DEFINE(...)` then a
    /// declaration: an identifier call that is no function definition.
    fn at_macro_decl(&self) -> bool {
        if !self.nth_at(1, L_PAREN) {
            return false;
        }
        let name = self.nth_text(0);
        if self.is_known_type(name) || self.attribute_macro(name).is_some() {
            return false;
        }
        if self.nth_at(2, STAR) {
            return false;
        }
        let close = self.matching_close(self.pos + 1);
        let after = self.kind_at(close + 1);
        if self.is_declarer_macro(name) {
            return after != L_BRACE;
        }
        if after == SEMI && at_scalar_parameter(self, self.pos + 2) {
            // `main (int x);`: a prototype whose return type is left implicit (int).
            return false;
        }
        after == SEMI
            || after == super::EOF
            || (self.bol_at(close + 1) && after != L_BRACE && !is_kr_decl_start(self, close + 1))
            || (is_decl_keyword(after) && after != ATTRIBUTE_KW)
    }

    /// A macro invocation standing as a declaration: MACRO_DECL.
    pub(crate) fn macro_decl(&mut self) {
        let m = self.start();
        let name = self.nth_text(0);
        let r = self.start();
        self.bump();
        r.complete(self, NAME_REF);
        self.arg_list(Some(name));
        self.macro_decl_attributes();
        self.eat(SEMI);
        m.complete(self, MACRO_DECL);
    }

    /// A marker line in a struct body (see `at_field_marker`): a MACRO_DECL of the bare name,
    /// so that it is a member of its own, as Coccinelle's MacroDeclFieldMarker.
    pub(crate) fn field_marker(&mut self) {
        let m = self.start();
        let r = self.start();
        self.bump();
        r.complete(self, NAME_REF);
        m.complete(self, MACRO_DECL);
    }

    /// `DECLARER(a, b) __macro_attr;`: known attributes after a declarer's arguments.
    fn macro_decl_attributes(&mut self) {
        loop {
            match self.current() {
                ATTRIBUTE_KW => self.gnu_attribute(),
                IDENT
                    if self
                        .smpl_hint(self.nth_text(0))
                        .is_none_or(|h| h == MetaHint::Other) =>
                {
                    let Some(takes_args) = self.attribute_macro(self.nth_text(0)) else {
                        return;
                    };
                    self.attribute_macro_use(takes_args);
                }
                _ => return,
            }
        }
    }

    /// A declaration or function definition (specifiers, declarators, then `;` or a body).
    pub(crate) fn declaration_or_function(&mut self, ctx: DeclCtx) {
        let item_start = self.pos;
        let m = self.start();
        let specs = self.decl_specs(ctx);
        if !specs.any && !matches!(self.current(), STAR | IDENT | L_PAREN | DISJ_OPEN) {
            m.abandon(self);
            let e = self.start_error("expected a declaration");
            if self.at(L_BRACE) {
                self.bump_balanced_group();
            } else {
                self.skip_balanced_until(&[SEMI]);
                self.eat(SEMI);
            }
            e.complete(self, ERROR);
            return;
        }
        if self.eat(SEMI) {
            m.complete(self, DECLARATION);
            return;
        }
        if !specs.seen_type && self.at(IDENT) && self.nth_at(1, L_PAREN) && self.at_declarer_call()
        {
            // `static DEFINE_SPINLOCK(lock);`: a declarer macro with a storage class.
            let name = self.nth_text(0);
            let r = self.start();
            self.bump();
            r.complete(self, NAME_REF);
            self.arg_list(Some(name));
            self.macro_decl_attributes();
            self.eat(SEMI);
            m.complete(self, MACRO_DECL);
            return;
        }
        if self.smpl.is_some() && specs.any && self.at_bare_type_end() {
            // A rule body that is just a type (`- long`, `struct foo *`).
            self.declarator(DeclCtx::TypeName);
            m.complete(self, TYPE_NAME);
            return;
        }
        let d = self.start();
        self.declared_function = false;
        self.declarator(match ctx {
            DeclCtx::TopLevel => DeclCtx::TopLevel,
            _ => DeclCtx::Statement,
        });
        let is_function = self.declared_function;
        self.trailing_attributes();
        let body_lost_brace =
            is_function && ctx == DeclCtx::TopLevel && self.at_body_without_brace();
        if is_function
            && (self.at(L_BRACE)
                || ctx == DeclCtx::TopLevel && self.at_kr_decls()
                || body_lost_brace)
        {
            d.abandon(self);
            if !self.at(L_BRACE) && !body_lost_brace {
                let k = self.start();
                while !self.at(L_BRACE) && !self.at_eof() && self.at_kr_decls() && self.fuel() {
                    self.declaration_or_function(DeclCtx::Statement);
                }
                k.complete(self, KR_PARAM_DECLS);
            }
            if self.at(L_BRACE) {
                self.function_body(self.col_at(item_start) == 0);
            } else {
                self.body_without_brace();
            }
            m.complete(self, FUNCTION_DEF);
            return;
        }
        self.note_typedef(specs.is_typedef);
        if self.eat(EQ) {
            self.initializer();
        }
        d.complete(self, INIT_DECLARATOR);
        while !self.comma_ends_macro_arg() && self.eat(COMMA) && self.fuel() {
            let d = self.start();
            self.declarator(DeclCtx::Statement);
            self.note_typedef(specs.is_typedef);
            self.trailing_attributes();
            if self.eat(EQ) {
                self.initializer();
            }
            d.complete(self, INIT_DECLARATOR);
        }
        self.expect_semi();
        m.complete(self, DECLARATION);
    }

    /// `DEFINE_MUTEX(x);` after a storage class: a known declarer, or an all-capitals name
    /// whose call ends the declaration.
    fn at_declarer_call(&self) -> bool {
        let name = self.nth_text(0);
        if self.is_declarer_macro(name) {
            return true;
        }
        let close = self.matching_close(self.pos + 1);
        self.kind_at(close + 1) == SEMI
            && name.len() > 1
            && name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    }

    /// After specifiers: only pointer stars and qualifiers up to the end of the body/branch?
    fn at_bare_type_end(&self) -> bool {
        let mut i = self.pos;
        while matches!(self.kind_at(i), STAR | CONST_KW | VOLATILE_KW | RESTRICT_KW) {
            i += 1;
        }
        matches!(
            self.kind_at(i),
            super::EOF | DISJ_SEP | CONJ_SEP | DISJ_CLOSE | NEST_CLOSE | NEST_PLUS_CLOSE | R_PAREN
        ) && (i > self.pos || self.kind_at(i) != R_PAREN)
    }

    /// After a function declarator: indented statements instead of `{`, and the function's
    /// `}` to come at column 0 (kernel layout): the `{` is missing.
    fn at_body_without_brace(&self) -> bool {
        if self.smpl.is_some() || !self.bol_at(self.pos) || self.col_at(self.pos) == 0 {
            return false;
        }
        if matches!(self.current(), SEMI | COMMA | EQ | L_BRACE) || self.at_eof() {
            return false;
        }
        // The K&R form has declarations only, then `{` at column 0.
        let mut i = self.pos;
        while i < self.view.kind.len() {
            if self.bol_at(i) && self.col_at(i) == 0 {
                return self.kind_at(i) == R_BRACE;
            }
            i += 1;
        }
        false
    }

    /// A function body whose `{` is missing: statements up to the `}` at column 0.
    fn body_without_brace(&mut self) {
        let m = self.start();
        self.error("expected `{`");
        let saved = (self.layout_body, self.block_depth);
        self.layout_body = true;
        self.block_depth = 1;
        self.block_items(&[R_BRACE]);
        self.expect(R_BRACE);
        (self.layout_body, self.block_depth) = saved;
        m.complete(self, COMPOUND_STMT);
    }

    fn note_typedef(&mut self, is_typedef: bool) {
        if is_typedef {
            if let Some(name) = self.last_name.take() {
                self.typedefs.insert(name);
            }
        }
    }

    fn at_kr_decls(&self) -> bool {
        is_kr_decl_start(self, self.pos)
    }
}

/// K&R parameter declarations start at `i`: declaration-like lines, then a `{` opening a
/// line at column 0 (and no other brace before it), right after the `;` that ends the last
/// declaration. (A function header ends in `)`, so `MACRO(a, b)` followed by a definition
/// is not mistaken for K&R.)
/// Whether the tokens at `i` are a parameter that no macro argument looks like: `void)` or
/// a scalar type written with keywords, then a name (`int x`, `unsigned long *flags`).
/// Macro arguments give a type alone (`DEFINE_PER_CPU(int, x)`) or name a struct tag.
fn at_scalar_parameter(p: &Parser, i: usize) -> bool {
    if p.kind_at(i) == VOID_KW && p.kind_at(i + 1) == R_PAREN {
        return true;
    }
    let mut j = i;
    while is_type_keyword(p.kind_at(j)) && !matches!(p.kind_at(j), STRUCT_KW | UNION_KW | ENUM_KW) {
        j += 1;
    }
    if j == i {
        return false;
    }
    while p.kind_at(j) == STAR {
        j += 1;
    }
    p.kind_at(j) == IDENT && matches!(p.kind_at(j + 1), COMMA | R_PAREN | L_BRACK)
}

fn is_kr_decl_start(p: &Parser, i: usize) -> bool {
    let k = p.kind_at(i);
    let decl_like = (is_decl_keyword(k) && k != ATTRIBUTE_KW && k != INLINE_KW && k != STATIC_KW)
        || (k == IDENT
            && p.kind_at(i + 1) != L_PAREN
            && (p.is_known_type(p.text_at(i)) || matches!(p.kind_at(i + 1), IDENT | STAR)));
    if !decl_like {
        return false;
    }
    let mut j = i;
    while j < p.view.kind.len() {
        match p.kind_at(j) {
            L_BRACE => return p.bol_at(j) && p.col_at(j) == 0 && p.kind_at(j - 1) == SEMI,
            R_BRACE => return false,
            _ => j += 1,
        }
    }
    false
}

/// Parses a SmPL rule body: function definitions, declarations, statements, fields, or a bare
/// expression.
/// One expression, as code bound to a metavariable or written in a rule is.
pub(crate) fn parse_expression_root(p: &mut Parser) {
    let root = p.start();
    p.expr();
    p.rest_as_error();
    root.complete(p, EXPRESSION_ROOT);
}

pub(crate) fn parse_smpl_root(p: &mut Parser) {
    let root = p.start();
    while !p.at_eof() && p.fuel() {
        let start = p.pos;
        p.smpl_item();
        if p.pos == start {
            p.err_and_bump("unexpected token");
        }
    }
    p.rest_as_error();
    root.complete(p, SMPL_BODY);
}
