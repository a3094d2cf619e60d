//! Figures about a parse: which lines are covered by errors, and a compact tree dump.

use crate::{Parse, SyntaxElement, SyntaxError, SyntaxKind, SyntaxNode};
use rowan::NodeOrToken;
use std::fmt::Write;

/// Byte offsets where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

/// The 1-based line of `offset`. The end of a text that ends with a newline belongs to the
/// last line, not to the empty line after it (an error at the end of the file, such as a
/// missing `}`, is reported on a line that exists).
fn line_of(starts: &[usize], text_len: usize, offset: usize) -> usize {
    let line = starts.partition_point(|&s| s <= offset).max(1);
    if line > 1 && offset >= text_len && starts[line - 1] == text_len {
        line - 1
    } else {
        line
    }
}

/// Line ranges (1-based, inclusive, merged) covered by `ERROR` nodes; an empty error node
/// counts for the line it sits on.
pub fn error_line_ranges(parse: &Parse, text: &str) -> Vec<(usize, usize)> {
    line_ranges_of_errors(&parse.errors, text)
}

/// [`error_line_ranges`] of a list of errors (from [`crate::parse_errors`]).
pub fn line_ranges_of_errors(errors: &[SyntaxError], text: &str) -> Vec<(usize, usize)> {
    if errors.is_empty() {
        return Vec::new();
    }
    let starts = line_starts(text);
    let mut ranges: Vec<(usize, usize)> = errors
        .iter()
        .map(|e| {
            let start: usize = e.range.start().into();
            let end: usize = e.range.end().into();
            let last = if end > start { end - 1 } else { start };
            (
                line_of(&starts, text.len(), start),
                line_of(&starts, text.len(), last),
            )
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Number of lines covered by `ERROR` nodes.
pub fn bad_lines(parse: &Parse, text: &str) -> usize {
    error_line_ranges(parse, text)
        .iter()
        .map(|(a, b)| b - a + 1)
        .sum()
}

/// Each error's first line (1-based) and message.
pub fn error_sites(parse: &Parse, text: &str) -> Vec<(usize, String)> {
    sites_of_errors(&parse.errors, text)
}

/// [`error_sites`] of a list of errors (from [`crate::parse_errors`]).
pub fn sites_of_errors(errors: &[SyntaxError], text: &str) -> Vec<(usize, String)> {
    if errors.is_empty() {
        return Vec::new();
    }
    let starts = line_starts(text);
    errors
        .iter()
        .map(|e| {
            let line = line_of(&starts, text.len(), e.range.start().into());
            (line, e.message.clone())
        })
        .collect()
}

/// A compact dump: one node per line, indented, with its significant tokens inline when
/// it has no child nodes; trivia are left out, inactive code is shown as `inactive:"..."`.
pub fn debug_tree(node: &SyntaxNode) -> String {
    let mut out = String::new();
    // Iterative, so that any tree the parser builds can be dumped.
    let mut stack: Vec<(SyntaxElement, usize)> = vec![(NodeOrToken::Node(node.clone()), 0)];
    while let Some((element, depth)) = stack.pop() {
        match element {
            NodeOrToken::Token(t) => {
                let prefix = if t.kind() == SyntaxKind::INACTIVE {
                    "inactive:"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "{:indent$}{prefix}{:?}",
                    "",
                    t.text(),
                    indent = depth * 2
                );
            }
            NodeOrToken::Node(n) => {
                let _ = write!(out, "{:indent$}{:?}", "", n.kind(), indent = depth * 2);
                let shown: Vec<SyntaxElement> = n
                    .children_with_tokens()
                    .filter(|e| !e.kind().is_trivia() || e.kind() == SyntaxKind::INACTIVE)
                    .collect();
                if shown.iter().all(|e| e.as_token().is_some()) {
                    for e in &shown {
                        if let NodeOrToken::Token(t) = e {
                            let prefix = if t.kind() == SyntaxKind::INACTIVE {
                                "inactive:"
                            } else {
                                ""
                            };
                            let _ = write!(out, " {prefix}{:?}", t.text());
                        }
                    }
                    out.push('\n');
                } else {
                    out.push('\n');
                    for e in shown.into_iter().rev() {
                        stack.push((e, depth + 1));
                    }
                }
            }
        }
    }
    out
}
