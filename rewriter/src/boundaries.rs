//! Token boundaries at the seams of edits: the text an edit leaves must re-lex as the pieces it
//! was made of. Two pieces that touch (kept code and added code, or two kept tokens whose
//! separator was removed) may lex as one token (`return` + `rc` → `returnrc`, `-` + `-1` →
//! `--1`, `// note` + `x`); [`separate_tokens`] puts a space (a line break after a line
//! comment) into the edit at such a seam, and [`check_token_boundaries`] verifies the result.
//!
//! Both work on the C lexer's tokens, not on character classes. A preprocessor directive is
//! one token for the lexer; here it is read as its `#` and the C tokens of its body, so that
//! edits inside `#define` bodies are checked like any other code.

mod check;

pub use check::{check_token_boundaries, check_token_boundaries_near, TokenGlue};

use crate::edit::Edit;
use c_parser::{lex, LexMode, SyntaxKind};
use std::ops::Range;

/// A token of a piece of text, directives opened up into their C tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FlatToken {
    kind: SyntaxKind,
    range: Range<usize>,
}

/// Whether a token kind is layout only (spacing, line breaks, comments).
fn is_layout(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE | SyntaxKind::COMMENT
    )
}

/// Spaces or a line break: they join nothing.
fn is_blank_kind(kind: SyntaxKind) -> bool {
    matches!(kind, SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE)
}

/// The tokens of `text`, directives opened up. `at_line_start` says whether `text` begins a
/// line of the text it is part of: only there can a `#` begin a directive.
fn flat_tokens(text: &str, at_line_start: bool) -> Vec<FlatToken> {
    let mut out = Vec::new();
    push_flat_tokens(text, at_line_start, 0, &mut out);
    out
}

fn push_flat_tokens(text: &str, at_line_start: bool, base: usize, out: &mut Vec<FlatToken>) {
    // A `;` in front keeps the lexer from reading a leading `#` as a directive; `;` joins
    // with nothing, so the tokens after it are those of `text` in that position.
    let (lexed, shift) = if at_line_start {
        (lex(text, LexMode::C), 0)
    } else {
        (lex(&concat(";", text), LexMode::C), 1)
    };
    let mut pos = 0usize;
    for (i, token) in lexed.iter().enumerate() {
        let start = pos;
        pos += token.len as usize;
        if i == 0 && shift == 1 {
            continue;
        }
        let range = start - shift..pos - shift;
        if token.kind == SyntaxKind::DIRECTIVE {
            // `#` and the C tokens of the rest: `#define F(x) g(x)` edits inside the body.
            let hash = text[range.clone()].find('#').unwrap_or(0);
            if hash > 0 {
                push_flat_tokens(
                    &text[range.start..range.start + hash],
                    false,
                    base + range.start,
                    out,
                );
            }
            let hash_at = range.start + hash;
            out.push(FlatToken {
                kind: SyntaxKind::HASH,
                range: base + hash_at..base + hash_at + 1,
            });
            push_flat_tokens(
                &text[hash_at + 1..range.end],
                false,
                base + hash_at + 1,
                out,
            );
            continue;
        }
        out.push(FlatToken {
            kind: token.kind,
            range: base + range.start..base + range.end,
        });
    }
}

/// `a` then `b` in one string (`format!` costs more than the copies for these short pieces,
/// made for each seam of added code).
fn concat(a: &str, b: &str) -> String {
    let mut joined = String::with_capacity(a.len() + b.len());
    joined.push_str(a);
    joined.push_str(b);
    joined
}

/// The last two tokens of some code (its end, as far as a token can reach back into it), or
/// the first two (its start): what decides whether it glues to code beside it (`.` `.` + `.`
/// is `...`).
#[derive(Clone, Debug)]
struct Edge {
    text: String,
    /// Kind of the token at the very seam.
    kind: SyntaxKind,
    /// Its text.
    token: String,
}

fn tail_edge(code: &str, at_line_start: bool) -> Option<Edge> {
    let flat = flat_tokens(code, at_line_start);
    let last = flat.last()?;
    let from = flat[flat.len().saturating_sub(2)].range.start;
    Some(Edge {
        text: code[from..].to_string(),
        kind: last.kind,
        token: code[last.range.clone()].to_string(),
    })
}

