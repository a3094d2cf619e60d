//! Tidying around removed code as spatch's unparser does: dangling list commas and blank
//! lines left behind go too.

use crate::file_tokens;
use crate::lines::{is_blank, is_trivia, line_end, line_start};
use crate::rewrite::{Addition, RemovedRun};
use c_parser::SyntaxNode;

/// The first character after `pos` that is not whitespace or in a comment, with its offset.
fn next_significant(root: &SyntaxNode, pos: usize) -> Option<(usize, char)> {
    let token = file_tokens::next_significant(root, pos)?;
    let first = token.text().chars().next()?;
    Some((file_tokens::start_of(&token), first))
}

/// The last character before `pos` that is not whitespace or in a comment, with its offset.
fn prev_significant(text: &str, root: &SyntaxNode, pos: usize) -> Option<(usize, char)> {
    // Looked for from the line before's start at most a few lines back: enough for list
    // commas.
    let mut from = pos;
    for _ in 0..4 {
        if from == 0 {
            break;
        }
        from = line_start(text, from - 1);
    }
    let token = file_tokens::prev_significant(root, pos, from)?;
    let last = token.text().chars().last()?;
    Some((file_tokens::end_of(&token) - last.len_utf8(), last))
}

/// A list element removed without its comma leaves `(, b)`, `(a, )` or `a, , b`: the comma
/// goes too, as spatch's unparser drops it.
pub(crate) fn drop_dangling_commas(
    text: &str,
    root: &SyntaxNode,
    runs: &mut [RemovedRun],
    taken: &[Vec<&Addition>],
) {
    // End of what earlier runs remove: a comma already taken by one is not taken again.
    let mut claimed = 0usize;
    for (run, mine) in runs.iter_mut().zip(taken) {
        if !mine.is_empty() || run.whole_lines {
            claimed = claimed.max(run.extent.end);
            continue;
        }
        let prev = prev_significant(text, root, run.tokens.start).filter(|&(at, _)| at >= claimed);
        let next = next_significant(root, run.tokens.end);
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
fn comments_above(text: &str, root: &SyntaxNode, at: usize) -> Option<usize> {
    // Comments are looked for this many lines up: longer ones head a section, not a statement.
    const MAX_LINES: usize = 60;
    let mut from = at;
    for _ in 0..MAX_LINES {
        if from == 0 {
            break;
        }
        from = line_start(text, from - 1);
    }
    let code = file_tokens::prev_significant(root, at, from)?;
    let code_end = file_tokens::end_of(&code);
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
pub(crate) fn tidy_blank_lines(
    text: &str,
    root: &SyntaxNode,
    runs: &mut [RemovedRun],
    taken: &[Vec<&Addition>],
) {
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
            if let Some(start) = comments_above(text, root, run.extent.start) {
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
    join_trailing_comments(text, runs, taken);
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

/// Code removed from before a trailing comment: spatch keeps the comment where the code
/// ended, joined to the end of the line before (`first(x);/* about foo */`).
fn join_trailing_comments(text: &str, runs: &mut [RemovedRun], taken: &[Vec<&Addition>]) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> SyntaxNode {
        c_parser::parse(text, &c_parser::ParseOptions::default()).root
    }

    #[test]
    fn significant_characters_around_a_list_element() {
        let text = "void f(void)\n{\n\tg(a, /* one */\n\t  // two\n\t  b,\n\t  c);\n}\n";
        let root = tree(text);
        let b = text.find("b,").unwrap();
        let comma_after_a = text.find("a,").unwrap() + 1;
        assert_eq!(prev_significant(text, &root, b), Some((comma_after_a, ',')));
        assert_eq!(next_significant(&root, b + 1), Some((b + 1, ',')));
        let c_end = text.find("c)").unwrap() + 1;
        assert_eq!(next_significant(&root, c_end), Some((c_end, ')')));
        // Four lines up at most.
        let far = "int x = (1,\n/*\n*/\n/*\n*/\n/*\n*/\n2);\n";
        let two = far.find('2').unwrap();
        assert_eq!(prev_significant(far, &tree(far), two), None);
        assert_eq!(next_significant(&tree(far), far.len()), None);
    }

    #[test]
    fn comments_above_a_statement_after_code() {
        let text = "void f(void)\n{\n\ta();\n\n\t/* about b */\n\t// more\n\tb();\n}\n";
        let root = tree(text);
        let b_line = text.find("\tb();").unwrap();
        assert_eq!(
            comments_above(text, &root, b_line),
            Some(text.find("\t/* about").unwrap())
        );
        // A directive is code: the comments below it are its paragraph's.
        let text = "#include <x.h>\n/* about b */\nint b;\n";
        let b_line = text.find("int b").unwrap();
        assert_eq!(
            comments_above(text, &tree(text), b_line),
            Some(text.find("/*").unwrap())
        );
        // A file's header comment has no code above it; a comment begun on the code's line is
        // not the statement's.
        let text = "/* header */\nint b;\n";
        assert_eq!(
            comments_above(text, &tree(text), text.find("int").unwrap()),
            None
        );
        let text = "int a; /* about a\n\t  goes on */\nint b;\n";
        assert_eq!(
            comments_above(text, &tree(text), text.find("int b").unwrap()),
            None
        );
    }
}
