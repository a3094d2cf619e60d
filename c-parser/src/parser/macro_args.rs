//! Macro arguments that are no expressions, recognised by their shape alone (no macro names):
//! each becomes an opaque, lossless MACRO_ARG node so that the call and the code around it
//! still parse. See docs/design/c-parser-heuristics.md for why none can misread C.

use super::exprs::is_macro_like;
use super::{CompletedMarker, Parser};
use crate::ast::is_assignment_operator;
use crate::ast::Prec;
use crate::syntax_kind::SyntaxKind::{self, *};

/// What a non-expression argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OpaqueArg {
    /// `ASSERT3U(a, ==, b)`: an operator standing alone.
    Operator,
    /// `key_init(k, type, .dev = d)`: designated initializers.
    Designator,
    /// `DEFINE_FREE(name, type, if (_T) kfree(_T))`: a statement.
    Statement,
    /// `struct_group(name, u32 a; u32 b;)`, `FOO(x = 1; y = 2)`: statements or declarations
    /// separated by `;`, running to the end of the argument list.
    StatementList,
    /// `FOO(x, { a = 1; b(); })`: a block.
    Block,
    /// `matroxfb_remove(PMINFO 0)`: an argument prefix macro before a literal.
    Prefixed,
}

/// Tokens that start a statement and never an expression.
fn starts_statement_only(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        IF_KW | FOR_KW | WHILE_KW | DO_KW | SWITCH_KW | GOTO_KW | BREAK_KW | CONTINUE_KW
    )
}

impl<'a> Parser<'a> {
    /// The shape of the argument starting here, when it cannot be an expression; `close` is
    /// the index of the argument list's `)`.
    pub(crate) fn opaque_arg_shape(&self, close: usize) -> Option<OpaqueArg> {
        let k = self.current();
        let next = self.nth(1);
        if (Prec::of_binary_operator(k).is_some()
            || is_assignment_operator(k)
            || matches!(k, DOT | ARROW | QUESTION))
            && matches!(next, COMMA | R_PAREN)
        {
            return Some(OpaqueArg::Operator);
        }
        if k == DOT && next == IDENT || k == L_BRACK && !self.nth_at(1, L_BRACK) {
            return Some(OpaqueArg::Designator);
        }
        if starts_statement_only(k) {
            return Some(OpaqueArg::Statement);
        }
        if k == L_BRACE && self.brace_holds_statements(self.pos) {
            return Some(OpaqueArg::Block);
        }
        if self.semicolon_before(close) || self.initialised_declaration(close) {
            return Some(OpaqueArg::StatementList);
        }
        if k == IDENT
            && matches!(next, INT_NUMBER | FLOAT_NUMBER | CHAR_LIT)
            && is_macro_like(self.nth_text(0))
            && !self.bol_at(self.pos + 1)
        {
            return Some(OpaqueArg::Prefixed);
        }
        None
    }

    /// Is there a `;` outside brackets in the argument that starts here (up to its `,`), or
    /// does a declaration start here whose `;` comes before the list's end? Only for a list
    /// whose `)` is really there (a broken call is left to error recovery).
    fn semicolon_before(&self, close: usize) -> bool {
        if self.kind_at(close) != R_PAREN {
            return false;
        }
        let declaration = self.may_start_declaration() && self.at_declaration_start();
        let mut i = self.pos;
        while i < close {
            match self.kind_at(i) {
                SEMI => return true,
                COMMA if !declaration => return false,
                L_PAREN | L_BRACK | L_BRACE => i = self.matching_close(i),
                _ => {}
            }
            i += 1;
        }
        false
    }

    /// `PDBGG(static unsigned int mask = 0)`: a declaration with an initializer (a type
    /// argument has no `=`).
    fn initialised_declaration(&self, close: usize) -> bool {
        if self.kind_at(close) != R_PAREN
            || !self.may_start_declaration()
            || !self.at_declaration_start()
        {
            return false;
        }
        let mut i = self.pos;
        while i < close {
            match self.kind_at(i) {
                EQ => return true,
                COMMA => return false,
                L_PAREN | L_BRACK | L_BRACE => i = self.matching_close(i),
                _ => {}
            }
            i += 1;
        }
        false
    }

    /// A cheap filter before `at_declaration_start`: a declaration starts with a keyword, or
    /// with a name followed by a name or `*` (`x`, `a->b`, `f(x)` are no declarations).
    fn may_start_declaration(&self) -> bool {
        let k = self.current();
        k != IDENT && super::heuristics::is_decl_keyword(k)
            || k == IDENT && matches!(self.nth(1), IDENT | STAR)
    }

    /// Does the `{` at `open` enclose a `;` at its own level (a block, not an initializer)?
    fn brace_holds_statements(&self, open: usize) -> bool {
        let close = self.matching_close(open);
        let mut i = open + 1;
        while i < close {
            match self.kind_at(i) {
                SEMI => return true,
                L_PAREN | L_BRACK | L_BRACE => i = self.matching_close(i),
                _ => {}
            }
            i += 1;
        }
        false
    }

    /// Parses an argument of the given shape as a MACRO_ARG node.
    pub(crate) fn macro_arg(&mut self, shape: OpaqueArg) -> CompletedMarker {
        let m = self.start();
        let saved = self.in_macro_arg;
        self.in_macro_arg = true;
        match shape {
            OpaqueArg::Operator => self.bump(),
            OpaqueArg::Prefixed => {
                let r = self.start();
                self.bump();
                r.complete(self, NAME_REF);
                self.assign_expr();
            }
            OpaqueArg::Designator => self.initializer_item(),
            OpaqueArg::Statement | OpaqueArg::Block => self.statement(),
            OpaqueArg::StatementList => {
                while !self.at(R_PAREN)
                    && !self.comma_ends_macro_arg()
                    && !self.at_eof()
                    && self.fuel()
                {
                    let before = self.pos;
                    self.statement();
                    if self.pos == before {
                        break;
                    }
                }
            }
        }
        self.in_macro_arg = saved;
        m.complete(self, MACRO_ARG)
    }

    /// In a statement that is a macro argument, the argument list's `,` or `)` may end it.
    pub(crate) fn at_macro_arg_end(&self) -> bool {
        self.in_macro_arg && matches!(self.current(), COMMA | R_PAREN)
    }

    /// In a declaration that is a macro argument, does the `,` here end the argument (no `;`
    /// follows before the list's `)`), rather than separate declarators (`u32 a, b;`)?
    pub(crate) fn comma_ends_macro_arg(&self) -> bool {
        if !self.in_macro_arg || !self.at(COMMA) {
            return false;
        }
        let mut i = self.pos + 1;
        loop {
            match self.kind_at(i) {
                SEMI => return false,
                R_PAREN | R_BRACE | super::EOF => return true,
                L_PAREN | L_BRACK | L_BRACE => i = self.matching_close(i),
                _ => {}
            }
            i += 1;
        }
    }
}
