//! Long lines of added code broken as spatch breaks them (80 columns: after the commas of the
//! line's first call with several arguments, continuation lines aligned after its `(`), at
//! break points the code's trees give ([`BreakMark`]): the finished line is not lexed.

use crate::lines::display_width;
use c_parser::SyntaxKind;
use std::ops::Range;

/// A token that decides where a long line may break, by its byte offset in the code's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BreakMark {
    /// A `(` after a name or a `)` on its line: a call's arguments (or a declared
    /// function's parameters, a macro's arguments).
    CallOpen,
    /// A `(` that is the first token of its code: it opens a call when the code is put after
    /// a name or a `)` on a line.
    FirstOpen,
    /// Any other `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    Comma,
}

/// Break marks, each at a byte offset of the text they are marks of.
pub type BreakMarks = Vec<(usize, BreakMark)>;

/// The break marks of a stream of tokens (`start` in the text, kind, text), whitespace
/// included (a token may stand for a whole value, with an empty text and the kind of its
/// last token): what counts as a call is what always did, a `(` right after a name or a `)` on
/// the same line (comments in between make it no call).
pub fn marks_of_tokens<'a>(
    tokens: impl IntoIterator<Item = (usize, SyntaxKind, &'a str)>,
) -> BreakMarks {
    let mut marks = Vec::new();
    // Whether the token before on the line is a name or `)`; none at the start of a line.
    let mut after_callee: Option<bool> = None;
    let mut first = true;
    for (start, kind, text) in tokens {
        if matches!(kind, SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE) {
            if text.contains('\n') {
                after_callee = None;
            }
            continue;
        }
        let mark = match text {
            "(" => Some(match after_callee {
                Some(true) => BreakMark::CallOpen,
                None if first => BreakMark::FirstOpen,
                _ => BreakMark::Open,
            }),
            "[" | "{" => Some(BreakMark::Open),
            ")" | "]" | "}" => Some(BreakMark::Close),
            "," => Some(BreakMark::Comma),
            _ => None,
        };
        if let Some(mark) = mark {
            marks.push((start, mark));
        }
        first = false;
        after_callee = Some(matches!(kind, SyntaxKind::IDENT | SyntaxKind::R_PAREN) || text == ")");
        if text.contains('\n') {
            // A comment or directive over lines: what follows starts a line.
            after_callee = None;
        }
    }
    marks
}

/// The break marks of code known only as text (the rewriter's tests, benchmarks, tools):
/// its tokens are lexed. Code from the matcher comes with marks read from its trees.
pub fn lexed_marks(text: &str) -> BreakMarks {
    marks_of_tokens(lexed_tokens(text))
}

/// The tokens of `text` as the lexer reads them, by offset: for text that comes with no
/// tree, here only.
fn lexed_tokens(text: &str) -> Vec<(usize, SyntaxKind, &str)> {
    let mut start = 0usize;
    c_parser::lex(text, c_parser::LexMode::C)
        .into_iter()
        .map(|token| {
            let at = start;
            start += token.len as usize;
            (at, token.kind, &text[at..start])
        })
        .collect()
}

/// The marks in `range` of `marks`, with offsets from its start.
pub fn marks_within(marks: &[(usize, BreakMark)], range: Range<usize>) -> BreakMarks {
    marks
        .iter()
        .filter(|(at, _)| range.contains(at))
        .map(|&(at, m)| (at - range.start, m))
        .collect()
}

/// `marks` moved `by` bytes on, after code whose last token is a name or `)` (`Some(true)`),
/// is another token (`Some(false)`) or after nothing (`None`): a leading `(` then opens a
/// call, does not, or still may.
pub fn shifted(marks: &[(usize, BreakMark)], by: usize, after_callee: Option<bool>) -> BreakMarks {
    marks
        .iter()
        .map(|&(at, m)| match (m, after_callee) {
            (BreakMark::FirstOpen, Some(true)) => (at + by, BreakMark::CallOpen),
            (BreakMark::FirstOpen, Some(false)) => (at + by, BreakMark::Open),
            _ => (at + by, m),
        })
        .collect()
}

/// Whether a token of this kind makes a `(` right after it a call.
pub fn is_callee_end(kind: Option<SyntaxKind>) -> bool {
    matches!(kind, Some(SyntaxKind::IDENT | SyntaxKind::R_PAREN))
}

/// Text with its break marks, built from pieces joined as in-line code is.
#[derive(Clone, Debug, Default)]
pub struct MarkedText {
    pub text: String,
    pub marks: BreakMarks,
    /// The last token is a name or `)`.
    pub ends_with_callee: bool,
}

impl MarkedText {
    /// Appends `piece` (its break marks `marks`, its last token of kind `last`), apart from
    /// the text when the two would glue, as [`crate::boundaries::join_apart`] writes them.
    pub fn join_apart(
        &mut self,
        piece: &str,
        marks: &[(usize, BreakMark)],
        last: Option<SyntaxKind>,
    ) {
        let before = (!self.text.trim().is_empty()).then_some(self.ends_with_callee);
        crate::boundaries::join_apart(&mut self.text, piece);
        let by = self.text.len() - piece.len();
        self.marks.extend(shifted(marks, by, before));
        if !piece.trim().is_empty() {
            self.ends_with_callee = is_callee_end(last);
        }
    }
}

