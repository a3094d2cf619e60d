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

/// Whether a stretch of the file (`text` is its text) holds only comments and preprocessor
/// directives.
pub fn only_comments_and_directives(root: &SyntaxNode, text: &str, range: Range<usize>) -> bool {
    // Blanks alone (most stretches between removed statements): no token to look up.
    if text
        .get(range.clone())
        .is_some_and(|s| s.bytes().all(|b| b.is_ascii_whitespace()))
    {
        return true;
    }
    tokens_over(root, range)
        .all(|t| is_blank_or_comment(t.kind()) || t.kind() == SyntaxKind::DIRECTIVE)
}

/// Whether a stretch of the file holds only comments and `#pragma` lines, and some pragma. A
/// pragma is a statement of the control flow to spatch: code removed on both sides of it
/// (a removed `...`, a removed function) takes it along.
pub fn only_comments_and_pragmas(root: &SyntaxNode, text: &str, range: Range<usize>) -> bool {
    // A pragma starts with `#`: without one the tokens need not be looked up.
    if text
        .get(range.clone())
        .is_none_or(|s| memchr::memchr(b'#', s.as_bytes()).is_none())
    {
        return false;
    }
    let mut pragmas = false;
    for t in tokens_over(root, range) {
        match t.kind() {
            SyntaxKind::DIRECTIVE if directive_word(t.text()) == "pragma" => pragmas = true,
            kind if is_blank_or_comment(kind) => {}
            _ => return false,
        }
    }
    pragmas
}

