//! Struct, union and enum specifiers with their bodies: fields, enumerators, the macros
//! that stand for members, and `_Static_assert`; and the brace lists they share with
//! initializers.

use super::decls::DeclCtx;
use super::{Marker, Parser};
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::MetaHint;

impl<'a> Parser<'a> {
    pub(super) fn struct_spec(&mut self) {
        let m = self.start();
        let kind = if self.at(UNION_KW) {
            UNION_SPEC
        } else {
            STRUCT_SPEC
        };
        self.bump();
        self.struct_attributes();
        if self.at(IDENT) || self.at(WHEN_KW) {
            self.bump_as(IDENT);
        } else if self.at(DISJ_OPEN) && self.smpl.is_some() {
            // `struct \(one\|two\)`
            self.smpl_disj(super::smpl::DisjCtx::Expr);
        }
        self.struct_attributes();
        if self.at(L_BRACE) {
            self.field_list();
        }
        m.complete(self, kind);
    }

    fn struct_attributes(&mut self) {
        loop {
            match self.current() {
                ATTRIBUTE_KW | ALIGNAS_KW => self.gnu_attribute(),
                IDENT if self.nth_at(1, IDENT) || self.nth_at(1, L_BRACE) => {
                    match self.attribute_macro(self.nth_text(0)) {
                        Some(args) => self.attribute_macro_use(args),
                        None if self.nth_at(1, IDENT) && self.nth_text(0).starts_with("__") => {
                            self.attribute_macro_use(false)
                        }
                        None => return,
                    }
                }
                _ => return,
            }
        }
    }

    /// The `}` of a list, unless it is the `}` that ends a laid-out function body.
    pub(super) fn close_list(&mut self, laid_out: bool) {
        if laid_out && self.at_column0_item() {
            self.error("expected `}`");
        } else {
            self.expect(R_BRACE);
        }
    }

    /// After a list's `{`: is its first entry anywhere but at column 0 (indented, or on the
    /// line of the `{`)? Then an entry at column 0 cannot belong to it.
    pub(super) fn list_laid_out(&self) -> bool {
        self.smpl.is_none() && !(self.bol_at(self.pos) && self.col_at(self.pos) == 0)
    }

    /// At column 0, something that starts a top-level item (a declaration keyword, a `{`, or
    /// a name followed by a name, `*` or `(`; not `q,` continuing an enumerator list): in a
    /// laid-out list, the `}` before it is missing.
    /// Inside a laid-out function body, a `}` at column 0 ends the function, not the list.
    pub(crate) fn at_column0_item(&self) -> bool {
        self.bol_at(self.pos)
            && self.col_at(self.pos) == 0
            && (super::heuristics::is_decl_keyword(self.current())
                || self.at(L_BRACE)
                || self.at(R_BRACE) && self.layout_body && self.block_depth > 0
                || self.at(IDENT) && matches!(self.nth(1), IDENT | STAR | L_PAREN))
    }

    /// Opens a `{ ... }` list of `kind` at its `{`. When nesting is already too deep, the rest
    /// of the list becomes one ERROR node inside a completed `kind` node and `None` comes back.
    pub(super) fn open_brace_list(&mut self, kind: SyntaxKind, too_deep: &str) -> Option<Marker> {
        let m = self.start();
        self.bump(); // {
        if self.enter() {
            return Some(m);
        }
        let e = self.start_error(too_deep);
        self.skip_balanced_until(&[]);
        e.complete(self, ERROR);
        self.eat(R_BRACE);
        m.complete(self, kind);
        None
    }

    pub(super) fn field_list(&mut self) {
        let Some(m) = self.open_brace_list(FIELD_LIST, "nesting too deep") else {
            return;
        };
        let laid_out = self.list_laid_out();
        while !self.at(R_BRACE) && !self.at_eof() && self.fuel() {
            if laid_out && self.at_column0_item() {
                break;
            }
            let before = self.pos;
            self.field();
            if self.pos == before {
                self.err_and_bump("unexpected token in a field list");
            }
        }
        self.leave();
        self.close_list(laid_out);
        m.complete(self, FIELD_LIST);
    }

