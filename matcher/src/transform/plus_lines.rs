//! The lines of a run of plus code as the rule writes them, with their tree tokens, for
//! [`rewriter::layout::lay_out`] to lay out from the plus tree.

use super::Decorations;
use c_parser::SyntaxToken;
use rewriter::layout::{LineToken, SourceLine};
use rewriter::AddedLine;

/// What the plus tree says of a line's trivia.
#[derive(Clone, Debug, Default)]
pub(super) struct LineTrivia {
    /// A comment is on the line.
    pub(super) comment: bool,
    /// A directive starts on the line.
    pub(super) directive: bool,
    /// The line starts inside a comment or directive begun on an earlier line.
    pub(super) continues_trivia: bool,
    /// The last thing on the line is a `//` comment.
    pub(super) ends_with_line_comment: bool,
}

impl LineTrivia {
    /// A comment token met on the line.
    pub(super) fn comment(&mut self, text: &str) {
        self.comment = true;
        self.ends_with_line_comment = text.starts_with("//");
    }
}

/// The run's lines: `raw` split at its line breaks, each with the tree tokens written on it
/// (`line_tokens`, their texts starting at `token_offsets` in `raw`, in order) and what the
/// tree says of its trivia; `blocks` are the placeholders of statements bound to blocks. A line holding a comment or a directive, or no code, is kept as
/// written; the others are spaced anew from their tokens.
pub(super) fn source_lines(
    raw: &str,
    line_tokens: &[Vec<(SyntaxToken, String)>],
    token_offsets: &[usize],
    trivia: &[LineTrivia],
    decorations: &Decorations,
    blocks: &[String],
) -> Vec<SourceLine> {
    let mut offsets = token_offsets.iter();
    let mut line_start = 0usize;
    let mut out = Vec::new();
    for (n, line) in raw.split('\n').enumerate() {
        let start = line_start;
        line_start += line.len() + 1;
        let line = line.trim_end_matches('\r');
        let written = line.trim_start();
        let indent = &line[..line.len() - written.len()];
        let content_start = start + indent.len();
        let info = trivia.get(n).cloned().unwrap_or_default();
        let tokens = line_tokens.get(n).map_or(&[][..], Vec::as_slice);
        let kept = info.comment || info.directive || tokens.is_empty();
        let tokens = tokens
            .iter()
            .map(|(token, text)| {
                let at = offsets
                    .next()
                    .map_or(0, |o| o.saturating_sub(content_start));
                let at_tree = token.text_range().start();
                let text = match decorations.iter().find(|d| d.0 == at_tree) {
                    Some((_, before, after)) => format!("{before}{text}{after}"),
                    None => text.clone(),
                };
                LineToken {
                    token: token.clone(),
                    block: blocks.contains(&text),
                    text,
                    at,
                }
            })
            .collect();
        out.push(SourceLine {
            indent: indent.to_string(),
            written: written.to_string(),
            tokens,
            kept,
            continues_trivia: info.continues_trivia,
            directive: info.directive && !info.continues_trivia,
            ends_with_line_comment: info.ends_with_line_comment,
        });
    }
    out
}

/// A metavariable's value spread over lines, put in a laid-out line that `before` ends: its
/// lines after the first go as deep as that line (the value's own levels are relative to its
/// first line); directives stay in column 0.
pub(super) fn at_host_level(before: &str, value: &str) -> String {
    if !value.contains('\n') {
        return value.to_string();
    }
    let host = before.rsplit('\n').next().unwrap_or("");
    let tabs = &host[..host.len() - host.trim_start_matches('\t').len()];
    let mut out = String::new();
    for (i, line) in value.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() && !line.starts_with('#') {
                out.push_str(tabs);
            }
        }
        out.push_str(line);
    }
    out
}

/// Bound code with preprocessor lines at its edges (a field list with its `#ifdef`s) put
/// between code on a line: the directives get lines of their own. A one-line text starting
/// with `#` (a fresh name made to look like a directive) stays where it is written.
pub(super) fn directives_on_own_lines(before: &str, text: &str, after: &str) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    let mut out = String::new();
    let line_before = before.rsplit('\n').next().unwrap_or("");
    if text.starts_with('#') && !line_before.trim().is_empty() {
        out.push('\n');
    }
    out.push_str(text);
    let last_line = text.rsplit('\n').next().unwrap_or("");
    let line_after = after.split('\n').next().unwrap_or("");
    if last_line.trim_start().starts_with('#') && !line_after.trim().is_empty() {
        out.push('\n');
    }
    out
}

