//! Braces around an unbraced `if`/`else`/loop body that the edits turn into several
//! statements, or `{}` for one they empty.

use crate::edit::{apply_edits, Edit, EditConflict};
use crate::lines::{
    count_statements, is_blank, is_trivia, line_end, line_indent, line_start, shift_block,
};
use crate::rewrite::push_line;
use crate::steps::IndentSteps;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// Sorted, non-overlapping edits that bodies are braced in one after the other: each body
/// looks only at the edits near it, so that bracing many bodies costs n log n.
pub(crate) struct SortedEdits {
    /// Keyed by range, then by the order edits at one range were given in.
    map: BTreeMap<(usize, usize, usize), Edit>,
    next: usize,
}

impl SortedEdits {
    /// `edits` sorted as [`crate::normalize_edits`] leaves them.
    pub(crate) fn new(edits: Vec<Edit>) -> Self {
        let next = edits.len();
        let map = edits
            .into_iter()
            .enumerate()
            .map(|(i, e)| ((e.range.start, e.range.end, i), e))
            .collect();
        SortedEdits { map, next }
    }

    pub(crate) fn into_vec(self) -> Vec<Edit> {
        self.map.into_values().collect()
    }

    /// The edits that touch `region` (reach into it or end or start at its edges), in order.
    fn near(&self, region: &Range<usize>) -> Vec<((usize, usize, usize), &Edit)> {
        // Non-overlapping and sorted by start: their ends never decrease either.
        let mut near: Vec<_> = self
            .map
            .range(..=(region.end, usize::MAX, usize::MAX))
            .rev()
            .take_while(|(_, e)| e.range.end >= region.start)
            .map(|(k, e)| (*k, e))
            .collect();
        near.reverse();
        near
    }

    fn replace(&mut self, gone: &[(usize, usize, usize)], edit: Edit) {
        for key in gone {
            self.map.remove(key);
        }
        self.map
            .insert((edit.range.start, edit.range.end, self.next), edit);
        self.next += 1;
    }
}

/// Code added after whole statements: the statements' starts, by edit.
pub(crate) type Enclosing = HashMap<Edit, Vec<usize>>;

/// Where the controlling header (`if (x)`, `else`) ends before the body at `body_start`: a
/// comment on the header's line stays with it (`if (x) /* set */ {`), comments on lines of
/// their own go into the braces with the body, as spatch lays them out.
fn header_end(text: &str, body_start: usize) -> usize {
    let mut end = text[..body_start].trim_end().len();
    loop {
        let ls = line_start(text, end.saturating_sub(1));
        let line = &text[ls..end];
        let comment_start = if line.trim_start().starts_with("//") {
            Some(end - line.trim_start().len())
        } else if text[..end].ends_with("*/") {
            text[..end - 2].rfind("/*")
        } else {
            None
        };
        match comment_start {
            Some(cs) if line_start(text, cs) > 0 && is_blank(&text[line_start(text, cs)..cs]) => {
                end = text[..cs].trim_end().len();
            }
            _ => return end,
        }
    }
}

