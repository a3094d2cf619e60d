//! Splitting a rule body into its two slices: the minus slice (context, `-` and `*` lines) and
//! the plus slice (context and `+` lines), each lexed for c-parser with the SmPL column
//! conventions applied: the marker column becomes `SMPL_MARKER` trivia, a `(`, `|`, `&`, `)`,
//! `?` in the first column of an unmarked line becomes a disjunction token or `OPT_MARK`, and
//! `@p` becomes `SMPL_POSITION` trivia.

use c_parser::{lex, LexMode, SyntaxKind, Token};
use std::iter::Peekable;
use std::ops::Range;

/// What a body line does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    Context,
    Minus,
    Plus,
    /// `*`: a semantic match line (reported, not changed).
    Star,
}

#[derive(Clone, Debug)]
pub struct Line {
    /// Byte range in the rule file (with the newline).
    pub range: Range<usize>,
    pub mark: Mark,
    /// Where the marker is in the line: 0, or 1 after a `?` (`?-`).
    pub marker_at: usize,
    /// Bytes of the marker column (`-`, `+`, `++`, `*`), 0 for context lines.
    pub marker_len: usize,
    /// The line starts with `?` (after its marker): the pattern on it is optional.
    pub optional: bool,
    /// The line's text after the marker starts in SmPL's first column (not the rest of the
    /// `@@` line, nor the continuation of a comment or directive).
    pub first_column: bool,
}

/// Classifies the lines of `text[span]`. Lines inside a block comment or continuing a
/// directive keep the mark of the line they continue and have no marker column.
pub fn classify_lines(text: &str, span: Range<usize>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut pos = span.start;
    let mut in_comment = false;
    let mut continued: Option<Mark> = None;
    // The rest of the `@@` line is not in the first column: never a marker.
    let mut first = text[..span.start].rfind('\n').map_or(0, |n| n + 1) != span.start;
    while pos < span.end {
        let end = text[pos..span.end]
            .find('\n')
            .map_or(span.end, |n| pos + n + 1);
        let line = &text[pos..end];
        let (mark, marker_len) = if in_comment || first {
            (continued.unwrap_or(Mark::Context), 0)
        } else if let Some(m) = continued {
            (m, 0)
        } else {
            // `?-`: an optional line with its marker in the second column.
            let marker_at = usize::from(line.starts_with('?'));
            marker_of(&line[marker_at..])
        };
        let first_column = !in_comment && !first && continued.is_none();
        let marker_at = usize::from(first_column && marker_len > 0 && line.starts_with('?'));
        let optional = first_column && (marker_at == 1 || line[marker_len..].starts_with('?'));
        first = false;
        in_comment = ends_inside_comment(line, in_comment);
        let body = line.trim_end_matches(['\n', '\r']);
        continued = if in_comment || body.ends_with('\\') {
            Some(mark)
        } else {
            None
        };
        lines.push(Line {
            range: pos..end,
            mark,
            marker_at,
            marker_len,
            optional,
            first_column,
        });
        pos = end;
    }
    lines
}

pub(crate) fn marker_of(line: &str) -> (Mark, usize) {
    if line.starts_with("++") {
        return (Mark::Plus, 2);
    }
    match line.as_bytes().first() {
        Some(b'-') => (Mark::Minus, 1),
        Some(b'+') => (Mark::Plus, 1),
        Some(b'*') => (Mark::Star, 1),
        _ => (Mark::Context, 0),
    }
}

/// Whether a `/* */` comment is open at the end of `line`, given whether one was at its start.
pub fn ends_inside_comment(line: &str, mut in_comment: bool) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        if in_comment {
            if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                in_comment = false;
                i += 1;
            }
        } else if let Some(q) = quote {
            if b[i] == b'\\' {
                i += 1;
            } else if b[i] == q {
                quote = None;
            }
        } else if b[i] == b'"' || b[i] == b'\'' {
            quote = Some(b[i]);
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            return false;
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            in_comment = true;
            i += 1;
        }
        i += 1;
    }
    in_comment
}