    pub(crate) fn field(&mut self) {
        match self.current() {
            SEMI => {
                let m = self.start();
                self.bump();
                m.complete(self, EMPTY_STMT);
                return;
            }
            DOTS => return self.smpl_dots(super::smpl::DotsCtx::Field),
            DISJ_OPEN if self.smpl.is_some() => {
                self.smpl_disj(super::smpl::DisjCtx::Field);
                return;
            }
            STATIC_ASSERT_KW => return self.static_assert(),
            IDENT if self.at_field_marker() => return self.field_marker(),
            IDENT
                if matches!(
                    self.smpl_hint(self.nth_text(0)),
                    Some(MetaHint::Field | MetaHint::FieldList | MetaHint::Declaration)
                ) =>
            {
                let m = self.start();
                let r = self.start();
                self.bump();
                r.complete(self, NAME_REF);
                self.eat(SEMI);
                m.complete(self, FIELD_DECL);
                return;
            }
            IDENT
                if self.nth_at(1, L_PAREN)
                    && !self.is_known_type(self.nth_text(0))
                    && self.attribute_macro(self.nth_text(0)).is_none()
                    && !self.paren_starts_declarator(self.pos + 1) =>
            {
                return self.macro_decl();
            }
            _ => {}
        }
        let m = self.start();
        let specs = self.decl_specs(DeclCtx::Field);
        if !specs.any {
            m.abandon(self);
            let e = self.start_error("expected a field declaration");
            self.skip_balanced_until(&[SEMI]);
            self.eat(SEMI);
            e.complete(self, ERROR);
            return;
        }
        while !matches!(self.current(), SEMI | R_BRACE) && !self.at_eof() {
            let d = self.start();
            if !self.at(COLON) {
                self.declarator(DeclCtx::Field);
            }
            if self.at(COLON) {
                let b = self.start();
                self.bump();
                self.cond_expr();
                b.complete(self, BIT_FIELD);
            }
            self.trailing_attributes();
            d.complete(self, INIT_DECLARATOR);
            if !self.eat(COMMA) {
                break;
            }
        }
        self.expect_semi();
        m.complete(self, FIELD_DECL);
    }

    pub(super) fn enum_spec(&mut self) {
        let m = self.start();
        self.bump();
        self.struct_attributes();
        if self.at(IDENT) {
            self.bump();
        }
        self.struct_attributes();
        if self.at(COLON) {
            // C23 fixed underlying type.
            self.bump();
            self.type_name();
        }
        if self.at(L_BRACE) {
            let l = self.start();
            self.bump();
            let laid_out = self.list_laid_out();
            while !self.at(R_BRACE) && !self.at_eof() && self.fuel() {
                if laid_out && self.at_column0_item() {
                    break;
                }
                let mut list_macro = false;
                if self.at(DOTS) {
                    self.smpl_dots(super::smpl::DotsCtx::Expr);
                } else if self.at(IDENT) && self.nth_at(1, L_PAREN) {
                    // `BCH_DATA_TYPES()`: an X-macro that expands to enumerators (an
                    // enumerator is never followed by `(`).
                    self.list_macro();
                    list_macro = true;
                } else if self.at(IDENT) {
                    let e = self.start();
                    self.bump();
                    self.trailing_attributes();
                    if self.eat(EQ) {
                        self.assign_expr();
                    }
                    e.complete(self, ENUMERATOR);
                } else if !self.at(COMMA) {
                    let e = self.start_error("expected an enumerator");
                    self.skip_balanced_until(&[COMMA, R_BRACE, SEMI]);
                    e.complete(self, ERROR);
                    if self.at(SEMI) {
                        break;
                    }
                }
                if list_macro && self.bol_at(self.pos) {
                    continue; // it supplies its own commas
                }
                if !self.eat(COMMA) && !self.at(R_BRACE) {
                    let e = self.start_error("expected `,` or `}`");
                    self.skip_balanced_until(&[COMMA, R_BRACE, SEMI]);
                    e.complete(self, ERROR);
                    if !self.eat(COMMA) {
                        break;
                    }
                }
            }
            self.close_list(laid_out);
            l.complete(self, ENUMERATOR_LIST);
        }
        m.complete(self, ENUM_SPEC);
    }

    /// A macro call standing for list items (enumerators): MACRO_DECL.
    fn list_macro(&mut self) {
        let m = self.start();
        let name = self.nth_text(0);
        let r = self.start();
        self.bump();
        r.complete(self, NAME_REF);
        self.arg_list(Some(name));
        m.complete(self, MACRO_DECL);
    }

    pub(crate) fn static_assert(&mut self) {
        let m = self.start();
        self.bump();
        if self.eat(L_PAREN) {
            self.assign_expr();
            if self.eat(COMMA) {
                self.assign_expr();
            }
            self.expect_close(R_PAREN);
        }
        self.expect_semi();
        m.complete(self, STATIC_ASSERT);
    }
}
