//! How many statements added code holds at its top level, counted over its tokens' kinds as
//! the trees give them (the plus tree's tokens, the C tree's edges of bound values): an
//! unbraced body that added code makes hold several statements gets braces.

use c_parser::SyntaxKind::{self, *};

/// Counts statements as the code's tokens come: a `;` outside brackets and braces (not
/// before `else`), a `}` closing a block there (not before `;`, `else`, a `do`'s `while` or
/// `,`), and code that ends otherwise (a macro statement) once more. Comments and directives
/// are no statements' tokens.
#[derive(Clone, Debug, Default)]
pub struct StatementCount {
    parens: usize,
    braces: usize,
    count: usize,
    /// A `;` or `}` at the top level, counted unless the next token continues its statement.
    pending: Option<SyntaxKind>,
    last: Option<SyntaxKind>,
}

impl StatementCount {
    /// A token of the code.
    pub fn token(&mut self, kind: SyntaxKind) {
        if matches!(kind, COMMENT | DIRECTIVE | WHITESPACE | NEWLINE) {
            return;
        }
        self.settle(Some(kind));
        match kind {
            L_PAREN | L_BRACK => self.parens += 1,
            R_PAREN | R_BRACK => self.parens = self.parens.saturating_sub(1),
            L_BRACE => self.braces += 1,
            R_BRACE => {
                self.braces = self.braces.saturating_sub(1);
                if self.at_top() {
                    self.pending = Some(R_BRACE);
                }
            }
            SEMI if self.at_top() => self.pending = Some(SEMI),
            _ => {}
        }
        self.last = Some(kind);
    }

    /// A value bound to a metavariable, of `statements` statements (none for an expression),
    /// whose last token is of kind `last`. (No value starts with a token that goes on with the
    /// statement before it.)
    pub fn value(&mut self, statements: usize, last: SyntaxKind) {
        self.settle(Some(IDENT));
        if statements > 0 && self.at_top() {
            // The last one's end is counted as a `;` of the code would be.
            self.count += statements - 1;
            self.pending = Some(if last == R_BRACE { R_BRACE } else { SEMI });
        }
        self.last = Some(last);
    }

    /// The code's last token is of kind `last` (`None`: none; a value's last, known late).
    pub fn ends_with(&mut self, last: Option<SyntaxKind>) {
        self.last = last
            .filter(|k| !matches!(k, COMMENT | DIRECTIVE))
            .or(self.last);
    }

    /// The statements counted, the code having ended.
    pub fn total(&self) -> usize {
        let mut done = self.clone();
        done.settle(None);
        let macro_statement = done.last.is_some_and(|k| !matches!(k, SEMI | R_BRACE));
        done.count + usize::from(macro_statement)
    }

    fn at_top(&self) -> bool {
        self.parens == 0 && self.braces == 0
    }

    /// Counts the pending `;` or `}` unless `next` goes on with its statement.
    fn settle(&mut self, next: Option<SyntaxKind>) {
        let goes_on = match self.pending.take() {
            None => return,
            Some(SEMI) => next == Some(ELSE_KW),
            Some(_) => matches!(next, Some(SEMI | ELSE_KW | WHILE_KW | COMMA)),
        };
        if !goes_on {
            self.count += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(kinds: &[SyntaxKind]) -> usize {
        let mut c = StatementCount::default();
        for &k in kinds {
            c.token(k);
        }
        c.total()
    }

    #[test]
    fn statements_at_the_top_level() {
        // `foo(x); bar(x);`
        let call = [IDENT, L_PAREN, IDENT, R_PAREN, SEMI];
        assert_eq!(count(&call), 1);
        assert_eq!(count(&[&call[..], &call[..]].concat()), 2);
        // `if (a) b(); else c();`, `do { x(); } while (y);`, `{ a(); b(); }`
        let if_else = [
            IF_KW, L_PAREN, IDENT, R_PAREN, IDENT, L_PAREN, R_PAREN, SEMI, ELSE_KW, IDENT, L_PAREN,
            R_PAREN, SEMI,
        ];
        assert_eq!(count(&if_else), 1);
        let do_while = [
            DO_KW, L_BRACE, IDENT, L_PAREN, R_PAREN, SEMI, R_BRACE, WHILE_KW, L_PAREN, IDENT,
            R_PAREN, SEMI,
        ];
        assert_eq!(count(&do_while), 1);
        let block = [L_BRACE, IDENT, SEMI, IDENT, SEMI, R_BRACE];
        assert_eq!(count(&block), 1);
        // `for (i = 0; i < n; i++) x();`: its `;` are in parentheses.
        let for_loop = [
            FOR_KW, L_PAREN, IDENT, SEMI, IDENT, SEMI, IDENT, R_PAREN, IDENT, SEMI,
        ];
        assert_eq!(count(&for_loop), 1);
        // A comment alone, a macro statement last, a block opened and not closed.
        assert_eq!(count(&[COMMENT]), 0);
        assert_eq!(
            count(&[IDENT, EQ, INT_NUMBER, SEMI, IDENT, L_PAREN, IDENT, R_PAREN]),
            2
        );
        assert_eq!(count(&[L_BRACE, IDENT, SEMI]), 0);
        assert_eq!(count(&[R_BRACE]), 1);
    }

    #[test]
    fn bound_statements_count_as_their_own() {
        // `S` bound to three statements, then `else` (their last goes on), then `x;`.
        let mut c = StatementCount::default();
        c.value(3, SEMI);
        assert_eq!(c.total(), 3);
        c.token(ELSE_KW);
        c.token(IDENT);
        c.token(SEMI);
        assert_eq!(c.total(), 3);
        // In braces a value's statements are the block's.
        let mut c = StatementCount::default();
        c.token(L_BRACE);
        c.value(2, SEMI);
        c.token(R_BRACE);
        assert_eq!(c.total(), 1);
        // An expression: no statement of its own, a macro statement when last.
        let mut c = StatementCount::default();
        c.value(0, R_PAREN);
        assert_eq!(c.total(), 1);
    }
}
