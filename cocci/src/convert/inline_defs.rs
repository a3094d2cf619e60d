//! The `static inline` function definitions of names the profile deletes: a wrapper such as
//! `static inline unsigned long cfs_time_seconds(time64_t s) { ... }` has no callers once its
//! rule has run, and copy-client deletes it with the macro definitions around it.

use super::lexical::Tok;
use c_parser::SyntaxKind;
use std::ops::Range;

/// The whole lines of the `static inline` function definition whose name is token `name_at`,
/// or None when that token does not name one (a call, a declaration, a macro body).
pub fn inline_definition_lines(text: &str, toks: &[Tok], name_at: usize) -> Option<Range<usize>> {
    let significant = |i: usize| !toks[i].kind.is_trivia();
    // Back to the start of the item: the token after the previous `;`, `}` or directive.
    let mut first = name_at;
    let mut saw_inline = false;
    for i in (0..name_at).rev().filter(|&i| significant(i)) {
        match toks[i].kind {
            SyntaxKind::SEMI | SyntaxKind::R_BRACE | SyntaxKind::DIRECTIVE => break,
            SyntaxKind::L_BRACE | SyntaxKind::L_PAREN | SyntaxKind::COMMA | SyntaxKind::EQ => {
                return None
            }
            SyntaxKind::INLINE_KW => saw_inline = true,
            _ => {}
        }
        first = i;
    }
    if !saw_inline {
        return None;
    }
    // The parameter list, then the body's braces.
    let mut i = next_significant(toks, name_at + 1)?;
    if toks[i].kind != SyntaxKind::L_PAREN {
        return None;
    }
    i = matching(toks, i, SyntaxKind::L_PAREN, SyntaxKind::R_PAREN)?;
    i = next_significant(toks, i + 1)?;
    if toks[i].kind != SyntaxKind::L_BRACE {
        return None;
    }
    let last = matching(toks, i, SyntaxKind::L_BRACE, SyntaxKind::R_BRACE)?;
    whole_lines(text, toks[first].range.start..toks[last].range.end)
}

fn next_significant(toks: &[Tok], from: usize) -> Option<usize> {
    (from..toks.len()).find(|&i| !toks[i].kind.is_trivia())
}

/// The token closing the bracket opened at `open`.
fn matching(toks: &[Tok], open: usize, left: SyntaxKind, right: SyntaxKind) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if t.kind == left {
            depth += 1;
        } else if t.kind == right {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// `span` widened to whole lines, when nothing but spacing shares its first and last lines.
fn whole_lines(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let start = text[..span.start].rfind('\n').map_or(0, |n| n + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |n| span.end + n + 1);
    let alone = text[start..span.start].trim().is_empty() && text[span.end..end].trim().is_empty();
    alone.then_some(start..end)
}