/// One slice: its text (whole lines of the rule file), where each line comes from, and its
/// tokens ready for `parse_smpl_body`.
#[derive(Clone, Debug)]
pub struct SliceText {
    pub text: String,
    /// Per line: (offset in `text`, the line).
    pub lines: Vec<(usize, Line)>,
    pub tokens: Vec<Token>,
    /// Start offset in `text` of each token.
    pub offsets: Vec<usize>,
    /// Position annotations: (index of the annotated token in `tokens`, metavariable name,
    /// range of the annotation in `text`).
    pub attachments: Vec<(usize, String, Range<usize>)>,
}

impl SliceText {
    /// The rule-file offset of `offset` in this slice.
    pub fn file_offset(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|(start, _)| *start <= offset);
        match i.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some((start, line)) => line.range.start + (offset - start),
            None => self.lines.first().map_or(0, |(_, l)| l.range.start),
        }
    }

    /// The line containing `offset` of this slice.
    pub fn line_at(&self, offset: usize) -> Option<&Line> {
        let i = self.lines.partition_point(|(start, _)| *start <= offset);
        i.checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map(|(_, l)| l)
    }
}

/// Builds the slice of `lines` whose mark is in `keep`. `is_attachable` says whether a name
/// after `@` is a metavariable that may be attached to a token.
pub fn build_slice(
    text: &str,
    lines: &[Line],
    keep: &[Mark],
    is_attachable: &dyn Fn(&str) -> bool,
    operator_kind: &dyn Fn(&str) -> Option<SyntaxKind>,
) -> SliceText {
    let kept = KeptLines::gather(text, lines, keep);
    let (mut tokens, mut offsets) = lex_slice(&kept, operator_kind);
    merge_varargs(&mut tokens, &mut offsets);
    let attachments = strip_attachments(&kept.text, &mut tokens, &mut offsets, is_attachable);
    SliceText {
        text: kept.text,
        lines: kept.lines,
        tokens,
        offsets,
        attachments,
    }
}

/// The kept lines of a slice, one after the other.
struct KeptLines {
    text: String,
    /// `text` with each marker column blanked to spaces, for the C lexer.
    blanked: String,
    /// Per line: (offset in `text`, the line).
    lines: Vec<(usize, Line)>,
}

impl KeptLines {
    fn gather(text: &str, lines: &[Line], keep: &[Mark]) -> Self {
        let mut kept = KeptLines {
            text: String::new(),
            blanked: String::new(),
            lines: Vec::new(),
        };
        for line in lines.iter().filter(|l| keep.contains(&l.mark)) {
            kept.lines.push((kept.text.len(), line.clone()));
            let s = &text[line.range.clone()];
            kept.text.push_str(s);
            let marker_end = line.marker_at + line.marker_len;
            kept.blanked.push_str(&s[..line.marker_at]);
            kept.blanked.push_str(&" ".repeat(line.marker_len));
            kept.blanked.push_str(&s[marker_end..]);
        }
        kept
    }
}

