//! Terms that span preprocessor conditionals (`alloca(3 #ifdef A + 5 #endif)`). c-parser
//! keeps the directive lines as trivia inside the term, so a metavariable bound to it must
//! carry them: the `#endif` that closes a conditional opened inside the term is part of its
//! code (code that moves the term takes it along), and two such terms are the same only when
//! their directives are, as in spatch, where `3 + 5` and `3 #ifdef A + 5 #endif` differ.

use crate::syntax::normalized_text;
use c_parser::{SyntaxElement, SyntaxKind, SyntaxToken};
use std::ops::Range;

/// A bound term's extent and comparison form, its directives taken into account.
pub(crate) struct ConditionalTerm {
    /// Where the term's code ends: after the line of the last `#endif` that closes a
    /// conditional opened inside it, or the end of its last token when there is none.
    pub end: usize,
    /// The comparison form with the directive lines in their places, when the term has any.
    pub normalized: Option<String>,
}

/// The extent and comparison form of the term `el`, whose significant tokens cover `range`.
pub(crate) fn conditional_term(el: &SyntaxElement, range: &Range<usize>) -> ConditionalTerm {
    let plain = ConditionalTerm {
        end: range.end,
        normalized: None,
    };
    let SyntaxElement::Node(node) = el else {
        return plain;
    };
    let tokens: Vec<SyntaxToken> = node
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| {
            let r = t.text_range();
            usize::from(r.start()) >= range.start && usize::from(r.end()) <= range.end
        })
        .collect();
    if !tokens.iter().any(|t| t.kind() == SyntaxKind::DIRECTIVE) {
        return plain;
    }
    let mut open = 0usize;
    let mut words = Vec::new();
    for t in &tokens {
        if t.kind() == SyntaxKind::DIRECTIVE {
            open = balance(open, t.text());
            words.push(t.text().split_whitespace().collect::<Vec<_>>().join(" "));
        } else if !t.kind().is_trivia() {
            words.push(normalized_text(&SyntaxElement::Token(t.clone())));
        }
    }
    let mut end = range.end;
    let mut next = tokens.last().and_then(|t| t.next_token());
    while open > 0 {
        let Some(t) = next.filter(|t| t.kind().is_trivia()) else {
            break;
        };
        if t.kind() == SyntaxKind::DIRECTIVE {
            let before = open;
            open = balance(open, t.text());
            words.push(t.text().split_whitespace().collect::<Vec<_>>().join(" "));
            if open < before {
                end = usize::from(t.text_range().end());
            }
        }
        next = t.next_token();
    }
    ConditionalTerm {
        end: end_of_line(el, end),
        normalized: Some(words.join(" ")),
    }
}

/// The count of open conditionals after the directive `line`.
fn balance(open: usize, line: &str) -> usize {
    let word = line
        .trim_start()
        .strip_prefix('#')
        .map(|rest| rest.trim_start())
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_alphabetic()).next())
        .unwrap_or("");
    match word {
        "if" | "ifdef" | "ifndef" => open + 1,
        "endif" => open.saturating_sub(1),
        _ => open,
    }
}

/// `end`, moved past the newline that ends a directive line there: a directive ends its
/// line, so moved code must not continue on it.
fn end_of_line(el: &SyntaxElement, end: usize) -> usize {
    let root = match el {
        SyntaxElement::Node(n) => n.ancestors().last(),
        SyntaxElement::Token(t) => t.parent_ancestors().last(),
    };
    let newline = root
        .and_then(|r| r.token_at_offset(end.try_into().ok()?).right_biased())
        .filter(|t| t.kind() == SyntaxKind::NEWLINE && usize::from(t.text_range().start()) == end);
    newline.map_or(end, |t| usize::from(t.text_range().end()))
}
