//! The edit for code added beside kept code (no removed run took it).

use super::indentation::indented;
use super::replacement::join_with_indent;
use super::{Addition, LaidEdits, Placement, Rewrite};
use crate::added::AddedLine;
use crate::braces::AddedStatements;
use crate::edit::Edit;
use crate::file_tokens;
use crate::lines::{
    indent_after_open, indent_before_close, is_blank, is_trivia, line_end, line_indent, line_start,
};
use c_parser::SyntaxKind;
use std::ops::Range;

impl Rewrite<'_> {
    /// Addition `i`, which no removed run took: at its place, or, when it goes after a whole
    /// `statement`, with that statement.
    pub(super) fn lay_out_addition_alone(
        &self,
        i: usize,
        statement: Option<&Range<usize>>,
        laid: &mut LaidEdits,
    ) {
        let text = self.text;
        let a = &self.additions[i];
        let Some(stmt) = statement.cloned() else {
            let level = self
                .level_of
                .get(&i)
                .map(|&l| line_indent(text, l).to_string());
            laid.push(
                self.lay_out_addition(a, level),
                AddedStatements::of([&a.code]),
            );
            return;
        };
        // After a whole statement: at the indentation of its first line.
        let indent = line_indent(text, stmt.start).to_string();
        let edit = match self.line_after_inner_body(a, &stmt) {
            Some(next_line) => self.lay_out_lines_at(a, next_line, &indent),
            None => self.lay_out_addition(a, Some(indent)),
        };
        // Code after statements that end together, at one place: one edit, so that the
        // same code after each is not taken for one addition made twice.
        if let Some((last, last_stmt)) = laid.enclosing.last_mut() {
            if *last == edit && *last_stmt != stmt && laid.edits.last() == Some(last) {
                last.replacement.push_str(&edit.replacement);
                if let Some(e) = laid.edits.last_mut() {
                    e.replacement.push_str(&edit.replacement);
                }
                if let Some(n) = laid.statements.last_mut() {
                    *n = n.and(AddedStatements::of([&a.code]));
                }
                return;
            }
        }
        laid.enclosing.push((edit.clone(), stmt));
        laid.push(edit, AddedStatements::of([&a.code]));
    }

    /// Where code after `statement` goes when an unbraced body marked inside the statement
    /// ends where the code is added: on the next line (the end of the body's line is given),
    /// after the braces the body may get (code after the body itself goes inside them).
    fn line_after_inner_body(&self, a: &Addition, statement: &Range<usize>) -> Option<usize> {
        let text = self.text;
        let at = a.at.min(text.len());
        let inner_body_ends_here = self
            .unbraced_bodies
            .iter()
            .any(|(b, _)| b.end == at && b.start > statement.start);
        if a.placement != Placement::LinesAfter
            || !inner_body_ends_here
            || !text.is_char_boundary(at)
            || !is_blank(&text[at..line_end(text, at)])
        {
            return None;
        }
        Some(line_end(text, at))
    }

    /// Whole lines of code inserted after the line ending at `line_end`.
    fn lay_out_lines_at(&self, a: &Addition, line_end: usize, indent: &str) -> Edit {
        let text = self.text;
        let mut out = String::new();
        let at_end = line_end >= text.len();
        for l in indented(indent, &a.code.lines(), &self.step_near(a.at)) {
            if at_end {
                out.push('\n');
            }
            out.push_str(&l);
            if !at_end {
                out.push('\n');
            }
        }
        Edit::insert(line_end.min(text.len()) + usize::from(!at_end), out)
    }

    /// The edit for code added beside kept code.
    fn lay_out_addition(&self, a: &Addition, indent_override: Option<String>) -> Edit {
        let text = self.text;
        let mut at = a.at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        // Lines of one expression given beside code on the same line can only be in-line
        // (`return x` + `== 0` before `;`).
        let placement = match a.placement {
            Placement::LinesBefore
                if a.code.is_expression() && !is_blank(&text[line_start(text, at)..at]) =>
            {
                return Edit::insert(at, format!("{} ", a.code.text.trim()));
            }
            Placement::LinesAfter
                if a.code.is_expression() && !is_trivia(&text[at..line_end(text, at)]) =>
            {
                let code = a.code.text.trim();
                let sep = if a.code.starts_with_separator()
                    || file_tokens::ends_with_open_bracket(&self.tree, line_start(text, at), at)
                {
                    ""
                } else {
                    " "
                };
                return Edit::insert(at, format!("{sep}{code}"));
            }
            p => p,
        };
        match placement {
            Placement::Inline => {
                let code = join_with_indent(&a.code.text, line_indent(text, at));
                Edit::insert(at, code)
            }
            Placement::LinesBefore => {
                let indent = if text[at..].starts_with('}') {
                    indent_before_close(text, at, self.indent_steps())
                } else {
                    line_indent(text, at).to_string()
                };
                let ls = line_start(text, at);
                let lines = a.code.lines();
                if is_blank(&text[ls..at]) {
                    let mut out = String::new();
                    for line in indented(&indent, &lines, &self.step_near(at)) {
                        out.push_str(&line);
                        out.push('\n');
                    }
                    Edit::insert(ls, out)
                } else if let Some(brace) = text[ls..at].trim_end().strip_suffix('{') {
                    self.beside_open_brace(at, ls + brace.len(), &lines)
                } else {
                    let mut out = String::new();
                    for line in &lines {
                        out.push_str(&line.text);
                        out.push('\n');
                        out.push_str(&indent);
                    }
                    Edit::insert(at, out)
                }
            }
            Placement::LinesAfter
                if text[..at].ends_with('{')
                    && !is_trivia(&text[at..line_end(text, at)])
                    && indent_override.is_none() =>
            {
                let code_at =
                    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len();
                self.beside_open_brace(code_at, at - 1, &a.code.lines())
            }
            Placement::LinesAfter => {
                let indent = if let Some(indent) = indent_override {
                    indent
                } else if text[..at].ends_with('{') {
                    indent_after_open(text, at - 1, self.indent_steps())
                } else if file_tokens::ends_with_label(&self.tree, at) {
                    self.indent_after_label(at)
                } else {
                    crate::lines::statement_indent(text, &self.tree, at).to_string()
                };
                // Right after the token: a comment that ended its line now ends the added
                // code's last line, as with spatch.
                let mut out = String::new();
                for line in indented(&indent, &a.code.lines(), &self.step_near(at)) {
                    out.push('\n');
                    out.push_str(&line);
                }
                Edit::insert(at, out)
            }
        }
    }

    /// The indentation of lines added after the label ending at `at`, as spatch lays out
    /// its labeled statement: that of the statement after it when it starts a later line,
    /// else (on the label's line, or none before the next label or `}`) one step inside the
    /// label.
    fn indent_after_label(&self, at: usize) -> String {
        let text = self.text;
        let mut end = line_end(text, at);
        let inside = || format!("{}{}", line_indent(text, at), self.step_near(at));
        if !is_blank(&text[at..end]) {
            return inside();
        }
        while end < text.len() {
            let next = end + 1;
            end = line_end(text, next);
            if is_blank(&text[next..end]) {
                continue;
            }
            let statement_follows =
                file_tokens::next_significant(&self.tree, next).is_some_and(|t| {
                    !matches!(
                        t.kind(),
                        SyntaxKind::R_BRACE | SyntaxKind::CASE_KW | SyntaxKind::DEFAULT_KW
                    )
                });
            if statement_follows {
                return line_indent(text, next).to_string();
            }
            break;
        }
        inside()
    }

    /// Lines added first in a block whose `{` (at `brace`) has code after it on its line
    /// (`f() { return; }`), before that code (at `at`): the first line goes beside the
    /// brace, the others and the code one step inside it, as spatch lays them out.
    fn beside_open_brace(&self, at: usize, brace: usize, lines: &[AddedLine]) -> Edit {
        let indent = indent_after_open(self.text, brace, self.indent_steps());
        let mut out = String::new();
        if let Some((first, rest)) = lines.split_first() {
            out.push_str(&first.text);
            out.push('\n');
            for line in indented(&indent, rest, &self.step_near(at)) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out.push_str(&indent);
        Edit::insert(at, out)
    }
}
