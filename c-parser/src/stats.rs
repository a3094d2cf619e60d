//! Figures about a parse: which lines are covered by errors, and a compact tree dump.

use crate::{Parse, SyntaxKind, SyntaxNode};
use rowan::NodeOrToken;
use std::fmt::Write;

/// Byte offsets where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
    starts
}

fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).max(1)
}

/// Line ranges (1-based, inclusive, merged) covered by `ERROR` nodes; an empty error node
/// counts for the line it sits on.
pub fn error_line_ranges(parse: &Parse, text: &str) -> Vec<(usize, usize)> {
    if parse.errors.is_empty() {
        return Vec::new();
    }
    let starts = line_starts(text);
    let mut ranges: Vec<(usize, usize)> = parse
        .errors
        .iter()
        .map(|e| {
            let start: usize = e.range.start().into();
            let end: usize = e.range.end().into();
            let last = if end > start { end - 1 } else { start };
            (line_of(&starts, start), line_of(&starts, last))
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
    error_line_ranges(parse, text).iter().map(|(a, b)| b - a + 1).sum()
}

/// Each error's first line (1-based) and message.
pub fn error_sites(parse: &Parse, text: &str) -> Vec<(usize, String)> {
    let starts = line_starts(text);
    parse
        .errors
        .iter()
        .map(|e| (line_of(&starts, e.range.start().into()), e.message.clone()))
        .collect()
}

/// A compact dump: one node per line, indented, with its significant tokens inline;
/// trivia are left out.
pub fn debug_tree(node: &SyntaxNode) -> String {
    let mut out = String::new();
    dump(node, 0, &mut out);
    out
}

fn dump(node: &SyntaxNode, depth: usize, out: &mut String) {
    let _ = write!(out, "{:indent$}{:?}", "", node.kind(), indent = depth * 2);
    let mut tokens_inline = String::new();
    let mut has_child_nodes = false;
    for child in node.children_with_tokens() {
        match child {
            NodeOrToken::Token(t) if !t.kind().is_trivia() => {
                let _ = write!(tokens_inline, " {:?}", t.text());
            }
            NodeOrToken::Token(t) if t.kind() == SyntaxKind::INACTIVE => {
                let _ = write!(tokens_inline, " inactive:{:?}", t.text());
            }
            NodeOrToken::Node(_) => has_child_nodes = true,
            _ => {}
        }
    }
    if !has_child_nodes {
        out.push_str(&tokens_inline);
        out.push('\n');
        return;
    }
    out.push('\n');
    for child in node.children_with_tokens() {
        match child {
            NodeOrToken::Node(n) => dump(&n, depth + 1, out),
            NodeOrToken::Token(t) if t.kind() == SyntaxKind::INACTIVE => {
                let _ = writeln!(out, "{:indent$}inactive:{:?}", "", t.text(), indent = (depth + 1) * 2);
            }
            NodeOrToken::Token(t) if !t.kind().is_trivia() => {
                let _ = writeln!(out, "{:indent$}{:?}", "", t.text(), indent = (depth + 1) * 2);
            }
            _ => {}
        }
    }
}
