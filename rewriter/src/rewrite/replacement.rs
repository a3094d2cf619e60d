//! The edit for a run of removed code and the added code that takes its place.

use super::indentation::indented;
use super::inline_wrap::wrap_inline;
use super::{Addition, Placement, RemovedRun, Rewrite};
use crate::added::AddedLine;
use crate::edit::Edit;
use crate::lines::{is_blank, is_trivia, line_end, line_indent, line_start};
use crate::wrap::MarkedText;
use std::ops::Range;

impl Rewrite<'_> {
    /// The edit for a run of removed code and the additions that take its place.
    pub(super) fn lay_out_run(&self, run: &RemovedRun, additions: &[&Addition]) -> Edit {
        let text = self.text;
        if additions.is_empty() {
            return Edit::delete(run.extent.clone());
        }
        let indent = line_indent(text, run.tokens.start).to_string();
        if run.whole_lines {
            return self.lay_out_whole_lines(run, additions, &indent);
        }
        // Code continues after the removed tokens on their line (`LASSERT_OLD(` replaced by
        // `LASSERT(` before `x);`): added code that does not end a statement joins it.
        let code_follows = !is_trivia(&text[run.tokens.end..line_end(text, run.tokens.end)]);
        let expression_only = additions.iter().all(|a| a.code.is_expression());
        if additions.iter().any(|a| a.placement == Placement::Inline)
            || (code_follows && expression_only)
        {
            return self.lay_out_in_line(run, additions, &indent);
        }
        self.lay_out_lines_in_line(run, additions, &indent)
    }

    /// Removed lines replaced by the additions' lines.
    fn lay_out_whole_lines(&self, run: &RemovedRun, additions: &[&Addition], indent: &str) -> Edit {
        let text = self.text;
        let mut out = String::new();
        let step = self.step_near(run.tokens.start);
        // Additions anchored on different lines of the run (two statements replaced one
        // after the other) keep the indentation of their own line.
        let mut groups: Vec<(usize, Vec<&Addition>)> = Vec::new();
        for a in additions {
            let anchor_line = line_start(text, a.at.clamp(run.tokens.start, run.tokens.end));
            match groups.last_mut() {
                Some((line, group)) if *line == anchor_line || a.placement == Placement::Inline => {
                    group.push(a)
                }
                _ => groups.push((anchor_line, vec![a])),
            }
        }
        for (anchor_line, group) in groups {
            let group_indent = line_indent(text, anchor_line);
            let group_indent = if group_indent.is_empty() {
                indent
            } else {
                group_indent
            };
            for line in indented(group_indent, &addition_lines(&group), &step) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        if run.extent.end == text.len() && !text.ends_with('\n') {
            out.pop();
        }
        Edit::replace(run.extent.clone(), out)
    }

    /// Code replaced inside a line: the surrounding spacing kept exactly.
    fn lay_out_in_line(&self, run: &RemovedRun, additions: &[&Addition], indent: &str) -> Edit {
        let text = self.text;
        let ls = line_start(text, run.tokens.start);
        let mut marked = MarkedText::default();
        for a in additions {
            marked.join_apart(
                &join_with_indent(&a.code.text, indent),
                &a.code.break_marks,
                a.code.last_token,
            );
        }
        let out = &marked.text;
        let before = &text[ls..run.tokens.start];
        let first_line_rest = &text[run.tokens.start..line_end(text, run.tokens.start)];
        if !is_blank(before)
            && run.tokens.end > line_end(text, run.tokens.start)
            && first_line_rest.trim() == "{"
        {
            // Removed code from the end of one line (`if (a) {`) into the next: the added
            // code goes where the next line's code stood.
            let next = line_end(text, run.tokens.start) + 1;
            let inner = line_indent(text, next).to_string();
            let lead = before.len() - before.trim_end_matches([' ', '\t']).len();
            let out = format!("\n{inner}{}", out.trim_start());
            return Edit::replace(run.tokens.start - lead..run.tokens.end, out);
        }
        let out = if self.unbroken_lines {
            marked.text
        } else {
            wrap_inline(text, &self.tree, run.tokens.clone(), marked)
        };
        Edit::replace(inside_parentheses(text, run.tokens.clone()), out)
    }

    /// Lines of added code where removed code began or ended inside a line.
    fn lay_out_lines_in_line(
        &self,
        run: &RemovedRun,
        additions: &[&Addition],
        indent: &str,
    ) -> Edit {
        let text = self.text;
        let ls = line_start(text, run.tokens.start);
        let step = self.step_near(run.tokens.start);
        let lines = addition_lines(additions);
        let starts_line = is_blank(&text[ls..run.extent.start]);
        let ends_line = is_blank(&text[run.extent.end..line_end(text, run.extent.end)]);
        if !starts_line && ends_line && lines.len() == 1 && !text[run.tokens.clone()].contains('\n')
        {
            // One line of code after kept code on its line (`static` before a replaced
            // declaration, `if (x)` before a replaced call) takes the removed code's place.
            return Edit::replace(run.tokens.clone(), lines[0].text.trim_start().to_string());
        }
        if !starts_line && ends_line {
            // Removed code from the middle of a line (`if (x) {` ...) to the end of a line.
            let replacement = if lines.first().is_some_and(|l| l.text.starts_with('{')) {
                // An added `{` stays on the line the removed code began on.
                let all = indented(indent, &lines, &step);
                let mut out = format!(" {}", all[0].trim_start());
                for line in &all[1..] {
                    out.push('\n');
                    out.push_str(line);
                }
                out
            } else {
                // Lines go where the first removed line stood.
                let inner = text[run.tokens.clone()]
                    .find('\n')
                    .map(|p| line_indent(text, run.tokens.start + p + 1))
                    .filter(|i| !i.is_empty())
                    .unwrap_or(indent)
                    .to_string();
                indented(&inner, &lines, &step)
                    .iter()
                    .map(|l| format!("\n{l}"))
                    .collect()
            };
            return Edit::replace(run.extent.clone(), replacement);
        }
        // The first line continues where the removed code began (after the indentation).
        let body = indented(indent, &lines, &step).join("\n");
        let body = body.strip_prefix(indent).unwrap_or(&body).to_string();
        let rest = &text[run.tokens.end..line_end(text, run.tokens.end)];
        if is_blank(&text[ls..run.tokens.start]) && !is_blank(rest) && is_trivia(rest) {
            // A statement with a trailing comment replaced by lines: the comment stays at the
            // end of the last one (spatch's layout).
            return Edit::replace(run.tokens.clone(), body);
        }
        let replacement = match (starts_line, ends_line) {
            (true, false) => format!("{body}\n{indent}"),
            (false, true) => format!("\n{indent}{body}"),
            _ => body,
        };
        Edit::replace(run.extent.clone(), replacement)
    }
}

