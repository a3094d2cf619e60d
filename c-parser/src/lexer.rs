//! The lexer: every byte of the input becomes part of exactly one token.
//!
//! logos does the bulk; this driver adds what a regular lexer cannot: preprocessor directives
//! (a `#` first on its line, through continued lines and multi-line comments), unterminated
//! comments and literals, and the SmPL tokens that are sequences of C tokens (`<...`, `\(`).

use crate::syntax_kind::SyntaxKind::{self, *};
use logos::Logos;

/// One token: its kind and its length in bytes of the text. Offsets are implied by order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: SyntaxKind,
    pub len: u32,
}

/// Which language the text is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexMode {
    /// Plain C with GNU extensions.
    C,
    /// A SmPL rule body: C plus `...`, `<...`, `...>`, `<+...`, `...+>`, `\(`, `\|`, `\&`,
    /// `\)` and `when`.
    Smpl,
}

/// Splits `text` into tokens covering it completely.
pub fn lex(text: &str, mode: LexMode) -> Vec<Token> {
    // Kernel C averages under four bytes a token (whitespace runs included).
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 3 + 16);
    let bytes = text.as_bytes();
    let mut lexer = SyntaxKind::lexer(text);
    let mut at_line_start = true;
    while let Some(result) = lexer.next() {
        let span = lexer.span();
        let start = span.start;
        let mut end = span.end;
        let mut kind = match result {
            Ok(kind) => kind,
            Err(()) => UNKNOWN,
        };
        match kind {
            UNKNOWN => {
                end = match bytes[start] {
                    b'"' | b'\'' => end_of_unterminated_literal(bytes, start),
                    _ => start + text[start..].chars().next().map_or(1, char::len_utf8),
                }
                .max(end);
            }
            HASH if at_line_start && text[start..].starts_with('#') => {
                kind = DIRECTIVE;
                end = end_of_directive(bytes, start);
            }
            COMMENT if bytes[start + 1] == b'*' => {
                // Block comment; an unterminated one runs to the end of the file.
                end = text[start + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |p| start + 2 + p + 2);
            }
            COMMENT if bytes[start + 1] == b'/' => {
                end = end_of_line_comment(bytes, start, end);
            }
            INT_NUMBER if is_float(&text[start..end]) => kind = FLOAT_NUMBER,
            IDENT if mode == LexMode::Smpl && matches!(&text[start..end], "when" | "WHEN") => {
                kind = WHEN_KW
            }
            _ => {}
        }
        if mode == LexMode::Smpl {
            if let Some((smpl_kind, smpl_end)) = smpl_token(text, start, kind) {
                kind = smpl_kind;
                end = smpl_end;
            }
        }
        if end > span.end {
            lexer.bump(end - span.end);
        }
        match kind {
            NEWLINE => at_line_start = true,
            WHITESPACE | COMMENT => {}
            _ => at_line_start = false,
        }
        tokens.push(Token {
            kind,
            len: (end - start) as u32,
        });
    }
    tokens
}

/// SmPL tokens made of several C tokens, recognised at `start`.
fn smpl_token(text: &str, start: usize, kind: SyntaxKind) -> Option<(SyntaxKind, usize)> {
    let rest = &text[start..];
    let found = match kind {
        ELLIPSIS if rest.starts_with("...+>") => (NEST_PLUS_CLOSE, 5),
        ELLIPSIS if rest.starts_with("...>") && !rest.starts_with("...>>") => (NEST_CLOSE, 4),
        ELLIPSIS => (DOTS, 3),
        LT if rest.starts_with("<+...") => (NEST_PLUS_OPEN, 5),
        LT if rest.starts_with("<...") => (NEST_OPEN, 4),
        BACKSLASH => match rest.as_bytes().get(1) {
            Some(b'(') => (DISJ_OPEN, 2),
            Some(b'|') => (DISJ_SEP, 2),
            Some(b'&') => (CONJ_SEP, 2),
            Some(b')') => (DISJ_CLOSE, 2),
            _ => return None,
        },
        _ => return None,
    };
    Some((found.0, start + found.1))
}

fn is_float(number: &str) -> bool {
    let b = number.as_bytes();
    let hex = b.len() > 1 && b[0] == b'0' && (b[1] == b'x' || b[1] == b'X');
    if hex {
        return number.contains(['p', 'P']) || number.contains('.');
    }
    number.contains('.') || number.contains(['e', 'E'])
}

