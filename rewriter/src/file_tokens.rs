//! The original C file's tokens, read from its tree: the layout's questions about the C code
//! around an edit (what comes before or after a place, what a stretch between removals holds)
//! are answered from the tokens the parser read, not by lexing slices of the text again.
//!
//! A token is found by covering a one-byte range (a bisection per level of the tree), then
//! its neighbours are walked: asking the root for the token at an offset scans a wide node's
//! children one by one (a file's root has thousands), which made such lookups slower than the
//! lexing they replace.

use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken, TextRange, TextSize};
use std::ops::Range;

/// Whitespace, a line break or a comment: what layout passes over. A directive is not (it
/// is a line of its own), nor a token of an inactive branch (it is code to the lexer).
pub fn is_blank_or_comment(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE | SyntaxKind::COMMENT
    )
}

/// The token whose text holds byte `pos`.
pub fn token_holding(root: &SyntaxNode, pos: usize) -> Option<SyntaxToken> {
    let start = u32::try_from(pos).ok()?;
    let byte = TextRange::at(TextSize::from(start), TextSize::from(1));
    if !root.text_range().contains_range(byte) {
        return None;
    }
    match root.covering_element(byte) {
        c_parser::SyntaxElement::Token(t) => Some(t),
        c_parser::SyntaxElement::Node(n) => n.first_token(),
    }
}

/// The token that ends at or holds the byte before `pos`.
pub fn token_before(root: &SyntaxNode, pos: usize) -> Option<SyntaxToken> {
    token_holding(root, pos.checked_sub(1)?)
}

/// The tokens that overlap `range`, in order.
pub fn tokens_over(root: &SyntaxNode, range: Range<usize>) -> impl Iterator<Item = SyntaxToken> {
    let first = if range.is_empty() {
        None
    } else {
        token_holding(root, range.start)
    };
    std::iter::successors(first, SyntaxToken::next_token)
        .take_while(move |t| start_of(t) < range.end)
}

/// The first token from `pos` on that is neither blank nor a comment.
pub fn next_significant(root: &SyntaxNode, pos: usize) -> Option<SyntaxToken> {
    std::iter::successors(token_holding(root, pos), SyntaxToken::next_token)
        .find(|t| !is_blank_or_comment(t.kind()))
}

/// The last token before `pos` that is neither blank nor a comment, if it starts at or after
/// `from` (the walk back stops there).
pub fn prev_significant(root: &SyntaxNode, pos: usize, from: usize) -> Option<SyntaxToken> {
    std::iter::successors(token_before(root, pos), SyntaxToken::prev_token)
        .take_while(|t| end_of(t) > from)
        .find(|t| !is_blank_or_comment(t.kind()))
        .filter(|t| start_of(t) >= from)
}

pub fn start_of(token: &SyntaxToken) -> usize {
    usize::from(token.text_range().start())
}

pub fn end_of(token: &SyntaxToken) -> usize {
    usize::from(token.text_range().end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> SyntaxNode {
        c_parser::parse(text, &c_parser::ParseOptions::default()).root
    }

    fn texts(root: &SyntaxNode, range: Range<usize>) -> Vec<String> {
        tokens_over(root, range)
            .filter(|t| !matches!(t.kind(), SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE))
            .map(|t| t.text().to_string())
            .collect()
    }

    #[test]
    fn tokens_of_a_stretch_include_those_cut_at_its_edges() {
        let text = "int f(void)\n{\n\ta = 1; /* one */\n#ifdef X\n\tb();\n#endif\n}\n";
        let root = tree(text);
        let from = text.find("= 1").unwrap();
        let to = text.find("b()").unwrap();
        assert_eq!(
            texts(&root, from..to),
            ["=", "1", ";", "/* one */", "#ifdef X"]
        );
        // A stretch that starts inside the comment has the comment whole.
        let inside = text.find("one").unwrap();
        assert_eq!(texts(&root, inside..inside + 2), ["/* one */"]);
        assert!(texts(&root, to..to).is_empty());
        assert!(texts(&root, text.len()..text.len() + 4).is_empty());
    }

    #[test]
    fn significant_neighbours_pass_over_comments_only() {
        let text = "void f(void)\n{\n\tg(a, /* x */\n\t  // y\n\t  b);\n#if Z\n#endif\n}\n";
        let root = tree(text);
        let after_a = text.find("a,").unwrap() + 1;
        let next = next_significant(&root, after_a + 1).unwrap();
        assert_eq!(
            (next.text(), start_of(&next)),
            ("b", text.find("b)").unwrap())
        );
        let prev = prev_significant(&root, text.find("b)").unwrap(), 0).unwrap();
        assert_eq!(prev.text(), ",");
        // Not found when the walk back stops before it.
        let line_of_b = text.find("\t  b").unwrap();
        assert!(prev_significant(&root, line_of_b + 3, line_of_b).is_none());
        // A directive is significant.
        let semi = text.find(';').unwrap() + 1;
        assert_eq!(next_significant(&root, semi).unwrap().text(), "#if Z");
        assert_eq!(
            token_before(&root, text.find("a,").unwrap())
                .unwrap()
                .text(),
            "("
        );
    }
}