fn head_edge(code: &str, at_line_start: bool) -> Option<Edge> {
    let flat = flat_tokens(code, at_line_start);
    let first = flat.first()?;
    let to = flat.get(1).unwrap_or(first).range.end;
    Some(Edge {
        text: code[..to].to_string(),
        kind: first.kind,
        token: code[first.range.clone()].to_string(),
    })
}

/// What must separate two touching pieces of code so that they re-lex as their own tokens:
/// `None` when nothing must.
fn separator_needed(left: &Edge, right: &Edge) -> Option<&'static str> {
    if is_blank_kind(left.kind) || is_blank_kind(right.kind) {
        return None;
    }
    let apart = flat_tokens(&left.text, false)
        .into_iter()
        .map(|t| (t.kind, t.range.len()))
        .chain(
            flat_tokens(&right.text, false)
                .into_iter()
                .map(|t| (t.kind, t.range.len())),
        );
    let joined = flat_tokens(&concat(&left.text, &right.text), false)
        .into_iter()
        .map(|t| (t.kind, t.range.len()));
    if joined.eq(apart) {
        None
    } else if left.kind == SyntaxKind::COMMENT && left.token.starts_with("//") {
        Some("\n")
    } else {
        Some(" ")
    }
}

/// What must go between two pieces of code written one after the other (`left` then
/// `right`, both starting where a line may not) so that each keeps its tokens.
pub(crate) fn seam_separator(left: &str, right: &str) -> Option<&'static str> {
    if plainly_apart(left, right) {
        return None;
    }
    lexed_seam_separator(left, right)
}

fn lexed_seam_separator(left: &str, right: &str) -> Option<&'static str> {
    separator_needed(&tail_edge(left, false)?, &head_edge(right, false)?)
}

/// A punctuator no C token continues or runs into: outside comments and literals, a token
/// boundary stands on each side of it.
fn is_closed_punctuator(byte: u8) -> bool {
    matches!(byte, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b';')
}

/// Operator characters that neither continue a word (identifier, keyword, number) nor are
/// continued by one: `+`, `-` and `.` are left out (`1e+5`, `.5` are numbers).
fn is_word_free_operator(byte: u8) -> bool {
    matches!(
        byte,
        b'=' | b'*' | b'&' | b'|' | b'^' | b'!' | b'~' | b'<' | b'>' | b'?' | b':' | b'%'
    )
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$'
}

/// Whether `code` ends with an identifier or keyword, not a number: its last run of word
/// characters starts with no digit and follows no `.`, `+` or `-` (`1.e`, `1e-x` are
/// numbers: one continues through `.` and through a sign after an exponent letter).
fn ends_with_identifier(code: &[u8]) -> bool {
    let run = code.iter().rev().take_while(|&&b| is_word_byte(b)).count();
    let start = code.len() - run;
    run > 0
        && !code[start].is_ascii_digit()
        && (start == 0 || !matches!(code[start - 1], b'.' | b'+' | b'-'))
}

/// Whether `left` and `right` keep their tokens when joined, known without lexing (most
/// seams of added code: a call's name and its `(`, `ptr` and `->`): `left` holds nothing
/// that opens a comment, a literal, a directive or a line continuation (which could run on
/// into `right`), and at the seam stands a closed punctuator, or an identifier then a
/// character no identifier takes, or an operator no word continues then a word; so the lexer
/// is at a token boundary there whichever piece it belongs to.
fn plainly_apart(left: &str, right: &str) -> bool {
    let (last, first) = (left.as_bytes().last(), right.as_bytes().first());
    let at_seam = |byte: Option<&u8>| byte.is_some_and(|&b| is_closed_punctuator(b));
    let after_identifier = |b: u8| is_word_free_operator(b) || matches!(b, b'+' | b'-' | b'.');
    let seam_apart = at_seam(last)
        || at_seam(first)
        || (ends_with_identifier(left.as_bytes()) && first.is_some_and(|&b| after_identifier(b)))
        || (last.is_some_and(|&b| is_word_free_operator(b))
            && first.is_some_and(|&b| is_word_byte(b)));
    seam_apart
        && !left
            .bytes()
            .any(|b| matches!(b, b'/' | b'"' | b'\'' | b'\\' | b'#'))
}