/// The tokens of the C file's line that in-line added code is put in, whitespace included,
/// by offset in the file, from the file's tree.
pub(crate) struct CLine<'t> {
    text: &'t str,
    end: usize,
    tokens: Vec<(usize, SyntaxKind, String)>,
}

impl<'t> CLine<'t> {
    pub(crate) fn new(text: &'t str, tree: &c_parser::SyntaxNode, line: Range<usize>) -> CLine<'t> {
        // A token that began on an earlier line (a comment over lines) is not the line's.
        let tokens = crate::file_tokens::tokens_over(tree, line.clone())
            .filter(|t| crate::file_tokens::start_of(t) >= line.start)
            .map(|t| {
                (
                    crate::file_tokens::start_of(&t),
                    t.kind(),
                    t.text().to_string(),
                )
            })
            .collect();
        CLine {
            text,
            end: line.end,
            tokens,
        }
    }

    fn is_blank(kind: SyntaxKind) -> bool {
        matches!(kind, SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE)
    }

    /// The break marks of the line's tokens starting in `range`, by offset from its start.
    pub(crate) fn marks_in(&self, range: Range<usize>) -> BreakMarks {
        marks_of_tokens(
            self.tokens
                .iter()
                .filter(|(at, _, _)| range.contains(at))
                .map(|(at, kind, text)| (at - range.start, *kind, text.as_str())),
        )
    }

    /// Whether the last token before `at` on the line is a name or `)`.
    pub(crate) fn ends_with_callee(&self, at: usize) -> bool {
        self.tokens
            .iter()
            .rfind(|(start, kind, text)| *start + text.len() <= at && !Self::is_blank(*kind))
            .is_some_and(|(_, kind, text)| *kind == SyntaxKind::IDENT || text == ")")
    }

    /// Where the code of the line from `from` on ends: before the comments that end it, and
    /// the blanks before them (spatch measures a line without its trailing comment).
    pub(crate) fn code_end(&self, from: usize) -> usize {
        let after: Vec<_> = self
            .tokens
            .iter()
            .filter(|(start, kind, _)| *start >= from && !Self::is_blank(*kind))
            .collect();
        let comments_from = after
            .iter()
            .rposition(|(_, kind, _)| *kind != SyntaxKind::COMMENT)
            .map_or(0, |i| i + 1);
        match after.get(comments_from) {
            Some((start, _, _)) => from + self.text[from..*start].trim_end().len(),
            None => self.end,
        }
    }
}

/// Whitespace reaching `col`: tabs, then spaces (only spaces in a line indented with spaces).
fn align_to(col: usize, tabs: bool) -> String {
    if tabs {
        format!("{}{}", "\t".repeat(col / 8), " ".repeat(col % 8))
    } else {
        " ".repeat(col)
    }
}

/// When mark `open` is the `(` of a call with several arguments closed on the line: the
/// offsets of the commas between them.
fn call_commas(marks: &[(usize, BreakMark)], open: usize) -> Option<Vec<usize>> {
    if marks[open].1 != BreakMark::CallOpen {
        return None;
    }
    let mut depth = 0usize;
    let mut commas = Vec::new();
    for &(at, mark) in &marks[open..] {
        match mark {
            BreakMark::CallOpen | BreakMark::FirstOpen | BreakMark::Open => depth += 1,
            BreakMark::Close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return (!commas.is_empty()).then_some(commas);
                }
            }
            BreakMark::Comma if depth == 1 => commas.push(at),
            BreakMark::Comma => {}
        }
    }
    None
}

/// Lines at least this wide are broken.
const LIMIT: usize = 80;

/// Whether a line is as wide as lines that are broken.
pub fn reaches_limit(line: &str) -> bool {
    display_width(line) >= LIMIT
}

/// Breaks an added line (indentation included, `marks` its break marks) as spatch does when
/// it reaches 80 columns: at the commas between the arguments of its first call that has
/// several, each further argument on the current line while it stays under 80 columns,
/// continuation lines aligned after the call's `(`.
pub fn wrap_long_line(line: &str, marks: &[(usize, BreakMark)]) -> Vec<String> {
    if !reaches_limit(line) {
        return vec![line.to_string()];
    }
    // The first call with several arguments (`GET_KIOV(d) = kvzalloc(n, GFP_KERNEL)` breaks
    // in `kvzalloc`'s), and the commas between its arguments.
    let Some((open, commas)) =
        (0..marks.len()).find_map(|i| call_commas(marks, i).map(|c| (marks[i].0, c)))
    else {
        return vec![line.to_string()];
    };
    let own_indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    let tabs = own_indent.is_empty() || own_indent.contains('\t');
    let align = align_to(display_width(&line[..open + 1]), tabs);
    // Pieces: up to and including the first comma, then each argument with its comma (the
    // last one with the rest of the line).
    let mut cuts: Vec<usize> = commas.iter().map(|&c| c + 1).collect();
    cuts.push(line.len());
    let mut lines = Vec::new();
    let mut current = line[..cuts[0]].to_string();
    for w in cuts.windows(2) {
        let piece = line[w[0]..w[1]].trim();
        if display_width(&current) + 1 + display_width(piece) < LIMIT {
            current.push(' ');
            current.push_str(piece);
        } else {
            lines.push(std::mem::take(&mut current));
            current = format!("{align}{piece}");
        }
    }
    lines.push(current);
    lines
}

#[cfg(test)]
mod tests;