/// The lines that a group of additions make, in order: line additions give their own lines,
/// neighbouring in-line additions are joined into one line.
fn addition_lines(additions: &[&Addition]) -> Vec<AddedLine> {
    let mut lines: Vec<AddedLine> = Vec::new();
    let mut inline_open = false;
    // The last token of the code the last line ends with.
    let mut last_token = None;
    for a in additions {
        match a.placement {
            Placement::Inline => {
                let mut parts = a.code.lines().into_iter();
                if inline_open {
                    if let (Some(first), Some(last)) = (parts.next(), lines.last_mut()) {
                        let mut joined = MarkedText {
                            text: std::mem::take(&mut last.text),
                            marks: std::mem::take(&mut last.break_marks),
                            ends_with_callee: crate::wrap::is_callee_end(last_token),
                        };
                        joined.join_apart(&first.text, &first.break_marks, None);
                        last.text = joined.text;
                        last.break_marks = joined.marks;
                    }
                }
                lines.extend(parts);
                inline_open = true;
            }
            _ => {
                lines.extend(a.code.lines());
                inline_open = false;
            }
        }
        if !a.code.text.trim().is_empty() {
            last_token = a.code.last_token;
        }
    }
    lines
}

/// Replaced code right inside parentheses takes the blanks between it and them along, as
/// spatch writes it: `if ( p == NULL )` with the test replaced by `!p` is `if (!p)`.
fn inside_parentheses(text: &str, replaced: Range<usize>) -> Range<usize> {
    let before = &text[..replaced.start];
    // Line breaks too: code replaced at the start of a line right after `(` (the first
    // argument on a line of its own) moves up to the parenthesis, as spatch writes it.
    let left = before.trim_end_matches([' ', '\t', '\n', '\r']);
    let after = &text[replaced.end..];
    let right = after.trim_start_matches([' ', '\t']);
    let start = if left.ends_with('(') {
        left.len()
    } else {
        replaced.start
    };
    let end = if right.starts_with(')') {
        text.len() - right.len()
    } else {
        replaced.end
    };
    start..end
}

/// In-line code is written as it comes: it is mostly code bound to metavariables, copied from
/// the file with its own line breaks (and possibly directives and comments between them).
pub(super) fn join_with_indent(code: &str, _indent: &str) -> String {
    code.to_string()
}