/// A string or character literal without its closing quote ends at the end of the line.
fn end_of_unterminated_literal(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' | b'\r' => break,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    i.min(bytes.len())
}

/// `// ... \` continues onto the next line.
fn end_of_line_comment(bytes: &[u8], start: usize, mut end: usize) -> usize {
    loop {
        let line = &bytes[start..end];
        let continued = line.last() == Some(&b'\\')
            || (line.ends_with(b"\\\r") && bytes.get(end) == Some(&b'\n'));
        if !continued || end >= bytes.len() {
            return end;
        }
        // Skip the newline, then to the next end of line.
        let mut i = end;
        if bytes[i] == b'\n' {
            i += 1;
        } else {
            return end;
        }
        while i < bytes.len() && bytes[i] != b'\n' {
            i += 1;
        }
        end = i;
    }
}

/// A directive runs to the end of its line, over `\`-newlines and comments spanning lines.
/// The final newline is not part of it (a `\r` before it is).
fn end_of_directive(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => return i,
            b'\\' => {
                // Continuation: backslash, optional \r, newline.
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 2;
                } else if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut j = i + 2;
                while j + 1 < bytes.len() && !(bytes[j] == b'*' && bytes[j + 1] == b'/') {
                    j += 1;
                }
                i = (j + 2).min(bytes.len());
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                // A line comment ends the directive at the end of the line (or continues).
                i += 2;
                while i < bytes.len() && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'\n') {
                        i += 2;
                        continue;
                    }
                    if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        return i;
                    }
                    i += 1;
                }
            }
            b'"' | b'\'' => {
                let quote = bytes[i];
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != quote && bytes[j] != b'\n' {
                    if bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == quote {
                    j += 1;
                }
                i = j.min(bytes.len());
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, mode: LexMode) -> Vec<(SyntaxKind, String)> {
        let mut offset = 0usize;
        lex(text, mode)
            .into_iter()
            .map(|t| {
                let s = text[offset..offset + t.len as usize].to_string();
                offset += t.len as usize;
                (t.kind, s)
            })
            .collect()
    }

    #[test]
    fn directive_with_continuation_and_comment() {
        let toks = kinds(
            "#define FOO(x) \\\n  ((x) + /* a\n b */ 1)\nint y;",
            LexMode::C,
        );
        assert_eq!(toks[0].0, DIRECTIVE);
        assert_eq!(toks[0].1, "#define FOO(x) \\\n  ((x) + /* a\n b */ 1)");
        assert_eq!(toks[1].0, NEWLINE);
        assert_eq!(toks[2], (INT_KW, "int".into()));
    }

    #[test]
    fn hash_not_at_line_start_is_a_token() {
        let toks = kinds("x # y", LexMode::C);
        assert_eq!(toks[2].0, HASH);
    }

    #[test]
    fn numbers() {
        let toks = kinds("0x1fUL 1.5e+3f .5 10", LexMode::C);
        let k: Vec<_> = toks
            .iter()
            .filter(|t| !t.0.is_trivia())
            .map(|t| t.0)
            .collect();
        assert_eq!(k, vec![INT_NUMBER, FLOAT_NUMBER, FLOAT_NUMBER, INT_NUMBER]);
    }

    #[test]
    fn smpl_tokens() {
        let toks = kinds(
            "<... x ...> <+... y ...+> \\( a \\| b \\) ... when",
            LexMode::Smpl,
        );
        let k: Vec<_> = toks
            .iter()
            .filter(|t| !t.0.is_trivia())
            .map(|t| t.0)
            .collect();
        assert_eq!(
            k,
            vec![
                NEST_OPEN,
                IDENT,
                NEST_CLOSE,
                NEST_PLUS_OPEN,
                IDENT,
                NEST_PLUS_CLOSE,
                DISJ_OPEN,
                IDENT,
                DISJ_SEP,
                IDENT,
                DISJ_CLOSE,
                DOTS,
                WHEN_KW
            ]
        );
    }

    #[test]
    fn unterminated_things_do_not_stop_the_lexer() {
        let text = "char *s = \"abc\nint x; /* open";
        let total: u32 = lex(text, LexMode::C).iter().map(|t| t.len).sum();
        assert_eq!(total as usize, text.len());
    }
}
