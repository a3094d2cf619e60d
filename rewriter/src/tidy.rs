//! Tidying around removed code as spatch's unparser does: dangling list commas and blank
//! lines left behind go too.

use crate::lines::{is_blank, is_trivia, line_end, line_start};
use crate::rewrite::{Addition, RemovedRun};

/// The first character after `pos` that is not whitespace or in a comment, with its offset.
fn next_significant(text: &str, pos: usize) -> Option<(usize, char)> {
    // A window that doubles until it holds a token: scanning the whole rest of the text for
    // every removed run would make many removals quadratic. A token found in a window is
    // found whole enough (its first character); comments cut by the window's end hide
    // nothing, they only make the window grow.
    let mut len = 256;
    loop {
        let end = crate::lines::floor_boundary(text, (pos + len).min(text.len()));
        let toks = crate::scan::tokens(&text[pos..end]);
        let found = toks
            .iter()
            .find(|t| t.kind != crate::scan::TokKind::Comment)
            .and_then(|t| t.text.chars().next().map(|c| (pos + t.start, c)));
        if found.is_some() || end == text.len() {
            return found;
        }
        len *= 2;
    }
}

/// The last character before `pos` that is not whitespace or in a comment, with its offset.
fn prev_significant(text: &str, pos: usize) -> Option<(usize, char)> {
    // Scan from the line before's start at most a few lines back: enough for list commas.
    let mut from = pos;
    for _ in 0..4 {
        if from == 0 {
            break;
        }
        from = line_start(text, from - 1);
    }
    let toks = crate::scan::tokens(&text[from..pos]);
    toks.iter()
        .rev()
        .find(|t| t.kind != crate::scan::TokKind::Comment)
        .and_then(|t| {
            t.text
                .chars()
                .last()
                .map(|c| (from + t.start + t.text.len() - c.len_utf8(), c))
        })
}

/// A list element removed without its comma leaves `(, b)`, `(a, )` or `a, , b`: the comma
/// goes too, as spatch's unparser drops it.
pub(crate) fn drop_dangling_commas(text: &str, runs: &mut [RemovedRun], taken: &[Vec<&Addition>]) {
    // End of what earlier runs remove: a comma already taken by one is not taken again.
    let mut claimed = 0usize;
    for (run, mine) in runs.iter_mut().zip(taken) {
        if !mine.is_empty() || run.whole_lines {
            claimed = claimed.max(run.extent.end);
            continue;
        }
        let prev = prev_significant(text, run.tokens.start).filter(|&(at, _)| at >= claimed);
        let next = next_significant(text, run.tokens.end);
        let prev_is_open = prev.is_none() && claimed > 0 && claimed <= run.tokens.start;
        match (prev, next) {
            // A brace list (initializer, enum) may end with a comma: `{ a, b }` minus `b`
            // keeps it, as spatch does.
            (Some((comma, ',')), Some((_, ',' | ')' | ']'))) => {
                // `a, b, c` minus `b`: the comma before goes, the one after stays.
                run.tokens.start = comma;
                run.extent = comma..run.tokens.end;
            }
            (Some((_, '(' | '[' | '{')), Some((comma, ','))) | (None, Some((comma, ',')))
                if prev.is_some() || prev_is_open =>
            {
                // `(x, a)` minus `x`: the comma after goes, with the spaces after it.
                let after = &text[comma + 1..];
                let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
                run.extent = run.tokens.start..comma + 1 + spaces;
                run.tokens.end = comma + 1;
            }
            _ => {}
        }
        claimed = claimed.max(run.extent.end);
    }
}

/// What a line next to removed lines is, for tidying blank lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Neighbour {
    Blank,
    /// A line ending a block's opening (`{`).
    Open,
    /// A line starting with a block's `}`.
    Close,
    Code,
    /// Start or end of the text.
    Edge,
}

fn neighbour(line: Option<&str>) -> Neighbour {
    match line {
        None => Neighbour::Edge,
        Some(l) if is_blank(l) => Neighbour::Blank,
        Some(l) if l.trim_end().ends_with('{') => Neighbour::Open,
        Some(l) if l.trim_start().starts_with('}') => Neighbour::Close,
        Some(_) => Neighbour::Code,
    }
}

/// Whether the line before the one starting at `line` opens a block (`{` ends it).
fn start_of_block(text: &str, line: usize) -> bool {
    line > 0 && neighbour(Some(&text[line_start(text, line - 1)..line - 1])) == Neighbour::Open
}

/// The first line from `below_start` on that is not removed: its end and its text.
fn line_after_gone<'t>(
    text: &'t str,
    mut below_start: usize,
    is_gone: &impl Fn(usize, usize) -> bool,
) -> Option<(usize, &'t str)> {
    loop {
        if below_start >= text.len() {
            return None;
        }
        let end = line_end(text, below_start);
        let with_newline = if end < text.len() { end + 1 } else { end };
        if is_gone(below_start, with_newline) && with_newline > below_start {
            below_start = with_newline;
            continue;
        }
        return Some((end, &text[below_start..end]));
    }
}