/// The slice's tokens and their offsets: the C lexer's, with each marker column split off as
/// `SMPL_MARKER` and SmPL's own tokens recognised (see `smpl_kind`).
fn lex_slice(
    kept: &KeptLines,
    operator_kind: &dyn Fn(&str) -> Option<SyntaxKind>,
) -> (Vec<Token>, Vec<usize>) {
    let raw = lex(&kept.blanked, LexMode::Smpl);
    let mut tokens = Vec::with_capacity(raw.len() + kept.lines.len());
    let mut offsets = Vec::with_capacity(raw.len() + kept.lines.len());
    let mut offset = 0usize;
    // Marker columns and first columns, in slice offsets.
    let mut markers = kept
        .lines
        .iter()
        .filter(|(_, l)| l.marker_len > 0)
        .map(|(s, l)| (s + l.marker_at, l.marker_len))
        .peekable();
    // As in spatch, only a line's very first column counts: after a `-` or `+` marker, `(`
    // is an ordinary parenthesis (`-(T)` removes a cast); disjunction delimiters stand on
    // context lines.
    let first_cols: Vec<usize> = kept
        .lines
        .iter()
        .filter(|(_, l)| l.first_column && (l.marker_len == 0 || l.marker_at == 1))
        .map(|(s, _)| *s)
        .collect();
    for tok in raw {
        let len = tok.len as usize;
        let mut start = offset;
        offset += len;
        // Split a marker off the whitespace that the blanked copy has in its place.
        if let Some(marker_len) = marker_starting(&mut markers, start, offset, tok.kind) {
            tokens.push(Token {
                kind: SyntaxKind::SMPL_MARKER,
                len: marker_len as u32,
            });
            offsets.push(start);
            start += marker_len;
        }
        if start == offset {
            continue;
        }
        let at_first_column = first_cols.binary_search(&start).is_ok();
        let kind = smpl_kind(
            tok.kind,
            &kept.text[start..offset],
            &tokens,
            at_first_column,
            operator_kind,
        );
        tokens.push(Token {
            kind,
            len: (offset - start) as u32,
        });
        offsets.push(start);
    }
    (tokens, offsets)
}

/// The length of the marker column (from `markers`, in order) that the whitespace token
/// `start..end` begins with, if any; markers before `start` are passed.
fn marker_starting(
    markers: &mut Peekable<impl Iterator<Item = (usize, usize)>>,
    start: usize,
    end: usize,
    kind: SyntaxKind,
) -> Option<usize> {
    while let Some(&(at, len)) = markers.peek() {
        if at < start {
            markers.next();
            continue;
        }
        if at == start && kind == SyntaxKind::WHITESPACE && start + len <= end {
            markers.next();
            return Some(len);
        }
        return None;
    }
    None
}

/// The kind of a token of a slice, `word`, lexed as C as `kind`: an operator metavariable,
/// `WHEN` after dots, or a disjunction delimiter or `?` in the first column (`at_first_column`)
/// are SmPL's. `before` are the slice's tokens so far.
fn smpl_kind(
    kind: SyntaxKind,
    word: &str,
    before: &[Token],
    at_first_column: bool,
    operator_kind: &dyn Fn(&str) -> Option<SyntaxKind>,
) -> SyntaxKind {
    let mut kind = kind;
    if kind == SyntaxKind::IDENT {
        // An operator metavariable stands where the grammar expects an operator token.
        if let Some(op) = operator_kind(word) {
            kind = op;
        }
    }
    if kind == SyntaxKind::IDENT && word == "WHEN" {
        // spatch also reads `WHEN` as the keyword after dots.
        let prev = before
            .iter()
            .rev()
            .map(|t: &Token| t.kind)
            .find(|k| !k.is_trivia() || *k == SyntaxKind::NEWLINE);
        if matches!(
            prev,
            Some(
                SyntaxKind::DOTS
                    | SyntaxKind::NEST_OPEN
                    | SyntaxKind::NEST_PLUS_OPEN
                    | SyntaxKind::NEWLINE
            ) | None
        ) {
            kind = SyntaxKind::WHEN_KW;
        }
    }
    if !at_first_column {
        return kind;
    }
    match kind {
        SyntaxKind::L_PAREN => SyntaxKind::DISJ_OPEN,
        SyntaxKind::PIPE => SyntaxKind::DISJ_SEP,
        SyntaxKind::AMP => SyntaxKind::CONJ_SEP,
        SyntaxKind::R_PAREN => SyntaxKind::DISJ_CLOSE,
        SyntaxKind::QUESTION => SyntaxKind::OPT_MARK,
        k => k,
    }
}

/// SmPL writes C's varargs `...` as six dots (three would be SmPL dots): `......` is lexed as
/// two adjacent `DOTS` and becomes one C `ELLIPSIS`.
fn merge_varargs(tokens: &mut Vec<Token>, offsets: &mut Vec<usize>) {
    let mut i = 0;
    while i + 1 < tokens.len() {
        if tokens[i].kind == SyntaxKind::DOTS
            && tokens[i + 1].kind == SyntaxKind::DOTS
            && tokens[i].len == 3
            && tokens[i + 1].len == 3
        {
            tokens[i] = Token {
                kind: SyntaxKind::ELLIPSIS,
                len: 6,
            };
            tokens.remove(i + 1);
            offsets.remove(i + 1);
        }
        i += 1;
    }
}