/// `left` and `right` written one after the other, apart if they would glue.
pub(crate) fn join_apart(left: &mut String, right: &str) {
    if let Some(sep) = seam_separator(left, right) {
        left.push_str(sep);
    }
    left.push_str(right);
}

/// Whether a token is a word: an identifier, a keyword or a number.
fn is_word(kind: SyntaxKind) -> bool {
    kind == SyntaxKind::IDENT
        || kind.is_keyword()
        || matches!(kind, SyntaxKind::INT_NUMBER | SyntaxKind::FLOAT_NUMBER)
}

/// Layout more than lexing: an opening parenthesis removed between a word and the token
/// after it leaves a space (`return(-ENOSYS)` minus the parentheses is `return -ENOSYS`,
/// `sizeof(x)` is `sizeof x`, as spatch writes them), unless that token closes, separates or
/// calls. A closing one leaves none (`(z)-1` is `z-1`).
fn space_after_removal(left: &Edge, removed: &str, right: &Edge) -> bool {
    is_word(left.kind)
        && removed.trim_start().starts_with('(')
        && !is_layout(right.kind)
        && !matches!(
            right.token.as_str(),
            ")" | "]" | ";" | "," | "." | "->" | "(" | "[" | "++" | "--"
        )
}

/// One piece of the new text: kept original text or an edit's replacement.
#[derive(Clone, Copy, Debug)]
enum Piece {
    Kept(usize, usize),
    Added(usize),
}

/// The pieces of the new text in order, with for each the deletion (an edit whose replacement
/// is empty) that stands right before it, if any.
fn pieces(text: &str, edits: &[Edit]) -> Vec<(Piece, Option<usize>)> {
    let mut out = Vec::with_capacity(edits.len() * 2 + 1);
    let mut pos = 0;
    let mut deletion: Option<usize> = None;
    for (i, edit) in edits.iter().enumerate() {
        if edit.range.start > pos {
            out.push((Piece::Kept(pos, edit.range.start), deletion.take()));
        }
        if edit.replacement.is_empty() {
            deletion = Some(i);
        } else {
            out.push((Piece::Added(i), deletion.take()));
        }
        pos = edit.range.end;
    }
    if pos < text.len() {
        out.push((Piece::Kept(pos, text.len()), deletion));
    }
    out
}