/// A bound expression as added code shows it: spatch prints it anew, with its own spacing
/// on one line (`sizeof (*p)` is added as `sizeof(*p)`, `foo(a,\n\t    b)` as `foo(a, b)`).
/// One with a comment or a directive inside is kept as it was, so that nothing is lost, and
/// so is a string literal spread over lines.
pub(super) fn laid_out_expression(text: &str) -> String {
    let multi_line_string = text.contains('"') && text.contains('\n');
    if text.contains("/*") || text.contains("//") || text.contains('#') || multi_line_string {
        return text.to_string();
    }
    rewriter::lay_out_expression(text)
}

/// Code laid out in lines, with the lines (indices in `text` split at `\n`) that start with a
/// label statement: what the tree said of each line, kept as values are put into code.
#[derive(Clone, Debug, Default)]
pub(super) struct LaidOut {
    pub(super) text: String,
    pub(super) label_lines: Vec<usize>,
}

impl LaidOut {
    /// Code with no label.
    pub(super) fn plain(text: String) -> LaidOut {
        LaidOut {
            text,
            label_lines: Vec::new(),
        }
    }

    /// Laid-out lines joined into one text.
    pub(super) fn joined(lines: &[AddedLine]) -> LaidOut {
        let mut out = LaidOut::default();
        let mut index = 0;
        for (n, line) in lines.iter().enumerate() {
            if n > 0 {
                out.text.push('\n');
                index += 1;
            }
            if line.is_label {
                out.label_lines.push(index);
            }
            out.text.push_str(&line.text);
            index += line.text.matches('\n').count();
        }
        out
    }

    /// The code with `code[replaced]` replaced by `inserted`, which is `value` (as laid out
    /// at its place, line breaks unchanged) or `value` between line breaks put around it
    /// (a directive at its edge): the labels of the lines around and of the value's lines.
    pub(super) fn splice(
        &self,
        replaced: std::ops::Range<usize>,
        inserted: &str,
        value: &LaidOut,
    ) -> LaidOut {
        let code = &self.text;
        let first = code[..replaced.start].matches('\n').count();
        let last = code[..replaced.end].matches('\n').count();
        let at_line_start = code[..replaced.start]
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.trim().is_empty());
        let same_breaks = inserted.matches('\n').count() == value.text.matches('\n').count();
        let added = inserted.matches('\n').count();
        let mut label_lines: Vec<usize> = self
            .label_lines
            .iter()
            .filter(|&&i| i <= first)
            .copied()
            .collect();
        if same_breaks {
            if at_line_start && value.label_lines.contains(&0) && !label_lines.contains(&first) {
                label_lines.push(first);
            }
            label_lines.extend(
                value
                    .label_lines
                    .iter()
                    .filter(|&&i| i > 0)
                    .map(|i| first + i),
            );
        }
        label_lines.extend(
            self.label_lines
                .iter()
                .filter(|&&i| i > last)
                .map(|i| i - last + first + added),
        );
        LaidOut {
            text: format!(
                "{}{inserted}{}",
                &code[..replaced.start],
                &code[replaced.end..]
            ),
            label_lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LaidOut;

    #[test]
    fn a_value_put_into_code_brings_its_labels_and_keeps_those_after_it() {
        // `S` on line 1 of three lines, line 2 a label; S's second line a label.
        let code = LaidOut {
            text: "if (x) {\n\tS\nout:\n}".to_string(),
            label_lines: vec![2],
        };
        let at = code.text.find('S').expect("the placeholder");
        let value = LaidOut {
            text: "a();\nagain:\n\tb();".to_string(),
            label_lines: vec![1],
        };
        let inserted = "a();\nagain:\n\tb();";
        let spliced = code.splice(at..at + 1, inserted, &value);
        assert_eq!(spliced.text, "if (x) {\n\ta();\nagain:\n\tb();\nout:\n}");
        assert_eq!(spliced.label_lines, vec![2, 4]);
        // A value whose first line is a label, put at a line's start.
        let value = LaidOut {
            text: "err:".to_string(),
            label_lines: vec![0],
        };
        assert_eq!(
            code.splice(at..at + 1, "err:", &value).label_lines,
            vec![1, 2]
        );
        // Put after code on its line, it starts no line.
        let code = LaidOut::plain("x = S".to_string());
        assert!(code.splice(4..5, "err:", &value).label_lines.is_empty());
    }
}