/// Wraps an unbraced body in braces when the edits leave it with several statements. The body
/// region runs from the end of the controlling header (`)` or `else`) to the end of the body's
/// last line; edits crossing its boundary leave it alone.
pub(crate) fn brace_body(
    text: &str,
    root: &c_parser::SyntaxNode,
    body: Range<usize>,
    statement_start: Option<usize>,
    edits: &mut SortedEdits,
    enclosing: &Enclosing,
    steps: &IndentSteps,
) -> Result<(), EditConflict> {
    if body.start > body.end
        || body.end > text.len()
        || !text.is_char_boundary(body.start)
        || !text.is_char_boundary(body.end)
    {
        return Ok(());
    }
    let header_end = header_end(text, body.start);
    let le = line_end(text, body.end.saturating_sub(1).max(body.start));
    // The region takes the rest of the body's last line only when nothing else is on it (a
    // `while (...)` of a `do`, an `else`, a closing brace stay after the new `}`).
    let rest_blank = is_blank(&text[body.end.min(le)..le]);
    // With code after the body on its line, the spaces before that code are part of the
    // region (removed code takes them along); one space is put back after the new `}`.
    let spaces_after = text[body.end.min(le)..le].len()
        - text[body.end.min(le)..le]
            .trim_start_matches([' ', '\t'])
            .len();
    let region = header_end..if !rest_blank {
        body.end + spaces_after
    } else if le < text.len() {
        le + 1
    } else {
        le
    };
    // Code added after a statement that contains this body is not in the body.
    let after_enclosing = |e: &Edit| {
        enclosing
            .get(e)
            .is_some_and(|starts| starts.iter().any(|&s| s < body.start))
    };
    // Code added after a statement of the body, on the line after it, is in the body.
    let after_inner = |e: &Edit| {
        enclosing
            .get(e)
            .is_some_and(|starts| starts.iter().all(|&s| s >= body.start))
    };
    let inside = |e: &Edit| {
        !after_enclosing(e)
            && region.start <= e.range.start
            && e.range.end <= region.end
            && !(rest_blank && e.range.is_empty() && e.range.start == region.end && !after_inner(e))
    };
    let crosses = |e: &Edit| e.range.start < region.end && e.range.end > region.start && !inside(e);
    let near = edits.near(&region);
    if near.iter().any(|(_, e)| crosses(e)) || !near.iter().any(|(_, e)| inside(e)) {
        return Ok(());
    }
    let gone: Vec<(usize, usize, usize)> = near
        .iter()
        .filter(|(_, e)| inside(e))
        .map(|(k, _)| *k)
        .collect();
    let local: Vec<Edit> = near
        .iter()
        .map(|(_, e)| *e)
        .filter(|e| inside(e))
        .map(|e| {
            Edit::replace(
                e.range.start - region.start..e.range.end - region.start,
                e.replacement.clone(),
            )
        })
        .collect();
    let new_region = apply_edits(&text[region.clone()], &local)?;
    let statements = count_statements(&new_region);
    if statements == 0 && is_trivia(&new_region) {
        // The body's only statement went: an empty block keeps the `if` or loop what it was
        // (spatch writes `{}` where the statement stood).
        let same_line = !text[header_end..body.start].contains('\n');
        let mut empty = if same_line {
            " {}".to_string()
        } else {
            format!("\n{}{{}}", line_indent(text, body.start))
        };
        if rest_blank && region.end > le {
            empty.push('\n');
        } else if !rest_blank && spaces_after > 0 {
            empty.push(' ');
        }
        edits.replace(&gone, Edit::replace(region, empty));
        return Ok(());
    }
    if statements <= 1 {
        return Ok(());
    }
    // The header's statement may span lines (`if (a ||\n    b)`): its first line counts.
    let outer = match statement_start.filter(|&s| s <= body.start && text.is_char_boundary(s)) {
        Some(start) => line_indent(text, start),
        None => crate::lines::statement_indent(text, root, header_end.saturating_sub(1)),
    };
    // Inside the new braces: where the body's own line was indented, if it had its own line
    // deeper than the header; else one step of the file's indentation more.
    let body_indent = line_indent(text, body.start);
    let on_own_lines =
        text[header_end..body.start].contains('\n') && columns(body_indent) > columns(outer);
    let inner = if on_own_lines {
        body_indent.to_string()
    } else {
        format!("{outer}{}", steps.near(text, body.start))
    };
    let mut braced = String::from(" {\n");
    // A body that began on the header's line: its first line stands alone, the lines added
    // after it were indented from the header's line.
    let gap = new_region.len() - new_region.trim_start_matches([' ', '\t']).len();
    let body_lines = match new_region[gap..].split_once('\n') {
        Some((first, rest)) if !first.trim().is_empty() => {
            let mut lines = vec![first.trim_end().to_string()];
            lines.extend(shift_block(rest));
            lines
        }
        None if !new_region.trim().is_empty() => vec![new_region.trim().to_string()],
        // Already on lines of their own inside the header's indentation: they stay as they
        // are, as with spatch (a comment left of the body keeps its column).
        _ if on_own_lines => keep_lines(&new_region),
        _ => shift_block(&new_region),
    };
    // Lines kept as they are carry their own indentation.
    let prefix = if on_own_lines { "" } else { inner.as_str() };
    for line in body_lines {
        push_line(&mut braced, prefix, &line);
        braced.push('\n');
    }
    braced.push_str(closing_indent(text, outer, body.end));
    braced.push('}');
    if rest_blank && region.end > le {
        braced.push('\n');
    } else if !rest_blank && spaces_after > 0 {
        braced.push(' ');
    }
    edits.replace(&gone, Edit::replace(region, braced));
    Ok(())
}

/// The lines of a body between its first and last non-blank line, indentation kept, trailing
/// blanks dropped (blank lines become empty).
fn keep_lines(code: &str) -> Vec<String> {
    let (lines, kept) = crate::lines::trimmed_lines(code);
    lines[kept].iter().map(|l| l.to_string()).collect()
}

/// The indentation of a new closing brace: the statement's, written as the next line of code
/// writes the same column when it does (spatch takes the spelling, tabs or spaces, from the
/// code that follows, in files that mix both, unless that is the enclosing block's `}`).
fn closing_indent<'t>(text: &'t str, statement_indent: &'t str, body_end: usize) -> &'t str {
    let mut at = line_end(text, body_end);
    while at < text.len() {
        let next = at + 1;
        let end = line_end(text, next);
        let code = text[next..end].trim_start();
        // Comments are passed over: spatch reads the spelling from the next code token.
        if code.starts_with("//") {
            at = end;
            continue;
        }
        if code.starts_with("/*") {
            let open = end - code.len();
            let close = text[open + 2..].find("*/").map(|c| open + 2 + c + 2);
            if let Some(close) = close.filter(|&c| is_blank(&text[c..line_end(text, c)])) {
                at = line_end(text, close);
                continue;
            }
        }
        if !is_blank(&text[next..end]) {
            let indent = line_indent(text, next);
            // The enclosing block's own `}` is no statement of this level.
            let closes_block = text[next + indent.len()..end].starts_with('}');
            if !closes_block && columns(indent) == columns(statement_indent) {
                return indent;
            }
            break;
        }
        at = end;
    }
    statement_indent
}

/// The display width of an indentation, tabs to the next multiple of eight.
fn columns(indent: &str) -> usize {
    indent.chars().fold(0, |col, c| {
        if c == '\t' {
            (col / 8 + 1) * 8
        } else {
            col + 1
        }
    })
}