/// Start of the comments between the code before the line starting at `at` and that line
/// (blank lines may separate them): as in spatch, comments over code that goes with its
/// paragraph go too. `None` when there are none, or no code before them (a file's header).
fn comments_above(text: &str, at: usize) -> Option<usize> {
    // Comments are looked for this many lines up: longer ones head a section, not a statement.
    const MAX_LINES: usize = 60;
    let mut from = at;
    for _ in 0..MAX_LINES {
        if from == 0 {
            break;
        }
        from = line_start(text, from - 1);
    }
    let toks = crate::scan::tokens(&text[from..at]);
    let code = toks
        .iter()
        .rev()
        .find(|t| t.kind != crate::scan::TokKind::Comment)?;
    let code_end = from + code.start + code.text.len();
    let mut start = line_end(text, code_end) + 1;
    while start < at && is_blank(&text[start..line_end(text, start)]) {
        start = line_end(text, start) + 1;
    }
    let region = text.get(start..at)?;
    let opens = region.starts_with([' ', '\t', '/'])
        && (region.trim_start().starts_with("/*") || region.trim_start().starts_with("//"));
    (start < at && opens && is_trivia(region)).then_some(start)
}

/// When whole lines go without replacement, spatch also drops a blank line that would be left
/// at the start of a block or doubled (the one after), or left before a block's `}` or at the
/// end of the file (the one before); a block's first paragraph, between blank lines, takes
/// both with it.
pub(crate) fn tidy_blank_lines(text: &str, runs: &mut [RemovedRun], taken: &[Vec<&Addition>]) {
    // Lines that go entirely (whole-line runs without replacement): neighbours are looked for
    // beyond them, as if those runs were one.
    let gone: Vec<std::ops::Range<usize>> = runs
        .iter()
        .zip(taken)
        .filter(|(r, m)| r.whole_lines && m.is_empty())
        .map(|(r, _)| r.extent.clone())
        .collect();
    // Sorted and disjoint (runs are): the only candidate is the last one starting by `start`.
    let is_gone = |start: usize, end: usize| {
        let i = gone.partition_point(|g| g.start <= start);
        i > 0 && end <= gone[i - 1].end
    };
    for (run, mine) in runs.iter_mut().zip(taken) {
        if !run.whole_lines || !mine.is_empty() || run.extent.end > text.len() {
            continue;
        }
        let below_start_of_run = run.extent.end;
        let mut above_end = run.extent.start;
        if !matches!(
            neighbour(line_after_gone(text, below_start_of_run, &is_gone).map(|(_, l)| l)),
            Neighbour::Code | Neighbour::Open
        ) {
            if let Some(start) = comments_above(text, run.extent.start) {
                run.extent.start = start;
                above_end = start;
            }
        }
        let prev_line = loop {
            if above_end == 0 {
                break None;
            }
            let start = line_start(text, above_end - 1);
            if is_gone(start, above_end) && start < above_end {
                above_end = start;
                continue;
            }
            break Some((start, &text[start..above_end - 1]));
        };
        let next_line = line_after_gone(text, run.extent.end, &is_gone);
        let above = neighbour(prev_line.map(|(_, l)| l));
        let below = neighbour(next_line.map(|(_, l)| l));
        // A block's first paragraph went: the blank lines around it go too (with code
        // right below, the block keeps its opening blank line).
        if let Some((start, _)) = prev_line {
            if (above, below) == (Neighbour::Blank, Neighbour::Blank) && start_of_block(text, start)
            {
                run.extent.start = start;
            }
        }
        match (above, below) {
            (Neighbour::Blank | Neighbour::Open, Neighbour::Blank) => {
                if let Some((end, _)) = next_line {
                    run.extent.end = if end < text.len() { end + 1 } else { end };
                }
            }
            (Neighbour::Blank, Neighbour::Close | Neighbour::Edge) => {
                if let Some((start, _)) = prev_line {
                    run.extent.start = start;
                }
            }
            _ => {}
        }
    }
    // Code removed from before a trailing comment: spatch keeps the comment where the code
    // ended, joined to the end of the line before (`first(x);/* about foo */`).
    for i in 0..runs.len() {
        if runs[i].whole_lines || !taken[i].is_empty() {
            continue;
        }
        let ls = line_start(text, runs[i].tokens.start);
        let rest = &text[runs[i].tokens.end..line_end(text, runs[i].tokens.end)];
        if ls > 0 && is_blank(&text[ls..runs[i].tokens.start]) && !is_blank(rest) && is_trivia(rest)
        {
            // Lines removed just above (by earlier runs) are passed over: the comment joins
            // the last line that stays, and those runs are taken into this one.
            let mut start = ls;
            let mut j = i;
            while j > 0
                && runs[j - 1].whole_lines
                && taken[j - 1].is_empty()
                && runs[j - 1].extent.end == start
            {
                j -= 1;
                start = runs[j].extent.start;
            }
            for taken_over in &mut runs[j..i] {
                let at = taken_over.extent.start;
                taken_over.extent = at..at;
            }
            if start > 0 {
                runs[i].extent.start = start - 1;
            }
        }
    }
    // Two runs may have claimed the same blank line.
    let mut claimed = 0usize;
    for run in runs.iter_mut() {
        if run.extent.is_empty() {
            continue;
        }
        if run.extent.start < claimed {
            run.extent.start = claimed.min(run.extent.end);
        }
        claimed = claimed.max(run.extent.end);
    }
}
