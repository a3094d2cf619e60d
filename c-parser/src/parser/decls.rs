//! Declaration specifiers, declarators, parameters and type names (struct, union and enum
//! bodies are in `records`, initializers in `initializers`).

use super::heuristics::ends_declarator;
use super::{CompletedMarker, Parser};
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::MetaHint;

/// Where a declaration stands, for the typedef-name guesses.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum DeclCtx {
    TopLevel,
    Statement,
    Field,
    Param,
    TypeName,
}

/// What the specifiers said.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Specs {
    pub seen_type: bool,
    /// A typedef name or type metavariable was seen (not just `unsigned`).
    pub named_type: bool,
    pub is_typedef: bool,
    pub any: bool,
}

impl<'a> Parser<'a> {
    /// `static const struct foo __rcu` ... : a DECL_SPECS node (possibly empty).
    pub(crate) fn decl_specs(&mut self, ctx: DeclCtx) -> Specs {
        let m = self.start();
        let mut specs = Specs::default();
        let mut storage = false;
        loop {
            let k = self.current();
            match k {
                TYPEDEF_KW => {
                    specs.is_typedef = true;
                    storage = true;
                    self.bump();
                }
                EXTERN_KW | STATIC_KW | AUTO_KW | REGISTER_KW | THREAD_LOCAL_KW | INLINE_KW
                | NORETURN_KW | EXTENSION_KW | LABEL_KW => {
                    storage = true;
                    self.bump();
                    if k == EXTERN_KW && self.at(STRING) {
                        self.bump(); // extern "C"
                    }
                }
                CONST_KW | VOLATILE_KW | RESTRICT_KW => self.bump(),
                ATOMIC_KW if self.nth_at(1, L_PAREN) => {
                    let a = self.start();
                    self.bump();
                    self.paren_type_or_expr();
                    a.complete(self, TYPEOF_SPEC);
                    specs.seen_type = true;
                }
                ATOMIC_KW => self.bump(),
                VOID_KW | CHAR_KW | SHORT_KW | INT_KW | LONG_KW | FLOAT_KW | DOUBLE_KW
                | SIGNED_KW | UNSIGNED_KW | BOOL_KW | COMPLEX_KW | INT128_KW | AUTO_TYPE_KW => {
                    specs.seen_type = true;
                    self.bump();
                }
                // A structure type is whole: a type metavariable after it is a declared
                // name (`typedef struct { ... } T;`).
                STRUCT_KW | UNION_KW => {
                    self.struct_spec();
                    specs.seen_type = true;
                    specs.named_type = true;
                }
                ENUM_KW => {
                    self.enum_spec();
                    specs.seen_type = true;
                    specs.named_type = true;
                }
                TYPEOF_KW => {
                    let t = self.start();
                    self.bump();
                    if self.at(L_PAREN) {
                        self.paren_type_or_expr();
                    }
                    t.complete(self, TYPEOF_SPEC);
                    specs.seen_type = true;
                }
                ATTRIBUTE_KW | ALIGNAS_KW => self.gnu_attribute(),
                L_BRACK if self.nth_at(1, L_BRACK) => {
                    // C23 `[[attr]]`
                    let a = self.start();
                    self.bump_balanced_group();
                    a.complete(self, ATTRIBUTE);
                }
                IDENT => {
                    if !self.decl_spec_ident(ctx, &mut specs, storage) {
                        break;
                    }
                }
                DISJ_OPEN
                    if self.smpl.is_some()
                        && !specs.seen_type
                        && self.starts_type_name(self.pos, false) =>
                {
                    // A type disjunction `\( int \| long \)`.
                    self.smpl_disj(super::smpl::DisjCtx::Type);
                    specs.seen_type = true;
                }
                _ => break,
            }
            specs.any = true;
        }
        m.complete(self, DECL_SPECS);
        specs
    }

