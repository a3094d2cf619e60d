//! Initializers: an expression, or a brace list of designated or plain items.

use super::Parser;
use crate::syntax_kind::SyntaxKind::*;

impl<'a> Parser<'a> {
    pub(crate) fn initializer(&mut self) {
        if self.at(L_BRACE) {
            self.initializer_list();
        } else {
            self.assign_expr();
        }
    }

    pub(crate) fn initializer_list(&mut self) {
        let Some(m) = self.open_brace_list(INITIALIZER_LIST, "initializer nested too deeply")
        else {
            return;
        };
        let laid_out = self.list_laid_out();
        while !self.at(R_BRACE) && !self.at_eof() && self.fuel() {
            if laid_out && self.at_column0_item() {
                break;
            }
            self.initializer_item();
            if self.eat(COMMA) {
                continue;
            }
            if self.bol_at(self.pos) && self.prev_is(R_PAREN) {
                // `DEFINE_CLK_STUB(A)` lines, `{ BCH_DATA_TYPES() NULL }`: X-macros that supply
                // their own commas (two items without a comma are no C otherwise).
                continue;
            }
            if !self.at(R_BRACE) {
                let e = self.start_error("expected `,` or `}` in initializer");
                self.skip_balanced_until(&[COMMA, SEMI]);
                e.complete(self, ERROR);
                if !self.eat(COMMA) {
                    break;
                }
            }
        }
        self.leave();
        self.close_list(laid_out);
        m.complete(self, INITIALIZER_LIST);
    }

    pub(crate) fn initializer_item(&mut self) {
        let designated =
            matches!(self.current(), DOT | L_BRACK) || (self.at(IDENT) && self.nth_at(1, COLON));
        if !designated {
            self.initializer();
            return;
        }
        let m = self.start();
        if self.at(IDENT) {
            let d = self.start();
            self.bump();
            d.complete(self, DESIGNATOR);
            self.bump(); // :
        } else {
            while matches!(self.current(), DOT | L_BRACK) {
                let d = self.start();
                if self.eat(DOT) {
                    if self.at(IDENT) {
                        self.bump();
                    } else {
                        self.error("expected a field name");
                    }
                } else {
                    self.bump(); // [
                    self.cond_expr();
                    if self.at(ELLIPSIS) || self.at(DOTS) {
                        self.bump();
                        self.cond_expr();
                    }
                    self.expect_close(R_BRACK);
                }
                d.complete(self, DESIGNATOR);
            }
            self.eat(EQ);
        }
        self.initializer();
        m.complete(self, DESIGNATED_INIT);
    }
}