/// The original text's tokens, for finding the token at either end of a kept piece. With the
/// text's tree at hand, only stretches around the edits are lexed (from places where the
/// lexer starts afresh, so their tokens are the whole text's); a place outside them has the
/// whole text lexed. Lexing every rewritten text whole was 7% of the copy-client conversion.
struct OriginalTokens<'t> {
    text: &'t str,
    /// Sorted, disjoint stretches, each with the starts of its tokens.
    stretches: Vec<(Range<usize>, Vec<usize>)>,
    whole: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> OriginalTokens<'t> {
    fn new(text: &'t str, edits: &[Edit], tree: Option<&c_parser::SyntaxNode>) -> Self {
        let stretches = match tree {
            Some(tree) if usize::from(tree.text_range().end()) == text.len() => {
                stretches_around(tree, text, edits)
                    .into_iter()
                    .map(|r| {
                        let starts = token_starts(&text[r.clone()], r.start);
                        (r, starts)
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        OriginalTokens {
            text,
            stretches,
            whole: std::cell::OnceCell::new(),
        }
    }

    /// The range of the lexer token holding byte `at`.
    fn token_at(&self, at: usize) -> Range<usize> {
        let i = self.stretches.partition_point(|(r, _)| r.end <= at);
        let (starts, limit) = match self.stretches.get(i) {
            Some((r, starts)) if r.start <= at => (starts, r.end),
            _ => (
                self.whole.get_or_init(|| token_starts(self.text, 0)),
                self.text.len(),
            ),
        };
        let i = starts.partition_point(|&s| s <= at).saturating_sub(1);
        let start = starts.get(i).copied().unwrap_or(0);
        let end = starts.get(i + 1).copied().unwrap_or(limit);
        start..end
    }

    fn starts_line(&self, at: usize) -> bool {
        let ls = self.text[..at].rfind('\n').map_or(0, |p| p + 1);
        self.text[ls..at].trim_matches([' ', '\t']).is_empty()
    }

    /// The end of the kept text `start..end`.
    fn tail(&self, start: usize, end: usize) -> Option<Edge> {
        // Two lexer tokens back: a directive, or the token before, may be where it starts.
        let last = self.token_at(end - 1);
        let from = self.token_at(last.start.saturating_sub(1)).start.max(start);
        tail_edge(&self.text[from..end], self.starts_line(from))
    }

    /// The start of the kept text `start..end`.
    fn head(&self, start: usize, end: usize) -> Option<Edge> {
        let first = self.token_at(start);
        let to = self
            .token_at(first.end.min(self.text.len().saturating_sub(1)))
            .end
            .min(end);
        // The token holding `start` ends after it, and so does the piece: `to > start`.
        head_edge(&self.text[start..to], self.starts_line(start))
    }
}

/// The starts of the lexer tokens of `text`, which starts at byte `base`.
fn token_starts(text: &str, base: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut pos = base;
    for token in lex(text, LexMode::C) {
        starts.push(pos);
        pos += token.len as usize;
    }
    starts
}

/// Stretches of `text` around the edits, from a line before each to a line after it, each
/// starting and ending where the tree has a line break token (or at the text's ends): the
/// lexer starts afresh there.
fn stretches_around(tree: &c_parser::SyntaxNode, text: &str, edits: &[Edit]) -> Vec<Range<usize>> {
    let fresh = |at: usize| at == 0 || at == text.len() || line_break_ends_at(tree, at);
    let line_before = |at: usize| {
        if at == 0 {
            0
        } else {
            text[..at - 1].rfind('\n').map_or(0, |p| p + 1)
        }
    };
    let line_after = |at: usize| text[at..].find('\n').map_or(text.len(), |p| at + p + 1);
    let mut out: Vec<Range<usize>> = Vec::new();
    for edit in edits {
        // A line with a token on it before the edit's line and after its last line, blank
        // lines passed over: a seam looks up to two tokens away.
        let edit_line = text[..edit.range.start].rfind('\n').map_or(0, |p| p + 1);
        let mut start = line_before(edit_line);
        while start > 0 && text[start..edit_line].trim().is_empty() {
            start = line_before(start);
        }
        while !fresh(start) {
            start = line_before(start);
        }
        let after_edit = line_after(edit.range.end);
        let mut end = line_after(after_edit);
        while end < text.len() && text[after_edit..end].trim().is_empty() {
            end = line_after(end);
        }
        while !fresh(end) {
            end = line_after(end);
        }
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
}

/// Puts a space (a line break after a line comment) into the edits wherever two pieces of the
/// new text would otherwise lex as one token, and after a word that removed code leaves
/// touching the next token. `edits` are sorted and do not overlap (see
/// [`crate::normalize_edits`]); the result is too.
pub fn separate_tokens(text: &str, edits: Vec<Edit>) -> Vec<Edit> {
    separate_tokens_in_tree(text, edits, None)
}

/// [`separate_tokens`], with the tree of `text` when the caller has it: only the text near
/// the edits is then lexed.
pub fn separate_tokens_in_tree(
    text: &str,
    mut edits: Vec<Edit>,
    tree: Option<&c_parser::SyntaxNode>,
) -> Vec<Edit> {
    if edits.is_empty() {
        return edits;
    }
    let original = OriginalTokens::new(text, &edits, tree);
    // The end of the previous non-empty piece, and that piece.
    let mut previous: Option<(Edge, Piece)> = None;
    // Whether the new text so far ends with a line holding only blanks.
    let mut line_blank = true;
    let pieces = pieces(text, &edits);
    let last_piece = pieces.len() - 1;
    for (n, (piece, deletion_before)) in pieces.into_iter().enumerate() {
        // The head of a piece counts only against the piece before it, and the tail of the
        // last piece against nothing: not looked up (they may lie far from every edit).
        let head = match piece {
            _ if previous.is_none() => None,
            Piece::Kept(s, e) => original.head(s, e),
            Piece::Added(i) => head_edge(&edits[i].replacement, line_blank),
        };
        if let (Some((left, left_piece)), Some(right)) = (&mut previous, &head) {
            let mut separator = separator_needed(left, right);
            if separator.is_none()
                && matches!((*left_piece, piece), (Piece::Kept(..), Piece::Kept(..)))
                && deletion_before.is_some_and(|d| {
                    space_after_removal(left, &text[edits[d].range.clone()], right)
                })
            {
                separator = Some(" ");
            }
            if let Some(sep) = separator {
                left.text.push_str(sep);
                match (piece, *left_piece, deletion_before) {
                    (Piece::Added(i), _, _) => edits[i].replacement.insert_str(0, sep),
                    (_, Piece::Added(j), _) => edits[j].replacement.push_str(sep),
                    (_, _, Some(d)) => edits[d].replacement.push_str(sep),
                    // Two kept pieces touch only across an edit.
                    _ => {}
                }
            }
        }
        let piece_text: &str = match piece {
            Piece::Kept(s, e) => &text[s..e],
            Piece::Added(i) => &edits[i].replacement,
        };
        let tail = match piece {
            _ if n == last_piece => None,
            Piece::Kept(s, e) => original.tail(s, e),
            Piece::Added(i) => tail_edge(&edits[i].replacement, line_blank),
        };
        line_blank = match piece_text.rfind('\n') {
            Some(p) => piece_text[p + 1..].trim_matches([' ', '\t']).is_empty(),
            None => line_blank && piece_text.trim_matches([' ', '\t']).is_empty(),
        };
        if let Some(tail) = tail {
            // A piece of one token: the seam after it reaches back into what came before
            // (`.` kept, `.` kept, `.` added is `...`).
            let tail = match &previous {
                Some((before, _)) if tail.text == tail.token => {
                    tail_edge(&format!("{}{}", before.text, tail.text), false).unwrap_or(tail)
                }
                _ => tail,
            };
            previous = Some((tail, piece));
        }
    }
    edits
}

/// A line break token of the tree ends at byte `at`.
fn line_break_ends_at(root: &c_parser::SyntaxNode, at: usize) -> bool {
    let Ok(at32) = u32::try_from(at) else {
        return false;
    };
    let before = c_parser::TextRange::new((at32 - 1).into(), at32.into());
    root.covering_element(before)
        .into_token()
        .is_some_and(|t| t.kind() == SyntaxKind::NEWLINE && u32::from(t.text_range().end()) == at32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply_edits;
    use crate::edit::normalize_edits;
    use proptest::prelude::*;

    /// Pieces that open or continue tokens across a seam: comments, literals, directives,
    /// line continuations, multi-character punctuators, numbers (with exponents and `.`),
    /// identifiers and wide-literal prefixes.
    fn seam_piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "(", ")", "[", "]", "{", "}", ",", ";", "x", "L", "u8", "1", "e", ".", "-", ">", "+",
            "/", "*", "\"", "'", "\\", "#", " ", "\n", "<", ":", "%", "=", "é", "->", "1e", "0x1p",
            "$", "_", "&", "|", "!", "?", "^", "~",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20000))]
        /// The shortcut never answers for a seam the lexer would need a separator at.
        #[test]
        fn seams_apart_without_lexing_are_apart_when_lexed(
            left in prop::collection::vec(seam_piece(), 0..5),
            right in prop::collection::vec(seam_piece(), 0..5),
        ) {
            let (left, right) = (left.concat(), right.concat());
            if plainly_apart(&left, &right) {
                prop_assert_eq!(lexed_seam_separator(&left, &right), None);
            }
        }
    }

    fn separated(text: &str, edits: Vec<Edit>) -> String {
        let edits = normalize_edits(text, &edits).unwrap();
        let edits = separate_tokens(text, edits);
        let out = apply_edits(text, &edits).unwrap();
        check_token_boundaries(text, &edits, &out).unwrap();
        out
    }

    #[test]
    fn removed_parentheses_leave_words_apart() {
        let text = "\treturn(rc);\n";
        let edits = vec![Edit::delete(7..8), Edit::delete(10..11)];
        assert_eq!(separated(text, edits), "\treturn rc;\n");
        let text = "\treturn(-ENOSYS);\n";
        let edits = vec![Edit::delete(7..8), Edit::delete(15..16)];
        assert_eq!(separated(text, edits), "\treturn -ENOSYS;\n");
        let text = "\tg((x));\n";
        let edits = vec![Edit::delete(3..4), Edit::delete(5..6)];
        assert_eq!(separated(text, edits), "\tg(x);\n");
        // Spaces inside the parentheses: one space stays, not two.
        let text = "\treturn( rc );\n";
        let edits = vec![Edit::delete(7..8), Edit::delete(11..13)];
        assert_eq!(separated(text, edits), "\treturn rc;\n");
        // A closing parenthesis leaves no space.
        let text = "k = (z)-1;";
        let edits = vec![Edit::delete(4..5), Edit::delete(6..7)];
        assert_eq!(separated(text, edits), "k = z-1;");
    }

    #[test]
    fn added_code_does_not_join_its_neighbours() {
        let text = "a = -b;";
        // `-` added before `-b` would read `--b`.
        assert_eq!(separated(text, vec![Edit::insert(4, "-")]), "a = - -b;");
        assert_eq!(separated(text, vec![Edit::replace(0..1, "x2")]), "x2 = -b;");
        let text = "x;";
        assert_eq!(
            separated(text, vec![Edit::insert(0, "return")]),
            "return x;"
        );
        // `/` and a comment: `//*` would start a line comment.
        let text = "a/b/* c */;";
        assert_eq!(separated(text, vec![Edit::delete(2..3)]), "a/ /* c */;");
        // A line comment before code: a line break, not a space.
        let text = "a; b;";
        assert_eq!(
            separated(text, vec![Edit::replace(2..3, "// note")]),
            "a;// note\nb;"
        );
    }

    #[test]
    fn edits_inside_a_define_body_are_checked_token_by_token() {
        let text = "#define F(x) g(x)\nint y;\n";
        let at = text.find("g(x)").unwrap();
        let out = separated(text, vec![Edit::replace(at..at + 1, "h")]);
        assert_eq!(out, "#define F(x) h(x)\nint y;\n");
        let glued = "#define F(x) hg(x)\nint y;\n";
        let edits = [Edit::insert(at, "h")];
        let err = check_token_boundaries(text, &edits, glued).unwrap_err();
        assert_eq!(err.line, 1);
        assert_eq!(err.found, "hg (");
    }

    #[test]
    fn the_check_near_the_edits_finds_what_the_whole_check_finds() {
        let text =
            "int f(void)\n{\n\treturn(rc);\n}\n/* a\n * b */\nint g(void)\n{\n\treturn(x);\n}\n";
        let tree = c_parser::parse(text, &c_parser::ParseOptions::default()).root;
        let first = text.find("(rc)").unwrap();
        let second = text.find("(x)").unwrap();
        let edits = [
            Edit::delete(first..first + 1),
            Edit::delete(first + 3..first + 4),
            Edit::replace(second..second + 3, " y"),
        ];
        let glued = apply_edits(text, &edits).unwrap();
        let err = check_token_boundaries_near(&tree, text, &edits, &glued).unwrap_err();
        assert_eq!(
            err,
            check_token_boundaries(text, &edits, &glued).unwrap_err()
        );
        assert_eq!((err.line, err.found.as_str()), (3, "returnrc ;"));
        let edits = [Edit::replace(second..second + 3, " y")];
        let fine = apply_edits(text, &edits).unwrap();
        assert!(check_token_boundaries_near(&tree, text, &edits, &fine).is_ok());
        // An added `/*` that runs past the edited line: found by the whole check.
        let edits = [Edit::insert(first, "/*")];
        let open = apply_edits(text, &edits).unwrap();
        assert!(check_token_boundaries_near(&tree, text, &edits, &open).is_err());
    }

    #[test]
    fn glued_and_split_tokens_are_reported() {
        let text = "\treturn(rc);\n";
        let edits = [Edit::delete(7..8), Edit::delete(10..11)];
        let err = check_token_boundaries(text, &edits, "\treturnrc;\n").unwrap_err();
        assert_eq!((err.line, err.found.as_str()), (1, "returnrc ;"));
        assert_eq!(err.expected, "return rc ;");
        let text = "a = b;";
        let edits = [Edit::replace(4..5, "c")];
        assert!(check_token_boundaries(text, &edits, "a = c;").is_ok());
        // The new text is not the edits applied.
        assert!(check_token_boundaries(text, &edits, "a = d;").is_err());
        // `+` next to `+`: one `++` token where two were asked for.
        let edits = [Edit::insert(3, "+")];
        let err = check_token_boundaries("a +b;", &edits, "a ++b;").unwrap_err();
        assert_eq!(err.found, "++ b");
    }
}