/// Turns `@name` (name a metavariable) into one `SMPL_POSITION` trivia token and records which
/// significant token it follows.
fn strip_attachments(
    text: &str,
    tokens: &mut Vec<Token>,
    offsets: &mut Vec<usize>,
    is_attachable: &dyn Fn(&str) -> bool,
) -> Vec<(usize, String, Range<usize>)> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut last_significant: Option<usize> = None;
    while i < tokens.len() {
        let kind = tokens[i].kind;
        if kind == SyntaxKind::AT && i + 1 < tokens.len() && tokens[i + 1].kind == SyntaxKind::IDENT
        {
            let name_start = offsets[i + 1];
            let name = &text[name_start..name_start + tokens[i + 1].len as usize];
            if is_attachable(name) {
                let len = tokens[i].len + tokens[i + 1].len;
                tokens[i] = Token {
                    kind: SyntaxKind::SMPL_POSITION,
                    len,
                };
                tokens.remove(i + 1);
                offsets.remove(i + 1);
                if let Some(target) = last_significant {
                    out.push((
                        target,
                        name.to_string(),
                        offsets[i]..offsets[i] + len as usize,
                    ));
                }
                i += 1;
                continue;
            }
        }
        if !kind.is_trivia() {
            last_significant = Some(i);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_the_first_column() {
        let body = "\n foo();\n-bar();\n+baz();\n*qux();\n";
        let lines = classify_lines(body, 0..body.len());
        let marks: Vec<Mark> = lines.iter().map(|l| l.mark).collect();
        assert_eq!(
            marks,
            [
                Mark::Context,
                Mark::Context,
                Mark::Minus,
                Mark::Plus,
                Mark::Star
            ]
        );
    }

    #[test]
    fn comment_lines_keep_no_marker() {
        let body = "/* a\n* b */\n-x;\n";
        let lines = classify_lines(body, 0..body.len());
        assert_eq!(lines[1].mark, Mark::Context);
        assert_eq!(lines[1].marker_len, 0);
        assert_eq!(lines[2].mark, Mark::Minus);
    }

    #[test]
    fn minus_slice_has_marker_trivia_and_disjunction_tokens() {
        let body = "(\n-a\n|\n-b\n)\n+c\n";
        let lines = classify_lines(body, 0..body.len());
        let s = build_slice(
            body,
            &lines,
            &[Mark::Context, Mark::Minus, Mark::Star],
            &|_| false,
            &|_| None,
        );
        assert_eq!(s.text, "(\n-a\n|\n-b\n)\n");
        let kinds: Vec<SyntaxKind> = s
            .tokens
            .iter()
            .map(|t| t.kind)
            .filter(|k| *k != SyntaxKind::NEWLINE)
            .collect();
        use SyntaxKind::*;
        assert_eq!(
            kinds,
            [
                DISJ_OPEN,
                SMPL_MARKER,
                IDENT,
                DISJ_SEP,
                SMPL_MARKER,
                IDENT,
                DISJ_CLOSE
            ]
        );
    }

    #[test]
    fn positions_become_trivia_attached_to_the_previous_token() {
        let body = "foo@p(x);\n";
        let lines = classify_lines(body, 0..body.len());
        let s = build_slice(body, &lines, &[Mark::Context], &|n| n == "p", &|_| None);
        assert_eq!(s.attachments.len(), 1);
        let (tok, name, _) = &s.attachments[0];
        assert_eq!(name, "p");
        assert_eq!(s.tokens[*tok].kind, SyntaxKind::IDENT);
        assert!(s.tokens.iter().any(|t| t.kind == SyntaxKind::SMPL_POSITION));
    }
}