/// Whether every conditional directive (`#if`, `#ifdef`, `#ifndef`) of a stretch of the file
/// is closed by an `#endif` in it, and every `#endif` (or `#else`, `#elif`) closes one opened
/// in it; and that it holds some.
pub fn conditionals_balanced(root: &SyntaxNode, text: &str, range: Range<usize>) -> bool {
    // A directive starts with `#`: without one the stretch's tokens need not be walked (most
    // stretches between removed statements hold none).
    if text
        .get(range.clone())
        .is_none_or(|s| memchr::memchr(b'#', s.as_bytes()).is_none())
    {
        return false;
    }
    let mut depth = 0usize;
    let mut seen = false;
    let directives = tokens_over(root, range).filter(|t| t.kind() == SyntaxKind::DIRECTIVE);
    for t in directives {
        match directive_word(t.text()) {
            "if" | "ifdef" | "ifndef" => {
                depth += 1;
                seen = true;
            }
            "else" | "elif" | "elifdef" | "elifndef" if depth == 0 => return false,
            "endif" => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    seen && depth == 0
}

/// The name of a directive (`ifdef` of `#  ifdef X`).
fn directive_word(directive: &str) -> &str {
    let word = directive.get(1..).unwrap_or("").trim_start();
    let end = word
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(word.len());
    &word[..end]
}

/// Whether the C line from `line_start` up to `at` ends with `(` or `[` (blanks included): one
/// expression's code put at `at` goes against it.
pub fn ends_with_open_bracket(root: &SyntaxNode, line_start: usize, at: usize) -> bool {
    token_before(root, at).is_some_and(|t| {
        start_of(&t) >= line_start && end_of(&t) == at && matches!(t.text(), "(" | "[")
    })
}

/// Whether the code before `at` is a label's `:` (`out:`, `case 1:`, `default:`).
pub fn ends_with_label(root: &SyntaxNode, at: usize) -> bool {
    token_before(root, at).is_some_and(|t| {
        end_of(&t) == at
            && t.kind() == SyntaxKind::COLON
            && t.parent().is_some_and(|p| {
                matches!(
                    p.kind(),
                    SyntaxKind::LABEL_STMT | SyntaxKind::CASE_LABEL | SyntaxKind::DEFAULT_LABEL
                )
            })
    })
}

/// The outermost statement nodes inside `range`.
pub fn statements_in(root: &SyntaxNode, range: &Range<usize>) -> Vec<SyntaxNode> {
    let (Ok(start), Ok(end)) = (u32::try_from(range.start), u32::try_from(range.end)) else {
        return Vec::new();
    };
    let wanted = c_parser::TextRange::new(start.into(), end.into());
    if range.is_empty() || !root.text_range().contains_range(wanted) {
        return Vec::new();
    }
    let mut top = match root.covering_element(wanted) {
        c_parser::SyntaxElement::Node(n) => n,
        c_parser::SyntaxElement::Token(t) => match t.parent() {
            Some(p) => p,
            None => return Vec::new(),
        },
    };
    // A statement whose range is the body's may hold a node of the same range.
    while let Some(parent) = top
        .parent()
        .filter(|p| wanted.contains_range(p.text_range()))
    {
        top = parent;
    }
    let mut found = Vec::new();
    collect_statements(&top, wanted, &mut found);
    found
}

fn collect_statements(node: &SyntaxNode, wanted: c_parser::TextRange, found: &mut Vec<SyntaxNode>) {
    if wanted.contains_range(node.text_range()) && c_parser::ast::is_stmt(node.kind()) {
        found.push(node.clone());
        return;
    }
    for child in node.children() {
        if child
            .text_range()
            .intersect(wanted)
            .is_some_and(|r| !r.is_empty())
        {
            collect_statements(&child, wanted, found);
        }
    }
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
    #[test]
    fn stretches_of_comments_directives_and_pragmas() {
        let text = "void f(void)\n{\n\ta();\n#ifdef A /* why */\n\t// note\n#pragma once\n\tb();\n#endif\n}\n";
        let root = tree(text);
        let after_a = text.find("a();").unwrap() + 4;
        let before_b = text.find("\tb();").unwrap();
        assert!(only_comments_and_directives(&root, text, after_a..before_b));
        assert!(!only_comments_and_directives(
            &root,
            text,
            after_a..before_b + 2
        ));
        assert!(!only_comments_and_pragmas(&root, text, after_a..before_b));
        let pragma = text.find("\t// note").unwrap();
        assert!(only_comments_and_pragmas(&root, text, pragma..before_b));
        // Comments alone hold no pragma.
        assert!(!only_comments_and_pragmas(&root, text, pragma..pragma + 9));
        // Code of a branch the parser did not take is code, not a directive's.
        let inactive = "int x;\n#if A\nint y = 1;\n#else\nint y = 2;\n#endif\n";
        let root = tree(inactive);
        let from = inactive.find("#else").unwrap();
        assert!(!only_comments_and_directives(
            &root,
            text,
            from..inactive.len()
        ));
    }

    #[test]
    fn conditionals_balance_only_when_each_is_closed_inside() {
        let text = "void f(void)\n{\n\ta();\n#ifdef A\n\tb();\n#else\n\tc();\n#endif\n#ifdef B\n\td();\n#endif /* B */\n}\n";
        let root = tree(text);
        let at = |s: &str| text.find(s).unwrap();
        let balanced = |r: Range<usize>| conditionals_balanced(&root, text, r);
        assert!(balanced(at("a();")..at("#ifdef B")));
        assert!(balanced(at("#ifdef A")..text.len()));
        assert!(!balanced(at("#ifdef A")..at("#else")));
        assert!(!balanced(at("c();")..at("\td();")));
        assert!(!balanced(at("a();")..at("b();")));
        assert!(!balanced(at("a();")..at("#ifdef A")));
        let define = "#define X 1\nint x;\n";
        assert!(!conditionals_balanced(
            &tree(define),
            define,
            0..define.len()
        ));
        // `%:` is a `#` only where the lexer reads it as one, never at a directive's start.
        let digraph = "%:if X\n%:endif\n";
        assert!(!conditionals_balanced(
            &tree(digraph),
            digraph,
            0..digraph.len()
        ));
    }

    #[test]
    fn open_bracket_before_a_place_on_its_line() {
        let text = "void f(void)\n{\n\tx = g(\n\t\ta[ 1);\n\th( /* c */ 2);\n}\n";
        let root = tree(text);
        let open = text.find("g(").unwrap() + 2;
        let ls = |at: usize| text[..at].rfind('\n').map_or(0, |p| p + 1);
        assert!(ends_with_open_bracket(&root, ls(open), open));
        let bracket = text.find("a[").unwrap() + 2;
        assert!(ends_with_open_bracket(&root, ls(bracket), bracket));
        // Blanks or a comment after the bracket, or the bracket on the line before: not.
        assert!(!ends_with_open_bracket(&root, ls(bracket + 1), bracket + 1));
        let comment_end = text.find("*/").unwrap() + 2;
        assert!(!ends_with_open_bracket(&root, ls(comment_end), comment_end));
        let next_line = open + 1;
        assert!(!ends_with_open_bracket(&root, next_line, next_line));
    }
}
