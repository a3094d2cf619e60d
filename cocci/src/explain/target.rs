//! The place `--explain FILE:LINE` asks about: the code of the line, extended to the end of
//! the simple statement or declaration that starts on it.

use c_parser::{SyntaxKind, SyntaxNode};
use std::ops::Range;

/// The statement at a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// 1-based.
    pub line: usize,
    /// Bytes of the C text: from the line's first non-blank character to the end of its
    /// last, or of the statement starting on the line when it goes on.
    pub range: Range<usize>,
}

/// Why a line cannot be explained.
#[derive(Debug, PartialEq, Eq)]
pub enum TargetError {
    /// The file has fewer lines.
    PastTheEnd { lines: usize },
    /// The line is blank.
    Blank,
}

impl std::fmt::Display for TargetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TargetError::PastTheEnd { lines } => write!(f, "the file has {lines} lines"),
            TargetError::Blank => write!(f, "the line is blank"),
        }
    }
}

impl Target {
    pub fn at_line(text: &str, root: &SyntaxNode, line: usize) -> Result<Target, TargetError> {
        let lines = text.lines().count();
        let Some(start) = line_start(text, line) else {
            return Err(TargetError::PastTheEnd { lines });
        };
        let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
        let code = &text[start..end];
        let first = start + (code.len() - code.trim_start().len());
        let last = start + code.trim_end().len();
        if first >= last {
            return Err(TargetError::Blank);
        }
        let statement_end = statement_starting_at(root, first)
            .map_or(last, |n| usize::from(n.text_range().end()).max(last));
        Ok(Target {
            line,
            range: first..statement_end,
        })
    }
}

/// Byte offset where 1-based line `line` starts.
pub fn line_start(text: &str, line: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    if line == 1 {
        return Some(0);
    }
    let start = text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)?;
    (start < text.len()).then_some(start)
}

/// The largest simple statement or declaration starting at `offset` (a compound statement,
/// `if` or loop is left out: its line is its header).
fn statement_starting_at(root: &SyntaxNode, offset: usize) -> Option<SyntaxNode> {
    let at = u32::try_from(offset).ok()?.into();
    let token = root.token_at_offset(at).right_biased()?;
    token
        .parent_ancestors()
        .take_while(|n| usize::from(n.text_range().start()) >= offset)
        .filter(|n| {
            matches!(
                n.kind(),
                SyntaxKind::EXPR_STMT
                    | SyntaxKind::RETURN_STMT
                    | SyntaxKind::GOTO_STMT
                    | SyntaxKind::MACRO_STMT
                    | SyntaxKind::DECLARATION
            )
        })
        .last()
}

/// A range of a text, in the text after `edits` (sorted, not overlapping): shifted by the
/// edits before it, widened over edits that touch it.
pub fn moved(range: &Range<usize>, edits: &[rewriter::Edit]) -> Range<usize> {
    let start = moved_point(range.start, edits, false);
    let end = moved_point(range.end, edits, true).max(start);
    start..end
}

/// Where offset `at` is after the edits; an edit covering it moves it to the start of its
/// replacement (`at` a start) or to its end (`at` an end), so the range keeps the new code.
fn moved_point(at: usize, edits: &[rewriter::Edit], is_end: bool) -> usize {
    let mut delta: isize = 0;
    for e in edits {
        let grows = e.replacement.len() as isize - e.range.len() as isize;
        if e.range.start >= at && (is_end || e.range.start > at || e.range.end > at) {
            break;
        }
        if e.range.end <= at && (is_end || e.range.start < at) {
            delta += grows;
            continue;
        }
        // The edit covers `at` (or inserts right at a start: the new code joins the range).
        let new_start = e.range.start as isize + delta;
        let new_end = new_start + e.replacement.len() as isize;
        return (if is_end { new_end } else { new_start }).max(0) as usize;
    }
    (at as isize + delta).max(0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str, line: usize) -> Result<Range<usize>, TargetError> {
        let parse = c_parser::parse(text, &c_parser::ParseOptions::default());
        Target::at_line(text, &parse.root, line).map(|t| t.range)
    }

    #[test]
    fn a_statement_over_two_lines_is_taken_whole() {
        let text = "void f(void)\n{\n\tfoo(a,\n\t    b);\n\tbar();\n}\n";
        let r = target(text, 3).unwrap();
        assert_eq!(&text[r], "foo(a,\n\t    b);");
        let r = target(text, 5).unwrap();
        assert_eq!(&text[r], "bar();");
    }

    #[test]
    fn an_if_is_its_header_line() {
        let text = "void f(int x)\n{\n\tif (x) {\n\t\tbar();\n\t}\n}\n";
        let r = target(text, 3).unwrap();
        assert_eq!(&text[r], "if (x) {");
    }

    #[test]
    fn blank_lines_and_lines_past_the_end_are_refused() {
        let text = "int a;\n\nint b;\n";
        assert_eq!(target(text, 2), Err(TargetError::Blank));
        assert_eq!(target(text, 4), Err(TargetError::PastTheEnd { lines: 3 }));
    }

    #[test]
    fn ranges_follow_edits() {
        let edits = vec![
            rewriter::Edit::replace(0..3, "abcdef"),
            rewriter::Edit::replace(10..12, ""),
        ];
        assert_eq!(moved(&(5..8), &edits), 8..11);
        assert_eq!(moved(&(9..14), &edits), 12..15);
        assert_eq!(moved(&(11..20), &edits), 13..21);
    }
}
