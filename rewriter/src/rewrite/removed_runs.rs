//! Removed code in runs: ranges merged across what goes with them, extended to the spacing or
//! the whole lines that leave with them.

use super::Rewrite;
use crate::file_tokens;
use crate::lines::{is_blank, is_trivia, line_end, line_start};
use std::ops::Range;

/// One run of removed code, after merging and line extension.
pub(crate) struct RemovedRun {
    /// The removed tokens (and the trivia between them).
    pub(crate) tokens: Range<usize>,
    /// What is actually deleted: `tokens` plus whitespace, or whole lines.
    pub(crate) extent: Range<usize>,
    pub(crate) whole_lines: bool,
}

impl Rewrite<'_> {
    /// The removals merged into runs, each extended to what is deleted with it.
    pub(super) fn removed_runs(&self) -> Vec<RemovedRun> {
        self.merged_removals()
            .into_iter()
            .map(|tokens| self.run_of(tokens))
            .collect()
    }

    /// The valid removals, sorted, overlapping ones and those only trivia apart merged.
    fn merged_removals(&self) -> Vec<Range<usize>> {
        let text = self.text;
        let mut ranges: Vec<Range<usize>> = self
            .removals
            .iter()
            .filter(|r| {
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
            })
            .cloned()
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in ranges {
            if let Some(last) = merged.last_mut() {
                if r.start <= last.end || self.joins_across_gap(last, &r) {
                    last.end = last.end.max(r.end);
                    continue;
                }
            }
            merged.push(r);
        }
        merged
    }

    /// Whether removed range `next` joins the run ending with `last`, taking what lies between.
    fn joins_across_gap(&self, last: &Range<usize>, next: &Range<usize>) -> bool {
        let text = self.text;
        // Code removed on both sides of a comment takes the comment along; a blank
        // line keeps statements apart (each keeps its own replacement and spacing).
        let gap_range = last.end.min(next.start)..next.start;
        let gap = &text[gap_range.clone()];
        // A statement ending a line ends the run there: the next line's statement is
        // laid out (and braced) on its own.
        // (A comment between two removed statements still goes with them.)
        let statement_ends = gap.contains('\n')
            && is_blank(gap)
            && text[..last.end].trim_end().ends_with([';', '}']);
        // A report marks only what was found: code between stays unmarked.
        if self.marks_only {
            return is_blank(gap) && !has_blank_line(gap) && !statement_ends;
        }
        // A conditional directive between removed code goes with it when the
        // conditional it belongs to is removed too (no `#endif` left alone).
        let closes_removed_conditional = !has_blank_line(gap)
            && file_tokens::only_comments_and_directives(&self.tree, text, gap_range.clone())
            && file_tokens::conditionals_balanced(&self.tree, text, last.start..next.end);
        // A pragma between removed statements goes with them.
        let pragma_between = !has_blank_line(gap)
            && file_tokens::only_comments_and_pragmas(&self.tree, text, gap_range);
        (is_trivia(gap) && !has_blank_line(gap) && !statement_ends)
            || closes_removed_conditional
            || pragma_between
    }

    /// The run of removed `tokens`: whole lines when nothing else is on them, else the tokens
    /// with the blanks on one side, so that the code left around is spaced once.
    fn run_of(&self, tokens: Range<usize>) -> RemovedRun {
        let text = self.text;
        let ls = line_start(text, tokens.start);
        let le = line_end(text, tokens.end);
        let before = &text[ls..tokens.start];
        let after = &text[tokens.end..le];
        // A report marks whole lines, as spatch shows them.
        if is_blank(before) && is_blank(after) || self.marks_only {
            let end = if le < text.len() { le + 1 } else { le };
            return RemovedRun {
                tokens,
                extent: ls..end,
                whole_lines: true,
            };
        }
        let lead = before.len() - before.trim_end_matches([' ', '\t']).len();
        let trail = after.len() - after.trim_start_matches([' ', '\t']).len();
        let extent = if is_blank(before) {
            tokens.start..tokens.end + trail
        } else if is_blank(after) {
            tokens.start - lead..tokens.end
        } else {
            let prev = before.chars().last().unwrap_or(' ');
            let next = after
                .trim_start_matches([' ', '\t'])
                .chars()
                .next()
                .unwrap_or(' ');
            if trail > 0 && (lead > 0 || matches!(prev, '(' | '[')) {
                tokens.start..tokens.end + trail
            } else if lead > 0 && matches!(next, ')' | ']' | ';' | ',') {
                tokens.start - lead..tokens.end
            } else {
                tokens.clone()
            }
        };
        RemovedRun {
            tokens,
            extent,
            whole_lines: false,
        }
    }
}

/// Whether a stretch of text holds an empty line (two line ends with only blanks between).
fn has_blank_line(gap: &str) -> bool {
    // Lines between the gap's first and last newline (called for every gap the layout
    // looks at: no allocation).
    let mut lines = gap.split('\n').skip(1).peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_some() && line.trim().is_empty() {
            return true;
        }
    }
    false
}
