//! Kept code that loses the statement around it moves out one level.
//!
//! A rule that removes a statement's header but keeps its body (`- if (p != NULL)` above
//! `kfree(p);`, or `- if (x) {` ... `- }`) leaves the body one indentation level too deep.
//! spatch writes the kept lines at the removed statement's level, and so do we: every line
//! that starts inside the kept body loses the body's extra indentation, found on the tree
//! (which statement lost its header, where its body is), never by reading the text for
//! keywords.

use crate::edit::Edit;
use crate::lines::{line_indent, line_start};
use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken};
use std::ops::Range;

/// A statement whose header (and braces) were removed while some of its body is kept.
struct Unwrapped {
    /// The kept body's text: the statement after the header, or a block's inside.
    region: Range<usize>,
    /// The start of the body's first line below the header.
    first_line: usize,
    /// The removed statement's indentation, and what its body had in addition.
    outer: String,
    extra: String,
}

/// The indentation edits that move kept bodies out of their removed statements, with the
/// edits already made inside those bodies laid out at the new level. `removals` are the
/// removed token ranges, `headers_at` the offsets where added code does not end a statement
/// (it may be a header that takes the body), `edits` the sorted, non-overlapping edits made
/// so far.
pub(crate) fn dedent_unwrapped_bodies(
    text: &str,
    tree: &SyntaxNode,
    removals: &[Range<usize>],
    headers_at: &[usize],
    edits: Vec<Edit>,
) -> Vec<Edit> {
    let removed = merged(removals);
    let unwrapped = unwrapped_statements(text, tree, &removed, headers_at);
    if unwrapped.is_empty() {
        return edits;
    }
    let mut out: Vec<Edit> = edits
        .into_iter()
        .map(|e| dedent_replacement(e, text, &unwrapped))
        .collect();
    let mut line_edits = Vec::new();
    for u in &unwrapped {
        let mut next = Some(u.first_line);
        while let Some(ls) = next.filter(|&ls| ls < u.region.end) {
            next = memchr::memchr(b'\n', &text.as_bytes()[ls..]).map(|p| ls + p + 1);
            let cut = ls + u.outer.len()..ls + u.outer.len() + u.extra.len();
            let indented = text[ls..].starts_with(&u.outer)
                && text[ls + u.outer.len()..].starts_with(&u.extra);
            // `out` is sorted and non-overlapping: the one edit that may touch the cut.
            let reach = |e: &Edit| e.range.end.max(e.range.start + 1);
            let i = out.partition_point(|e| reach(e) <= cut.start);
            let touched = out.get(i).is_some_and(|e| e.range.start < cut.end);
            if indented && !touched {
                line_edits.push(Edit::delete(cut));
            }
        }
    }
    out.extend(merge_adjacent(line_edits));
    out.sort_by_key(|e| (e.range.start, e.range.end));
    out
}

