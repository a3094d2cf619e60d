//! C tokens of short texts (a line of plus code, a neighbouring token) for layout decisions
//! that need no tree: spacing, statement counting, line breaking. The tokens are c-parser's
//! lexer's, kinds grouped as layout needs them.

use c_parser::SyntaxKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Ident,
    Number,
    Str,
    Char,
    Punct,
    Comment,
    /// A preprocessor line (`#...` to end of line, with continuations).
    Directive,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok<'a> {
    pub kind: TokKind,
    /// The lexer's own kind (which punctuator, which keyword).
    pub syntax: SyntaxKind,
    pub text: &'a str,
    pub start: usize,
}

/// Splits `text` into tokens, dropping whitespace, with c-parser's lexer (the one C lexer).
/// Never fails: a byte that is no C token is a one-character punctuator, an unterminated
/// string or character constant runs to the end of its line.
pub fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for token in c_parser::lex(text, c_parser::LexMode::C) {
        let end = start + token.len as usize;
        let piece = &text[start..end];
        let kind = match token.kind {
            SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE => None,
            SyntaxKind::COMMENT => Some(TokKind::Comment),
            SyntaxKind::DIRECTIVE => Some(TokKind::Directive),
            SyntaxKind::INT_NUMBER | SyntaxKind::FLOAT_NUMBER => Some(TokKind::Number),
            SyntaxKind::STRING => Some(TokKind::Str),
            SyntaxKind::CHAR_LIT => Some(TokKind::Char),
            SyntaxKind::UNKNOWN if piece.starts_with('"') => Some(TokKind::Str),
            SyntaxKind::UNKNOWN if piece.starts_with('\'') => Some(TokKind::Char),
            k if k == SyntaxKind::IDENT || k.is_keyword() => Some(TokKind::Ident),
            _ => Some(TokKind::Punct),
        };
        if let Some(kind) = kind {
            out.push(Tok {
                kind,
                syntax: token.kind,
                text: piece,
                start,
            });
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_c() {
        assert_eq!(
            texts("a->b <<= 1e+5; /* c */ \"s\\\"\" 'x'"),
            [
                "a",
                "->",
                "b",
                "<<=",
                "1e+5",
                ";",
                "/* c */",
                "\"s\\\"\"",
                "'x'"
            ]
        );
        assert_eq!(texts("#define X 1\\\n 2\nx"), ["#define X 1\\\n 2", "x"]);
    }
}
