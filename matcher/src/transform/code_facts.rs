//! What the trees say of a run's code as it is built token by token (the plus tree's tokens,
//! and the C tree's for values bound to metavariables): the kinds of its first and last
//! tokens and whether its braces balance, handed to the rewriter with the code's lines
//! ([`rewriter::AddedCode`]) so that it never reads the code's tokens again.

use super::CCode;
use crate::env::Binding;
use c_parser::SyntaxKind::{self, *};
use rewriter::statement_count::StatementCount;
use rewriter::AddedCode;

#[derive(Default)]
pub(super) struct CodeFacts<'v> {
    first: Option<SyntaxKind>,
    last: Option<Last<'v>>,
    depth: i32,
    closes_unopened: bool,
    statements: StatementCount,
}

/// The last token so far: its kind, or the last of a bound value, looked up only if it stays
/// the code's last (looking up a value's tokens is most of the cost of these facts).
enum Last<'v> {
    Kind(SyntaxKind),
    Value(&'v Binding),
}

impl<'v> CodeFacts<'v> {
    /// A token of the plus tree written into the code (a comment and a directive included).
    pub(super) fn token(&mut self, kind: SyntaxKind) {
        self.statements.token(kind);
        self.first.get_or_insert(kind);
        self.last = Some(Last::Kind(kind));
        match kind {
            L_BRACE => self.depth += 1,
            R_BRACE => self.depth -= 1,
            _ => {}
        }
        self.closes_unopened |= self.depth < 0;
    }

    /// The value `b` written for a metavariable, in parentheses when `parenthesized`; an
    /// `empty` value adds nothing. A value is one node of its tree: its braces balance. It
    /// holds `statements` statements (a statement list's; none for an expression).
    pub(super) fn value(
        &mut self,
        c: &CCode,
        b: &'v Binding,
        parenthesized: bool,
        empty: bool,
        statements: usize,
    ) {
        if !empty {
            // Its last token is looked up only if it stays the code's last: until then, a
            // statement's end or an operand's.
            let last = if statements > 0 { SEMI } else { IDENT };
            self.statements.value(statements, last);
        }
        if parenthesized {
            self.first.get_or_insert(L_PAREN);
            self.last = Some(Last::Kind(R_PAREN));
        } else if empty {
        } else if self.first.is_none() {
            if let Some((first, last)) = value_edges(c, b) {
                self.first = Some(first);
                self.last = Some(Last::Kind(last));
            }
        } else {
            self.last = Some(Last::Value(b));
        }
    }

    /// The code of these facts, laid out as `text` (label statements starting `label_lines`).
    pub(super) fn code(self, c: &CCode, text: String, label_lines: Vec<usize>) -> AddedCode {
        let last_token = match self.last {
            Some(Last::Kind(kind)) => Some(kind),
            Some(Last::Value(b)) => value_edges(c, b).map(|(_, last)| last),
            None => None,
        };
        // A value's last token is known only now.
        let mut statements = self.statements;
        statements.ends_with(last_token);
        AddedCode {
            text,
            label_lines,
            first_token: self.first,
            last_token,
            braces_balance: !self.closes_unopened && self.depth == 0,
            statements: statements.total(),
            break_marks: Vec::new(),
        }
    }
}

/// Whether plus code given before a token is complete, to go on lines of its own, as its edge
/// tokens say: it ends a statement (`;`, a block's `}`), a label (`:`), or with a comment or a
/// directive, or it starts with a directive.
pub(super) fn is_complete(code: &AddedCode) -> bool {
    matches!(
        code.last_token,
        Some(SEMI | R_BRACE | COLON | COMMENT | DIRECTIVE)
    ) || code.first_token == Some(DIRECTIVE)
}

/// How many statements a value bound to a statement or statement-list metavariable holds:
/// the outermost statements of its range in the C tree, else (a value bound by an earlier
/// rule, whose range no longer holds it) of its own parse as a function's body.
pub(super) fn bound_statements(c: &CCode, b: &Binding) -> usize {
    if b.text.trim().is_empty() {
        return 0;
    }
    if c.text.get(b.range.clone()) == Some(b.text.as_str()) {
        return rewriter::file_tokens::statements_in(c.root, &b.range).len();
    }
    let wrapped = format!("void rcocci_value(void)\n{{\n{}\n}}\n", b.text);
    let parse = c_parser::parse(&wrapped, &c_parser::ParseOptions::default());
    let start = wrapped.find('{').map_or(0, |brace| brace + 2);
    rewriter::file_tokens::statements_in(&parse.root, &(start..start + b.text.len())).len()
}

