//! The check that a rewritten text re-lexes, at every seam of its edits, as the tokens of
//! the pieces it was made of (issue 18: no glued or split tokens), over the whole text or
//! only in stretches around the edits.

use super::{flat_tokens, is_layout, line_break_ends_at, pieces, FlatToken, Piece};
use crate::edit::{normalize_edits, Edit};
use c_parser::{lex, LexMode, SyntaxKind};
use std::fmt;

/// Where the new text does not re-lex as the pieces the edits made it of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenGlue {
    /// Byte offset in the new text of the first token that differs.
    pub offset: usize,
    /// 1-based line of that offset in the new text.
    pub line: usize,
    /// The tokens the pieces give there (a few, space-separated).
    pub expected: String,
    /// The tokens the new text gives there.
    pub found: String,
}

impl fmt::Display for TokenGlue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: the rewritten code reads `{}` where the edits put `{}` (tokens glued or split)",
            self.line, self.found, self.expected
        )
    }
}

impl std::error::Error for TokenGlue {}

/// Verifies that `new_text` is `old_text` with `edits` applied and that, at every seam, it
/// re-lexes as the tokens of its pieces (kept text, replacements): no two tokens glued, none
/// split. Layout tokens (spaces, line breaks, comments) are not compared.
pub fn check_token_boundaries(
    old_text: &str,
    edits: &[Edit],
    new_text: &str,
) -> Result<(), TokenGlue> {
    let mismatch_at = |offset: usize, expected: String, found: String| TokenGlue {
        offset,
        line: new_text[..offset.min(new_text.len())].matches('\n').count() + 1,
        expected,
        found,
    };
    let edits = normalize_edits(old_text, edits)
        .map_err(|e| mismatch_at(0, "edits that apply".into(), e.to_string()))?;
    // Expected tokens: each piece lexed on its own, at its place in the new text.
    // Token texts borrowed from the pieces: thousands of tokens per file, none copied.
    let mut expected: Vec<(SyntaxKind, &str)> = Vec::new();
    let mut assembled_len = 0usize;
    let mut line_blank = true;
    for (piece, _) in pieces(old_text, &edits) {
        let piece_text: &str = match piece {
            Piece::Kept(s, e) => &old_text[s..e],
            Piece::Added(i) => &edits[i].replacement,
        };
        if new_text.get(assembled_len..assembled_len + piece_text.len()) != Some(piece_text) {
            return Err(mismatch_at(
                assembled_len,
                piece_text.chars().take(40).collect(),
                new_text[assembled_len.min(new_text.len())..]
                    .chars()
                    .take(40)
                    .collect(),
            ));
        }
        assembled_len += piece_text.len();
        expected.extend(
            flat_tokens(piece_text, line_blank)
                .into_iter()
                .filter(|t| !is_layout(t.kind))
                .map(|t| (t.kind, &piece_text[t.range])),
        );
        line_blank = match piece_text.rfind('\n') {
            Some(p) => piece_text[p + 1..].trim_matches([' ', '\t']).is_empty(),
            None => line_blank && piece_text.trim_matches([' ', '\t']).is_empty(),
        };
    }
    if assembled_len != new_text.len() {
        return Err(mismatch_at(
            assembled_len,
            "end of text".into(),
            new_text[assembled_len..].chars().take(40).collect(),
        ));
    }
    let found: Vec<FlatToken> = flat_tokens(new_text, true)
        .into_iter()
        .filter(|t| !is_layout(t.kind))
        .collect();
    let differs =
        (0..expected.len().max(found.len())).find(|&i| match (expected.get(i), found.get(i)) {
            (Some((kind, text)), Some(t)) => *kind != t.kind || **text != new_text[t.range.clone()],
            _ => true,
        });
    let Some(i) = differs else {
        return Ok(());
    };
    let show = |texts: Vec<&str>| texts.join(" ");
    let offset = found.get(i).map_or(new_text.len(), |t| t.range.start);
    Err(mismatch_at(
        offset,
        show(expected.iter().skip(i).take(3).map(|(_, t)| *t).collect()),
        show(
            found
                .iter()
                .skip(i)
                .take(2)
                .map(|t| &new_text[t.range.clone()])
                .collect(),
        ),
    ))
}

/// [`check_token_boundaries`] on the lines around the edits only, for a text whose tree
/// `old_tree` is at hand: each run of edits is checked from the start of its first line to
/// the end of its last line, at places where the old text's lexer starts afresh (right after
/// a line break token, never inside a comment or a directive). The rest of the text is
/// unchanged and lexes as before. When a checked stretch of the new text does not end a line
/// as a token (an added `/*` that runs on), the whole text is checked.
pub fn check_token_boundaries_near(
    old_tree: &c_parser::SyntaxNode,
    old_text: &str,
    edits: &[Edit],
    new_text: &str,
) -> Result<(), TokenGlue> {
    let Ok(edits) = normalize_edits(old_text, edits) else {
        return check_token_boundaries(old_text, edits, new_text);
    };
    let fresh = |at: usize| at == 0 || at == old_text.len() || line_break_ends_at(old_tree, at);
    let mut shift: isize = 0;
    let mut i = 0;
    while i < edits.len() {
        let mut start = old_text[..edits[i].range.start]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        while !fresh(start) {
            start = old_text[..start - 1].rfind('\n').map_or(0, |p| p + 1);
        }
        let mut end = edits[i].range.end;
        let mut j = i;
        loop {
            end = old_text[end..]
                .find('\n')
                .map_or(old_text.len(), |p| end + p + 1);
            while !fresh(end) {
                end = old_text[end..]
                    .find('\n')
                    .map_or(old_text.len(), |p| end + p + 1);
            }
            // The next edits that begin on the stretch's lines join it.
            let next = edits[j + 1..]
                .iter()
                .take_while(|e| e.range.start < end)
                .count();
            if next == 0 {
                break;
            }
            j += next;
            end = end.max(edits[j].range.end);
        }
        let grown: isize = edits[i..=j]
            .iter()
            .map(|e| e.replacement.len() as isize - e.range.len() as isize)
            .sum();
        let new_start = (start as isize + shift) as usize;
        let new_end = (end as isize + shift + grown) as usize;
        let local: Vec<Edit> = edits[i..=j]
            .iter()
            .map(|e| {
                Edit::replace(
                    e.range.start - start..e.range.end - start,
                    e.replacement.clone(),
                )
            })
            .collect();
        let Some(new_part) = new_text.get(new_start..new_end) else {
            return check_token_boundaries(old_text, &edits, new_text);
        };
        if new_end < new_text.len()
            && lex(new_part, LexMode::C)
                .last()
                .is_none_or(|t| t.kind != SyntaxKind::NEWLINE)
        {
            return check_token_boundaries(old_text, &edits, new_text);
        }
        check_token_boundaries(&old_text[start..end], &local, new_part).map_err(|glue| {
            TokenGlue {
                offset: glue.offset + new_start,
                line: glue.line + new_text[..new_start].matches('\n').count(),
                ..glue
            }
        })?;
        shift += grown;
        i = j + 1;
    }
    Ok(())
}
