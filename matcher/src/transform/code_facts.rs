//! What the trees say of a run's code as it is built token by token (the plus tree's tokens,
//! and the C tree's for values bound to metavariables): the kinds of its first and last
//! tokens and whether its braces balance, handed to the rewriter with the code's lines
//! ([`rewriter::AddedCode`]) so that it never reads the code's tokens again.

use super::CCode;
use crate::env::Binding;
use c_parser::SyntaxKind::{self, *};
use rewriter::AddedCode;

#[derive(Default)]
pub(super) struct CodeFacts {
    first: Option<SyntaxKind>,
    last: Option<SyntaxKind>,
    depth: i32,
    closes_unopened: bool,
}

impl CodeFacts {
    /// A token of the plus tree written into the code (a comment and a directive included).
    pub(super) fn token(&mut self, kind: SyntaxKind) {
        self.first.get_or_insert(kind);
        self.last = Some(kind);
        match kind {
            L_BRACE => self.depth += 1,
            R_BRACE => self.depth -= 1,
            _ => {}
        }
        self.closes_unopened |= self.depth < 0;
    }

    /// A value written for a metavariable, of these first and last tokens (none when it is
    /// empty). A value is one node of its tree: its braces balance.
    pub(super) fn value(&mut self, edges: Option<(SyntaxKind, SyntaxKind)>) {
        if let Some((first, last)) = edges {
            self.first.get_or_insert(first);
            self.last = Some(last);
        }
    }

    /// The code of these facts, laid out as `text` (label statements starting `label_lines`).
    pub(super) fn code(self, text: String, label_lines: Vec<usize>) -> AddedCode {
        AddedCode {
            text,
            label_lines,
            first_token: self.first,
            last_token: self.last,
            braces_balance: !self.closes_unopened && self.depth == 0,
        }
    }
}

/// The kinds of the first and last tokens of a bound value: from the C file's tree where the
/// binding lies, else (a value bound by an earlier rule, whose range no longer holds it) from
/// its own parse.
pub(super) fn value_edges(c: &CCode, b: &Binding) -> Option<(SyntaxKind, SyntaxKind)> {
    let significant = |k: &SyntaxKind| !matches!(k, WHITESPACE | NEWLINE);
    let kinds: Vec<SyntaxKind> = if c.text.get(b.range.clone()) == Some(b.text.as_str()) {
        let start = c_parser::TextSize::try_from(b.range.start).ok()?;
        let end = c_parser::TextSize::try_from(b.range.end).ok()?;
        let mut kinds = Vec::new();
        let mut token = c.root.token_at_offset(start).right_biased();
        while let Some(t) = token.filter(|t| t.text_range().start() < end) {
            kinds.push(t.kind());
            token = t.next_token();
        }
        kinds
    } else {
        let parse = c_parser::parse_expression(&b.text, &c_parser::ParseOptions::default());
        parse
            .root
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .map(|t| t.kind())
            .collect()
    };
    let mut significant = kinds.into_iter().filter(significant);
    let first = significant.next()?;
    Some((first, significant.next_back().unwrap_or(first)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_of(
        kinds: &[SyntaxKind],
        values: &[(usize, Option<(SyntaxKind, SyntaxKind)>)],
    ) -> AddedCode {
        let mut facts = CodeFacts::default();
        for (i, k) in kinds.iter().enumerate() {
            for (_, v) in values.iter().filter(|(at, _)| *at == i) {
                facts.value(*v);
            }
            facts.token(*k);
        }
        facts.code(String::new(), Vec::new())
    }

    #[test]
    fn edges_come_from_tokens_and_bound_values() {
        // `S` `}` with S bound to `return x;`.
        let code = facts_of(&[R_BRACE], &[(0, Some((RETURN_KW, SEMI)))]);
        assert_eq!(code.first_token, Some(RETURN_KW));
        assert_eq!(code.last_token, Some(R_BRACE));
        assert!(!code.braces_balance);
        // An empty value leaves the edges to the tokens around it.
        let code = facts_of(&[COMMA, IDENT], &[(0, None)]);
        assert_eq!(code.first_token, Some(COMMA));
        // A comment first.
        let code = facts_of(&[COMMENT, L_BRACE, IDENT, SEMI, R_BRACE], &[]);
        assert_eq!(code.first_token, Some(COMMENT));
        assert!(code.braces_balance);
        assert!(!facts_of(&[R_BRACE, L_BRACE], &[]).braces_balance);
    }
}