    /// One identifier among the specifiers; false when it is not a specifier.
    fn decl_spec_ident(&mut self, ctx: DeclCtx, specs: &mut Specs, storage: bool) -> bool {
        let name = self.nth_text(0);
        if let Some(hint) = self.smpl_hint(name) {
            if hint == MetaHint::Other {
                if let Some(takes_args) = self.attribute_macro(name) {
                    self.attribute_macro_use(takes_args);
                    return true;
                }
            }
            if hint == MetaHint::Type && (!specs.seen_type || !specs.named_type) {
                let t = self.start();
                self.bump();
                t.complete(self, TYPEDEF_NAME);
                specs.seen_type = true;
                if self.at(L_BRACE) {
                    // `T { ... };`: a structure type metavariable with its fields.
                    self.field_list();
                }
                specs.named_type = true;
                return true;
            }
            return false;
        }
        if let Some(takes_args) = self.attribute_macro(name) {
            self.attribute_macro_use(takes_args);
            return true;
        }
        let next = self.nth(1);
        if !specs.seen_type {
            let type_follows = (super::heuristics::is_decl_keyword(next)
                && !matches!(
                    next,
                    CONST_KW | VOLATILE_KW | RESTRICT_KW | ATOMIC_KW | ATTRIBUTE_KW
                ))
                || (next == IDENT
                    && self.is_known_type(self.nth_text(1))
                    && !self.is_known_type(name)
                    && !matches!(self.nth(2), SEMI | COMMA | R_PAREN | EQ | L_BRACK));
            if type_follows {
                // `SERVER_ONLY struct obd_type *f(...)`, `__visible u32 x`: an annotation
                // macro before the type.
                let t = self.start();
                self.bump();
                t.complete(self, ATTRIBUTE);
                return true;
            }
            if self.is_known_type(name) {
                let t = self.start();
                self.bump();
                t.complete(self, TYPEDEF_NAME);
                specs.seen_type = true;
                return true;
            }
            // `static x;` (implicit int) names x; otherwise an unknown identifier where a
            // type must be is a typedef name.
            let is_name = ends_declarator(next) && storage && ctx != DeclCtx::TypeName
                || (next == L_PAREN
                    && (specs.any || ctx == DeclCtx::TopLevel)
                    && !self.paren_starts_declarator(self.pos + 1));
            if is_name {
                return false;
            }
            let t = self.start();
            self.bump();
            t.complete(self, TYPEDEF_NAME);
            specs.seen_type = true;
            return true;
        }
        // After the type: an unknown identifier followed by another identifier or `*` is an
        // annotation macro (`struct foo __rcu *p`, `int __init foo(void)`).
        match next {
            // `int x __read_mostly;`: x is the name, the annotation follows it.
            IDENT if self.attribute_macro(self.nth_text(1)).is_some() => false,
            IDENT | STAR => {
                let t = self.start();
                self.bump();
                t.complete(self, ATTRIBUTE);
                true
            }
            L_PAREN => {
                let close = self.matching_close(self.pos + 1);
                let after = self.kind_at(close + 1);
                // `int __printf(1, 2) foo(...)`: the annotation and the name on one line.
                let looks_like_params = super::heuristics::is_decl_keyword(self.nth(2))
                    || self.nth_at(2, R_PAREN)
                    || self.bol_at(close + 1)
                    || (after == IDENT && self.attribute_macro(self.text_at(close + 1)).is_some());
                if (matches!(after, IDENT | STAR) && !looks_like_params
                    || self.call_before_declarator(close))
                    && !self.paren_starts_declarator(self.pos + 1)
                {
                    self.attribute_macro_use(true);
                    true
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    /// `__realloc_size(2)\nfoo(...)`: a name whose parentheses hold a literal (which cannot
    /// start a parameter), then a name and `(` that is no known annotation: the first is an
    /// annotation, the second the declarator.
    fn call_before_declarator(&self, close: usize) -> bool {
        self.smpl.is_none()
            && matches!(self.nth(2), INT_NUMBER | STRING | CHAR_LIT)
            && self.kind_at(close) == R_PAREN
            && self.kind_at(close + 1) == IDENT
            && self.kind_at(close + 2) == L_PAREN
            && self.attribute_macro(self.text_at(close + 1)).is_none()
    }

    /// Does the `(` at absolute index `i` open a parenthesised declarator (`(*fp)`)?
    pub(super) fn paren_starts_declarator(&self, i: usize) -> bool {
        matches!(self.kind_at(i + 1), STAR | CARET) || self.kind_at(i + 1) == L_PAREN
    }

    /// `__user`, `__must_hold(&x->lock)`: an ATTRIBUTE node.
    pub(crate) fn attribute_macro_use(&mut self, takes_args: bool) {
        let a = self.start();
        self.bump();
        if self.at(L_PAREN) && (takes_args || !self.nth_at(1, STAR)) {
            self.bump_balanced_group();
        }
        a.complete(self, ATTRIBUTE);
    }

    /// `__attribute__((...))`, `_Alignas(...)`, `asm("reg")`: an ATTRIBUTE node.
    pub(crate) fn gnu_attribute(&mut self) {
        let a = self.start();
        self.bump();
        while matches!(self.current(), VOLATILE_KW | INLINE_KW | GOTO_KW) {
            self.bump();
        }
        if self.at(L_PAREN) {
            self.bump_balanced_group();
        }
        a.complete(self, ATTRIBUTE);
    }

    /// `( type )` or `( expr )` after typeof/_Atomic.
    fn paren_type_or_expr(&mut self) {
        self.bump(); // (
        if self.starts_type_name(self.pos, true) {
            self.type_name();
        } else {
            self.expr();
        }
        self.expect_close(R_PAREN);
    }

    /// Expects a closing bracket; on anything else, skips (as an error) up to it.
    pub(crate) fn expect_close(&mut self, close: SyntaxKind) {
        if self.eat(close) {
            return;
        }
        if self.at_eof() || matches!(self.current(), SEMI | R_BRACE) && close != R_BRACE {
            self.error(format!("expected {}", super::describe(close)));
            return;
        }
        let e = self.start_error(format!("expected {}", super::describe(close)));
        self.skip_balanced_until(&[close, SEMI]);
        e.complete(self, ERROR);
        self.eat(close);
    }

    /// Attributes that follow a declarator or a struct body.
    pub(crate) fn trailing_attributes(&mut self) {
        loop {
            match self.current() {
                ATTRIBUTE_KW | ASM_KW | ALIGNAS_KW => self.gnu_attribute(),
                IDENT => {
                    let name = self.nth_text(0);
                    if self.smpl_hint(name).is_some_and(|h| h != MetaHint::Other) {
                        return;
                    }
                    if let Some(takes_args) = self.attribute_macro(name) {
                        self.attribute_macro_use(takes_args);
                    } else if self.smpl_hint(name).is_some() {
                        return;
                    } else if self.nth_at(1, L_PAREN) {
                        let close = self.matching_close(self.pos + 1);
                        let after = self.kind_at(close + 1);
                        if matches!(after, L_BRACE | SEMI | EQ | COMMA | IDENT | ATTRIBUTE_KW) {
                            self.attribute_macro_use(true);
                        } else {
                            return;
                        }
                    } else if matches!(self.nth(1), L_BRACE | SEMI | EQ | COMMA) {
                        self.attribute_macro_use(false);
                    } else {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    // ---- declarators ----

    /// A (possibly abstract) declarator. Returns the completed outermost node, if any.
    pub(crate) fn declarator(&mut self, ctx: DeclCtx) -> Option<CompletedMarker> {
        if !self.enter() {
            let e = self.start_error("declarator nested too deeply");
            self.skip_balanced_until(&[SEMI, COMMA, R_PAREN]);
            e.complete(self, ERROR);
            return None;
        }
        let result = if self.at(STAR) || self.at(CARET) {
            let m = self.start();
            self.bump();
            self.pointer_qualifiers();
            self.declarator(ctx);
            Some(m.complete(self, POINTER_DECLARATOR))
        } else {
            self.direct_declarator(ctx)
        };
        self.leave();
        result
    }

    fn pointer_qualifiers(&mut self) {
        loop {
            match self.current() {
                CONST_KW | VOLATILE_KW | RESTRICT_KW | ATOMIC_KW => self.bump(),
                ATTRIBUTE_KW => self.gnu_attribute(),
                IDENT => {
                    let name = self.nth_text(0);
                    if self.smpl_hint(name).is_some_and(|h| h != MetaHint::Other) {
                        return;
                    }
                    if let Some(takes_args) = self.attribute_macro(name) {
                        self.attribute_macro_use(takes_args);
                    } else if self.smpl_hint(name).is_some() {
                        return;
                    } else if self.nth_at(1, L_PAREN)
                        && self.call_before_declarator(self.matching_close(self.pos + 1))
                    {
                        self.attribute_macro_use(true);
                    } else if self.nth_at(1, STAR)
                        || self.nth_at(1, IDENT) && self.attribute_macro(self.nth_text(1)).is_none()
                    {
                        let a = self.start();
                        self.bump();
                        a.complete(self, ATTRIBUTE);
                    } else {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    fn direct_declarator(&mut self, ctx: DeclCtx) -> Option<CompletedMarker> {
        let abstract_ok = matches!(ctx, DeclCtx::Param | DeclCtx::TypeName);
        let mut base = match self.current() {
            IDENT | WHEN_KW => {
                let m = self.start();
                self.last_name = Some(self.nth_text(0));
                self.bump_as(IDENT);
                Some(m.complete(self, NAME))
            }
            DISJ_OPEN if self.smpl.is_some() => {
                let d = self.smpl_disj(super::smpl::DisjCtx::Expr);
                Some(CompletedMarker { kind: NAME, ..d })
            }
            L_PAREN
                if !abstract_ok
                    || matches!(self.nth(1), STAR | CARET | L_PAREN | L_BRACK)
                    // `int (n)`, `int (n[2])`: a name that is no type starts a declarator
                    // (C11 6.7.6.3p11 makes a typedef name in parentheses a parameter list).
                    || (self.nth_at(1, IDENT)
                        && ctx == DeclCtx::Param
                        // `SHRINKER_ARGS(sc, nr, gfp)`: a macro's argument list, not a name.
                        && matches!(self.nth(2), R_PAREN | L_PAREN | L_BRACK)
                        && !self.is_known_type(self.nth_text(1))
                        && self.attribute_macro(self.nth_text(1)).is_none()) =>
            {
                let m = self.start();
                self.bump();
                self.declarator(ctx);
                self.trailing_attributes();
                self.expect_close(R_PAREN);
                Some(m.complete(self, PAREN_DECLARATOR))
            }
            _ => None,
        };
        let named = base.is_some_and(|b| b.kind == NAME);
        let mut first_suffix = true;
        loop {
            let k = self.current();
            if first_suffix && named && k == L_PAREN {
                self.declared_function = true;
            }
            first_suffix = false;
            match k {
                L_BRACK => {
                    let m = match base {
                        Some(b) => b.precede(self),
                        None => self.start(),
                    };
                    self.bump();
                    while matches!(
                        self.current(),
                        STATIC_KW | CONST_KW | VOLATILE_KW | RESTRICT_KW
                    ) {
                        self.bump();
                    }
                    if self.at(STAR) && self.nth_at(1, R_BRACK) {
                        self.bump();
                    } else if !self.at(R_BRACK) {
                        self.expr();
                    }
                    self.expect_close(R_BRACK);
                    base = Some(m.complete(self, ARRAY_DECLARATOR));
                }
                L_PAREN => {
                    let m = match base {
                        Some(b) => b.precede(self),
                        None => self.start(),
                    };
                    let (f, n) = (self.declared_function, self.last_name);
                    self.param_list();
                    (self.declared_function, self.last_name) = (f, n);
                    base = Some(m.complete(self, FUNCTION_DECLARATOR));
                }
                _ => break,
            }
        }
        base
    }

    /// `( params )`: a PARAM_LIST.
    pub(crate) fn param_list(&mut self) {
        let m = self.start();
        self.bump(); // (
        while !self.at(R_PAREN) && !self.at_eof() && self.fuel() {
            match self.current() {
                ELLIPSIS => self.bump(),
                DOTS => self.smpl_dots(super::smpl::DotsCtx::Param),
                DISJ_OPEN if self.smpl.is_some() => {
                    self.smpl_disj(super::smpl::DisjCtx::Param);
                }
                SEMI | R_BRACE | L_BRACE => break,
                _ => self.param(),
            }
            if !self.eat(COMMA) {
                break;
            }
        }
        if !self.at(R_PAREN) && !self.at_eof() && !self.at_column0_item() {
            let e = self.start_error("unexpected tokens in parameter list");
            self.skip_balanced_until(&[R_PAREN, SEMI, L_BRACE]);
            e.complete(self, ERROR);
        }
        self.expect(R_PAREN);
        m.complete(self, PARAM_LIST);
    }

    pub(crate) fn param(&mut self) {
        if matches!(
            self.current(),
            INT_NUMBER | FLOAT_NUMBER | CHAR_LIT | STRING | AMP | MINUS | BANG | TILDE
        ) {
            // `static DEFINE_HASHTABLE(keys, 6);`: a declarer macro's arguments, not parameters.
            let m = self.start();
            self.assign_expr();
            m.complete(self, PARAM);
            return;
        }
        let m = self.start();
        let specs = self.decl_specs(DeclCtx::Param);
        if !specs.any && !matches!(self.current(), STAR | L_PAREN | IDENT) {
            m.abandon(self);
            let e = self.start_error("expected a parameter");
            self.skip_balanced_until(&[COMMA, R_PAREN]);
            e.complete(self, ERROR);
            return;
        }
        self.declarator(DeclCtx::Param);
        self.trailing_attributes();
        m.complete(self, PARAM);
    }

    /// A type name (casts, sizeof, type arguments): TYPE_NAME.
    pub(crate) fn type_name(&mut self) -> CompletedMarker {
        let m = self.start();
        self.decl_specs(DeclCtx::TypeName);
        self.declarator(DeclCtx::TypeName);
        m.complete(self, TYPE_NAME)
    }

    /// Does a type name start at absolute index `i`? `in_parens`: it would be followed by `)`
    /// (cast, sizeof), which makes a lone unknown identifier a type only when what follows
    /// the `)` fits.
    pub(crate) fn starts_type_name(&self, i: usize, in_parens: bool) -> bool {
        let k = self.kind_at(i);
        if super::heuristics::is_type_keyword(k) {
            return true;
        }
        if k == DISJ_OPEN && self.smpl.is_some() {
            // `(\(int\|long\))x`: a type disjunction if its first branch is a type.
            let mut j = i + 1;
            while self.kind_at(j) == DISJ_OPEN {
                j += 1;
            }
            let first = self.kind_at(j);
            return super::heuristics::is_type_keyword(first)
                || first == IDENT && self.is_known_type(self.text_at(j));
        }
        if k != IDENT {
            return false;
        }
        let name = self.text_at(i);
        if let Some(hint) = self.smpl_hint(name) {
            return hint == MetaHint::Type;
        }
        let next = self.kind_at(i + 1);
        if self.is_known_type(name) {
            // `(size_t)` yes; `(size_t.x)` no.
            // A typedef declared in this file is a type even before `(`: `(handle (void))`
            // is a function type; a guessed one followed by `(` is more likely a call.
            return matches!(
                next,
                R_PAREN | STAR | IDENT | L_BRACK | CONST_KW | VOLATILE_KW | COMMA
            ) || next == L_PAREN
                && (self.kind_at(i + 2) == STAR || self.is_declared_typedef(name));
        }
        if let Some(takes_args) = self.attribute_macro(name) {
            // `(__force u32)x`: skip the annotation.
            let next = if takes_args && self.kind_at(i + 1) == L_PAREN {
                self.matching_close(i + 1) + 1
            } else {
                i + 1
            };
            return next != i + 1
                || self.kind_at(next) != R_PAREN && self.starts_type_name(next, in_parens);
        }
        if !in_parens {
            return false;
        }
        // `(foo_t *)x`, `(struct_t **)`, `(foo_t const *)`
        let mut j = i + 1;
        if matches!(self.kind_at(j), CONST_KW | VOLATILE_KW) {
            j += 1;
        }
        if self.kind_at(j) == STAR {
            while matches!(self.kind_at(j), STAR | CONST_KW | VOLATILE_KW | RESTRICT_KW) {
                j += 1;
            }
            return self.kind_at(j) == R_PAREN;
        }
        false
    }

    /// `;`, or an error (zero-width when the next token starts a new line).
    pub(crate) fn expect_semi(&mut self) {
        if self.eat(SEMI) || self.at_macro_arg_end() {
            return;
        }
        if self.smpl.is_some() && self.at_smpl_branch_end() {
            // A rule body may end a declaration or statement pattern without `;`.
            return;
        }
        if self.at_eof() || self.at(R_BRACE) || self.bol_at(self.pos) {
            self.error("expected `;`");
            return;
        }
        let e = self.start_error("expected `;`");
        self.skip_balanced_until(&[SEMI]);
        e.complete(self, ERROR);
        self.eat(SEMI);
    }
}