/// Removal ranges sorted and merged, touching ones joined.
fn merged(removals: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut sorted: Vec<Range<usize>> =
        removals.iter().filter(|r| !r.is_empty()).cloned().collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn is_removed(removed: &[Range<usize>], t: &SyntaxToken) -> bool {
    let r = t.text_range();
    let (start, end) = (usize::from(r.start()), usize::from(r.end()));
    let i = removed.partition_point(|m| m.end < end);
    removed
        .get(i)
        .is_some_and(|m| m.start <= start && end <= m.end)
}

fn significant_tokens(node: &SyntaxNode) -> impl Iterator<Item = SyntaxToken> {
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
}

/// Statements whose first token is removed, with the header gone and some of the body kept,
/// outermost first.
fn unwrapped_statements(
    text: &str,
    tree: &SyntaxNode,
    removed: &[Range<usize>],
    headers_at: &[usize],
) -> Vec<Unwrapped> {
    let mut found: Vec<Unwrapped> = Vec::new();
    for range in removed {
        // A range outside the text (a caller's mistake) removes nothing the tree has.
        if range.start >= range.end || range.end > text.len() {
            continue;
        }
        let (Ok(start), Ok(end)) = (u32::try_from(range.start), u32::try_from(range.end)) else {
            continue;
        };
        // The tokens the removal covers, walked from its first: linear in its size. The
        // first is found by covering (a bisection per level), not by offset, which scans the
        // children of a wide node such as a file's root one by one.
        let first_byte = c_parser::TextRange::new(start.into(), (start + 1).min(end).into());
        let first_token = match tree.covering_element(first_byte) {
            c_parser::SyntaxElement::Token(t) => Some(t),
            c_parser::SyntaxElement::Node(n) => n.first_token(),
        };
        let firsts = std::iter::successors(first_token, |t| t.next_token())
            .take_while(|t| usize::from(t.text_range().start()) < range.end)
            .filter(|t| {
                matches!(
                    t.kind(),
                    SyntaxKind::IF_KW
                        | SyntaxKind::WHILE_KW
                        | SyntaxKind::FOR_KW
                        | SyntaxKind::L_BRACE
                )
            });
        for first in firsts {
            let Some(statement) = first.parent() else {
                continue;
            };
            if statement.text_range().start() != first.text_range().start() {
                continue;
            }
            if let Some(u) = unwrapped(text, &statement, removed, headers_at) {
                if !found.iter().any(|f| f.region == u.region) {
                    found.push(u);
                }
            }
        }
    }
    found.sort_by_key(|u| (u.region.start, std::cmp::Reverse(u.region.end)));
    found
}

/// The statement's kept body, if its header is removed and no header is added in its place
/// (`- if (a)` `+ if (b)` keeps the body where it is; `- if (a) {` `+ lock();` does not): an
/// `if` without `else`, a loop, or a block whose braces both went.
fn unwrapped(
    text: &str,
    statement: &SyntaxNode,
    removed: &[Range<usize>],
    headers_at: &[usize],
) -> Option<Unwrapped> {
    let kind = statement.kind();
    let region = match kind {
        SyntaxKind::IF_STMT | SyntaxKind::WHILE_STMT | SyntaxKind::FOR_STMT => {
            let has_else = statement
                .children_with_tokens()
                .any(|e| e.kind() == SyntaxKind::ELSE_KW);
            if has_else {
                return None;
            }
            let body = statement
                .children()
                .filter(|c| c_parser::ast::is_stmt(c.kind()))
                .last()?;
            let body_start = usize::from(body.text_range().start());
            let header_removed = significant_tokens(statement)
                .take_while(|t| usize::from(t.text_range().start()) < body_start)
                .all(|t| is_removed(removed, &t));
            if !header_removed {
                return None;
            }
            block_inside(&body, removed).unwrap_or_else(|| body_range(&body))
        }
        SyntaxKind::COMPOUND_STMT => {
            let parent = statement.parent()?;
            if !c_parser::ast::is_stmt(parent.kind()) && parent.kind() != SyntaxKind::COMPOUND_STMT
            {
                // A function body, or a statement expression's block.
                return None;
            }
            block_inside(statement, removed)?
        }
        _ => return None,
    };
    let header = usize::from(statement.text_range().start())..region.start;
    if headers_at
        .iter()
        .any(|a| header.contains(a) || *a == header.end)
    {
        return None;
    }
    let kept = significant_tokens(statement).find(|t| {
        let s = usize::from(t.text_range().start());
        region.start <= s && s < region.end && !is_removed(removed, t)
    })?;
    let kept_at = usize::from(kept.text_range().start());
    let header_at = usize::from(statement.text_range().start());
    let header_line = line_start(text, header_at);
    if line_start(text, kept_at) == header_line {
        return None;
    }
    let first_line = match line_start(text, region.start) {
        on_header if on_header == header_line => {
            header_line + memchr::memchr(b'\n', &text.as_bytes()[header_line..])? + 1
        }
        own => own,
    };
    let outer = line_indent(text, header_at);
    if header_line + outer.len() != header_at {
        // The statement does not start its line.
        return None;
    }
    let inner = line_indent(text, kept_at);
    let extra = inner.strip_prefix(outer).filter(|e| !e.is_empty())?;
    Some(Unwrapped {
        region,
        first_line,
        outer: outer.to_string(),
        extra: extra.to_string(),
    })
}

fn body_range(body: &SyntaxNode) -> Range<usize> {
    usize::from(body.text_range().start())..usize::from(body.text_range().end())
}

/// Inside a block both of whose braces are removed.
fn block_inside(block: &SyntaxNode, removed: &[Range<usize>]) -> Option<Range<usize>> {
    if block.kind() != SyntaxKind::COMPOUND_STMT {
        return None;
    }
    let brace = |kind: SyntaxKind| {
        block
            .children_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| t.kind() == kind)
    };
    let (open, close) = (brace(SyntaxKind::L_BRACE)?, brace(SyntaxKind::R_BRACE)?);
    if !is_removed(removed, &open) || !is_removed(removed, &close) {
        return None;
    }
    Some(usize::from(open.text_range().end())..usize::from(close.text_range().start()))
}