/// The kinds of the first and last tokens of a bound value: from the C file's tree where the
/// binding lies, else (a value bound by an earlier rule, whose range no longer holds it) from
/// its own parse.
pub(super) fn value_edges(c: &CCode, b: &Binding) -> Option<(SyntaxKind, SyntaxKind)> {
    let blank = |t: &c_parser::SyntaxToken| matches!(t.kind(), WHITESPACE | NEWLINE);
    if c.text.get(b.range.clone()) == Some(b.text.as_str()) {
        // Only the edges are read: a bound function body is thousands of tokens.
        let start = c_parser::TextSize::try_from(b.range.start).ok()?;
        let end = c_parser::TextSize::try_from(b.range.end).ok()?;
        // The tokens holding the first and last bytes, found by range (a binary search at
        // each level of the tree, where looking up an offset scans a wide root's children).
        let token_over = |at: c_parser::TextSize| match c
            .root
            .covering_element(c_parser::TextRange::at(at, 1.into()))
        {
            c_parser::SyntaxElement::Token(t) => Some(t),
            c_parser::SyntaxElement::Node(_) => None,
        };
        if b.range.is_empty() {
            return None;
        }
        let mut first = token_over(start);
        while let Some(t) = first
            .as_ref()
            .filter(|t| blank(t) && t.text_range().end() < end)
        {
            first = t.next_token();
        }
        let mut last = token_over(end - c_parser::TextSize::from(1));
        while let Some(t) = last
            .as_ref()
            .filter(|t| blank(t) && t.text_range().start() > start)
        {
            last = t.prev_token();
        }
        let (first, last) = (first.filter(|t| !blank(t))?, last.filter(|t| !blank(t))?);
        return Some((first.kind(), last.kind()));
    }
    let parse = c_parser::parse_expression(&b.text, &c_parser::ParseOptions::default());
    let mut significant = parse
        .root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !blank(t))
        .map(|t| t.kind());
    let first = significant.next()?;
    Some((first, significant.last().unwrap_or(first)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: &str = "void f(void)\n{\n\treturn x;\n\tg(a, b);\n}\n";

    fn bound(text: &str) -> Binding {
        let start = C.find(text).expect("the bound code");
        Binding {
            text: text.to_string(),
            normalized: String::new(),
            range: start..start + text.len(),
        }
    }

    #[test]
    fn edges_come_from_tokens_and_bound_values_trees() {
        let parse = c_parser::parse(C, &c_parser::ParseOptions::default());
        let c = CCode {
            text: C,
            root: &parse.root,
            macro_body: None,
        };
        let (statement, call) = (bound("return x;"), bound("g(a, b)"));
        // `S }` with S bound to `return x;`.
        let mut facts = CodeFacts::default();
        facts.value(&c, &statement, false, false, 1);
        facts.token(R_BRACE);
        let code = facts.code(&c, String::new(), Vec::new());
        assert_eq!(
            (code.first_token, code.last_token),
            (Some(RETURN_KW), Some(R_BRACE))
        );
        assert!(!code.braces_balance);
        // `y = E` with E bound to `g(a, b)`: its last token is the code's.
        let mut facts = CodeFacts::default();
        facts.token(IDENT);
        facts.token(EQ);
        facts.value(&c, &call, false, false, 0);
        let code = facts.code(&c, String::new(), Vec::new());
        assert_eq!(
            (code.first_token, code.last_token),
            (Some(IDENT), Some(R_PAREN))
        );
        assert!(code.braces_balance);
        // An empty value leaves the edges to the tokens around it; a parenthesised one is
        // `(` ... `)`.
        let mut facts = CodeFacts::default();
        facts.value(&c, &call, false, true, 0);
        facts.token(COMMA);
        facts.value(&c, &statement, true, false, 1);
        let code = facts.code(&c, String::new(), Vec::new());
        assert_eq!(
            (code.first_token, code.last_token),
            (Some(COMMA), Some(R_PAREN))
        );
        // A value whose range no longer holds it: its own parse.
        let moved = Binding {
            text: "h(y);".to_string(),
            ..bound("return x;")
        };
        assert_eq!(value_edges(&c, &moved), Some((IDENT, SEMI)));
        assert_eq!(value_edges(&c, &statement), Some((RETURN_KW, SEMI)));
        // Braces closed before they are opened do not balance.
        let mut facts = CodeFacts::default();
        facts.token(R_BRACE);
        facts.token(L_BRACE);
        assert!(!facts.code(&c, String::new(), Vec::new()).braces_balance);
    }
    #[test]
    fn statements_of_tokens_and_bound_statement_lists() {
        let parse = c_parser::parse(C, &c_parser::ParseOptions::default());
        let c = CCode {
            text: C,
            root: &parse.root,
            macro_body: None,
        };
        let list = bound("return x;\n\tg(a, b);");
        assert_eq!(bound_statements(&c, &list), 2);
        assert_eq!(bound_statements(&c, &bound("return x;")), 1);
        // A list bound by an earlier rule, no longer where its range is: its own parse.
        let moved = Binding {
            text: "a();\nb();\nc();".to_string(),
            ..bound("return x;")
        };
        assert_eq!(bound_statements(&c, &moved), 3);
        // `SL` alone, then `{ SL }`, then `foo(); SL` with a trailing comment.
        let code = |tokens: &[SyntaxKind], at: usize| {
            let mut facts = CodeFacts::default();
            for (i, &k) in tokens.iter().enumerate() {
                if i == at {
                    facts.value(&c, &list, false, false, 2);
                }
                facts.token(k);
            }
            if at == tokens.len() {
                facts.value(&c, &list, false, false, 2);
            }
            facts.code(&c, String::new(), Vec::new()).statements
        };
        assert_eq!(code(&[], 0), 2);
        assert_eq!(code(&[L_BRACE, R_BRACE], 1), 1);
        assert_eq!(code(&[IDENT, L_PAREN, R_PAREN, SEMI, COMMENT], 4), 3);
    }

    #[test]
    fn code_is_complete_when_its_edges_end_a_statement_label_or_line() {
        let complete = |first, last| is_complete(&AddedCode::new("", first, last));
        assert!(complete(Some(IDENT), Some(SEMI)));
        assert!(complete(Some(IF_KW), Some(R_BRACE)));
        assert!(complete(Some(IDENT), Some(COLON)));
        // `foo(); // why` and `foo();` + `#endif`: the comment and directive end lines.
        assert!(complete(Some(IDENT), Some(COMMENT)));
        assert!(complete(Some(IDENT), Some(DIRECTIVE)));
        assert!(complete(Some(DIRECTIVE), Some(IDENT)));
        assert!(!complete(Some(IDENT), Some(R_PAREN)));
        assert!(!complete(Some(IDENT), Some(SLASH)));
        assert!(!complete(Some(IF_KW), Some(L_BRACE)));
        assert!(!complete(None, None));
    }
}
