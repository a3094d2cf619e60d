//! The tokens of a text that differs from an already lexed one in one stretch, lexing only
//! that stretch again.
//!
//! An incremental re-parse lexes each window's old text only to compare it with the new one
//! (directives, bracket balance), and old and new differ only around the edits: lexing the
//! whole old window was about a tenth of the copy-client conversion's re-parse work.
//!
//! Why the cut is sound: the lexer (`crate::lexer::lex`) carries no state across a line
//! break token but "at line start", which it has at the text's start too. A `\n` that is not
//! preceded by `\` or `\r` can be consumed only by the line-break pattern (`\r?\n`; a
//! backslash continuation, an escaped newline in a literal and `\r\n` all need the byte
//! before it), no pattern continues past it, and the lexer's own scans (block comments,
//! directives, unterminated literals) that run over it end in a token that covers it. So
//! when `lex(t)` has such a line break token ending at `a`, the tokens before `a` depend
//! only on `t[..a]`, and `lex(t) == lex(&t[..a]) ++ lex(&t[a..])`.

use crate::lexer::{lex, LexMode, Token};
use crate::syntax_kind::SyntaxKind::NEWLINE;

/// `lex(old, LexMode::C)`, given `new_tokens == lex(new, LexMode::C)`: the tokens of the
/// common prefix and suffix (up to the last and from the first cut line break in them) are
/// taken from `new_tokens`, and only the stretch between is lexed. When the stretch's own
/// lexing does not end with a cut line break (a comment or literal that runs on), the whole
/// old text is lexed.
pub(crate) fn lex_old(old: &str, new: &str, new_tokens: &[Token]) -> Vec<Token> {
    let (o, n) = (old.as_bytes(), new.as_bytes());
    let prefix = common_prefix(o, n);
    let room = o.len().min(n.len()) - prefix;
    let suffix = common_suffix(&o[o.len() - room..], &n[n.len() - room..]);
    // The token ends of `new` that are cuts: (token index after the cut, byte offset).
    let mut head = (0, 0);
    let mut tail = (new_tokens.len(), n.len());
    let mut end = 0;
    for (i, t) in new_tokens.iter().enumerate() {
        end += t.len as usize;
        if !is_cut(n, t, end) {
            continue;
        }
        if end <= prefix {
            head = (i + 1, end);
        } else if end >= n.len() - suffix {
            tail = (i + 1, end);
            break;
        }
    }
    let (head_tokens, a) = head;
    let (tail_tokens, b_new) = tail;
    let b_old = b_new - n.len() + o.len();
    let middle = lex(&old[a..b_old], LexMode::C);
    let middle_ends_at_cut = b_old == o.len()
        || middle.last().is_some_and(|t| is_cut(&o[..b_old], t, b_old))
        || a == b_old;
    if !middle_ends_at_cut {
        return lex(old, LexMode::C);
    }
    let mut tokens =
        Vec::with_capacity(head_tokens + middle.len() + new_tokens.len() - tail_tokens);
    tokens.extend_from_slice(&new_tokens[..head_tokens]);
    tokens.extend(middle);
    tokens.extend_from_slice(&new_tokens[tail_tokens..]);
    tokens
}

/// The length of the longest common prefix, compared a block at a time (a byte at a time
/// was a third of this module's work).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 32;
    let blocks = a
        .chunks_exact(BLOCK)
        .zip(b.chunks_exact(BLOCK))
        .take_while(|(x, y)| x == y)
        .count();
    let at = blocks * BLOCK;
    at + a[at..]
        .iter()
        .zip(&b[at..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the longest common suffix, a block at a time.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 32;
    let blocks = a
        .rchunks_exact(BLOCK)
        .zip(b.rchunks_exact(BLOCK))
        .take_while(|(x, y)| x == y)
        .count();
    let at = blocks * BLOCK;
    let (a, b) = (&a[..a.len() - at], &b[..b.len() - at]);
    at + a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Whether token `t`, ending at byte `end` of `text`, is a line break the lexer can be cut
/// after: a lone `\n` whose byte before is neither `\` nor `\r` (a line break after those can
/// be one too, but the cuts need not be all of them).
fn is_cut(text: &[u8], t: &Token, end: usize) -> bool {
    // A lone `\r` is a line break token too, but which one depends on the byte after it.
    t.kind == NEWLINE
        && t.len == 1
        && text[end - 1] == b'\n'
        && (end < 2 || !matches!(text[end - 2], b'\\' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pieces() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("int x;"),
                Just("\n"),
                Just("\r\n"),
                Just("\r"),
                Just("\\"),
                Just("/*"),
                Just("*/"),
                Just("//"),
                Just("\""),
                Just("'"),
                Just("#define A "),
                Just("#if 0"),
                Just(" "),
                Just("{"),
                Just("}"),
                Just("a.b"),
                Just("..."),
                Just("1e"),
                Just("+"),
            ],
            0..14,
        )
        .prop_map(|p| p.concat())
    }

    proptest! {
        /// For any old text and any one-stretch edit of it, the tokens pieced together are
        /// those of lexing the old text whole.
        #[test]
        fn pieced_tokens_are_the_tokens_of_the_whole_text(
            old in pieces(),
            inserted in pieces(),
            at in 0usize..200,
            removed in 0usize..20,
        ) {
            let start = at.min(old.len());
            let end = (start + removed).min(old.len());
            let new = format!("{}{}{}", &old[..start], inserted, &old[end..]);
            let new_tokens = lex(&new, LexMode::C);
            prop_assert_eq!(lex_old(&old, &new, &new_tokens), lex(&old, LexMode::C));
            // And the other way round (the edit undone).
            let old_tokens = lex(&old, LexMode::C);
            prop_assert_eq!(lex_old(&new, &old, &old_tokens), new_tokens);
        }
    }

    proptest! {
        /// The block-wise comparisons agree with a byte-wise one.
        #[test]
        fn common_ends_are_those_found_byte_by_byte(
            a in proptest::collection::vec(0u8..3, 0..120),
            b in proptest::collection::vec(0u8..3, 0..120),
            shared in proptest::collection::vec(0u8..3, 0..100),
        ) {
            let (x, y) = ([&shared[..], &a].concat(), [&shared[..], &b].concat());
            let bytewise = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
            prop_assert_eq!(common_prefix(&x, &y), bytewise);
            let (x, y) = ([&a[..], &shared].concat(), [&b[..], &shared].concat());
            let bytewise = x.iter().rev().zip(y.iter().rev()).take_while(|(p, q)| p == q).count();
            prop_assert_eq!(common_suffix(&x, &y), bytewise);
        }
    }

    #[test]
    fn a_comment_opened_in_the_stretch_relexes_what_follows() {
        let old = "int a;\nint b;\nint c;\n";
        let new = "int a;\n/* int b;\nint c;\n";
        let new_tokens = lex(new, LexMode::C);
        assert_eq!(lex_old(old, new, &new_tokens), lex(old, LexMode::C));
        assert_eq!(lex_old(new, old, &lex(old, LexMode::C)), new_tokens);
    }
}