/// Lines an edit inside kept bodies writes go out as many levels as the body's own lines.
fn dedent_replacement(mut edit: Edit, text: &str, unwrapped: &[Unwrapped]) -> Edit {
    if !edit.replacement.contains('\n') && edit.range.start != line_start(text, edit.range.start) {
        return edit;
    }
    for u in unwrapped.iter().rev() {
        if !(u.region.start <= edit.range.start && edit.range.end <= u.region.end) {
            continue;
        }
        let deeper = format!("{}{}", u.outer, u.extra);
        let mut out = String::with_capacity(edit.replacement.len());
        let at_line_start = edit.range.start == line_start(text, edit.range.start);
        for (i, line) in edit.replacement.split_inclusive('\n').enumerate() {
            match line.strip_prefix(&deeper) {
                Some(rest) if i > 0 || at_line_start => {
                    out.push_str(&u.outer);
                    out.push_str(rest);
                }
                _ => out.push_str(line),
            }
        }
        edit.replacement = out;
    }
    edit
}

/// Indentation cuts of one line made by nested bodies are one edit.
fn merge_adjacent(mut edits: Vec<Edit>) -> Vec<Edit> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        match out.last_mut() {
            Some(last) if last.range.end >= e.range.start => {
                last.range.end = last.range.end.max(e.range.end);
            }
            _ => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::Rewrite;

    /// `text` with each listed token (by its text, first occurrence after the previous one,
    /// from `after` on) removed, laid out with the C tree.
    fn removing(text: &str, after: &str, tokens: &[&str]) -> String {
        let parse = c_parser::parse(text, &c_parser::ParseOptions::default());
        let mut rw = Rewrite::with_tree(text, &parse.root);
        let mut from = text.find(after).expect("start in text");
        for t in tokens {
            let at = from + text[from..].find(t).expect("token in text");
            rw.remove(at..at + t.len());
            from = at + t.len();
        }
        rw.apply().expect("edits apply")
    }

    #[test]
    fn nested_unwrapped_statements_add_up() {
        let text =
            "void f(void)\n{\n\tif (a) {\n\t\tif (b) {\n\t\t\tx(a,\n\t\t\t  b);\n\t\t}\n\t}\n}\n";
        let out = removing(
            text,
            "if (a)",
            &["if", "(", "a", ")", "{", "if", "(", "b", ")", "{", "}", "}"],
        );
        assert_eq!(out, "void f(void)\n{\n\tx(a,\n\t  b);\n}\n");
    }

    #[test]
    fn an_if_with_an_else_or_a_body_on_its_line_stays() {
        let text = "void f(void)\n{\n\tif (a)\n\t\tx();\n\telse\n\t\ty();\n\tif (b) z();\n}\n";
        let out = removing(text, "if (b)", &["if", "(", "b", ")"]);
        assert_eq!(
            out,
            "void f(void)\n{\n\tif (a)\n\t\tx();\n\telse\n\t\ty();\n\tz();\n}\n"
        );
        let out = removing(text, "if (a)", &["if", "(", "a", ")"]);
        // The `else` keeps the statement: nothing moves (the rule's result does not parse,
        // which the engine's guard refuses; the layout step leaves the lines alone).
        assert!(out.contains("\n\t\tx();\n\telse\n\t\ty();"), "{out}");
    }

    #[test]
    fn indentation_by_spaces_moves_by_the_body_step() {
        let text = "void f(void)\n{\n        while (busy(d))\n                cpu_relax();\n}\n";
        let out = removing(text, "while", &["while", "(", "busy", "(", "d", ")", ")"]);
        assert_eq!(out, "void f(void)\n{\n        cpu_relax();\n}\n");
    }
}
