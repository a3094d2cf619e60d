//! Tokens of the rule-file structure: rule headers, metavariable declarations and script
//! bindings. Rule bodies are lexed by c-parser instead; this lexer only needs to know enough of
//! C to find the `;` ending a declaration and to keep strings and comments intact.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Ident,
    Int,
    Str,
    /// `@@`, `<<`, `&&`, `!=`, `=~`, `##`, ... and every single-character punctuation.
    Punct,
    /// A character the lexer does not know (kept so that errors can point at it).
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub kind: TokKind,
    /// Byte range in the whole rule-file text.
    pub range: Range<usize>,
    /// True when only whitespace (no newline) separates this token from the previous one, or
    /// it is the first token.
    pub line_start: bool,
}

impl Tok {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.range.clone()]
    }
}

/// Punctuation spelled with several characters, longest first so that `<<=` wins over `<<`.
const MULTI_PUNCT: &[&str] = &[
    "<<=", ">>=", "...", "@@", "<<", ">>", "&&", "||", "!=", "==", "=~", "!~", "##", "<=", ">=",
    "->", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
];

/// A cursor over `src` starting at `pos`, producing tokens one at a time so that the caller
/// can stop at the end of a header or declaration section and hand the rest to another reader.
pub struct Lexer<'a> {
    pub src: &'a str,
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str, pos: usize) -> Self {
        Lexer { src, pos }
    }

    /// Skips whitespace and comments; returns whether a newline was crossed.
    fn skip_trivia(&mut self) -> bool {
        let bytes = self.src.as_bytes();
        let mut newline = false;
        while self.pos < bytes.len() {
            let b = bytes[self.pos];
            if b == b'\n' {
                newline = true;
                self.pos += 1;
            } else if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if self.src[self.pos..].starts_with('\u{feff}') {
                // A byte-order mark some editors put first.
                self.pos += '\u{feff}'.len_utf8();
            } else if self.src[self.pos..].starts_with("//") {
                match self.src[self.pos..].find('\n') {
                    Some(n) => self.pos += n,
                    None => self.pos = bytes.len(),
                }
            } else if self.src[self.pos..].starts_with("/*") {
                match self.src[self.pos + 2..].find("*/") {
                    Some(n) => {
                        newline |= self.src[self.pos..self.pos + 2 + n].contains('\n');
                        self.pos += n + 4;
                    }
                    None => self.pos = bytes.len(),
                }
            } else {
                break;
            }
        }
        newline
    }

    /// The next token, or `None` at the end of the text.
    pub fn next_tok(&mut self) -> Option<Tok> {
        let before = self.pos;
        let crossed = self.skip_trivia();
        let line_start = crossed || before == 0 || self.at_line_start(self.pos);
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let b = *bytes.get(start)?;
        let kind = if b.is_ascii_alphabetic() || b == b'_' {
            while self.pos < bytes.len()
                && (bytes[self.pos].is_ascii_alphanumeric() || bytes[self.pos] == b'_')
            {
                self.pos += 1;
            }
            TokKind::Ident
        } else if b.is_ascii_digit() {
            while self.pos < bytes.len()
                && (bytes[self.pos].is_ascii_alphanumeric() || bytes[self.pos] == b'.')
            {
                self.pos += 1;
            }
            TokKind::Int
        } else if b == b'"' || b == b'\'' {
            self.pos += 1;
            while self.pos < bytes.len() && bytes[self.pos] != b && bytes[self.pos] != b'\n' {
                if bytes[self.pos] == b'\\' {
                    self.pos += 1;
                }
                self.pos += 1;
            }
            self.pos = (self.pos + 1).min(bytes.len());
            TokKind::Str
        } else if let Some(p) = MULTI_PUNCT
            .iter()
            .find(|p| self.src[start..].starts_with(**p))
        {
            self.pos += p.len();
            TokKind::Punct
        } else if b.is_ascii_punctuation() {
            self.pos += 1;
            TokKind::Punct
        } else {
            let width = self.src[start..].chars().next().map_or(1, char::len_utf8);
            self.pos += width;
            TokKind::Unknown
        };
        Some(Tok {
            kind,
            range: start..self.pos,
            line_start,
        })
    }

    pub fn peek_tok(&self) -> Option<Tok> {
        Lexer {
            src: self.src,
            pos: self.pos,
        }
        .next_tok()
    }

    /// Only whitespace between the line's start and `pos`. Scans back over that whitespace
    /// only, so that a very long line (a `depends on` of thousands of terms) lexes in linear
    /// time.
    fn at_line_start(&self, pos: usize) -> bool {
        let before = self.src[..pos].trim_end_matches(|c: char| c != '\n' && c.is_whitespace());
        before.is_empty() || before.ends_with('\n')
    }
}

/// Byte offset of the start of the line containing `pos`.
pub fn line_start_of(src: &str, pos: usize) -> usize {
    src[..pos].rfind('\n').map_or(0, |n| n + 1)
}

/// Byte offset just after the end of the line containing `pos` (after its `\n`, or the end).
pub fn line_end_of(src: &str, pos: usize) -> usize {
    src[pos..].find('\n').map_or(src.len(), |n| pos + n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        let mut lx = Lexer::new(src, 0);
        std::iter::from_fn(|| lx.next_tok())
            .map(|t| t.text(src).to_string())
            .collect()
    }

    #[test]
    fn splits_header_punctuation_and_skips_comments() {
        assert_eq!(
            texts("@r depends on a && !b@ // note\nexpression E; /* x */ @@"),
            [
                "@",
                "r",
                "depends",
                "on",
                "a",
                "&&",
                "!",
                "b",
                "@",
                "expression",
                "E",
                ";",
                "@@"
            ]
        );
    }

    #[test]
    fn keeps_strings_with_escapes_whole() {
        assert_eq!(texts(r#"x =~ "a\"b" ;"#), ["x", "=~", r#""a\"b""#, ";"]);
    }
}
