//! A small C token scanner for text-level layout decisions (precedence, spacing, statement
//! counting). It needs no tree: the texts it sees are short (plus code, a neighbouring token).

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
    pub text: &'a str,
    pub start: usize,
}

const PUNCTS: &[&str] = &[
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=",
    "-=", "*=", "/=", "%=", "&=", "^=", "|=", "##",
];

/// Splits `text` into tokens, dropping whitespace. Never fails: an unknown byte is a one-char
/// punctuator, an unterminated string or comment runs to the end.
pub fn tokens(text: &str) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c == b'#' && line_start {
            while i < bytes.len() && bytes[i] != b'\n' {
                if bytes[i] == b'\\' && i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
                    i += 1;
                }
                i += 1;
            }
            kind = TokKind::Directive;
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i = text[i + 2..]
                .find("*/")
                .map(|p| i + 2 + p + 2)
                .unwrap_or(bytes.len());
            kind = TokKind::Comment;
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = text[i..].find('\n').map(|p| i + p).unwrap_or(bytes.len());
            kind = TokKind::Comment;
        } else if c == b'"' || c == b'\'' {
            i += 1;
            while i < bytes.len() && bytes[i] != c && bytes[i] != b'\n' {
                if bytes[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(bytes.len());
            kind = if c == b'"' {
                TokKind::Str
            } else {
                TokKind::Char
            };
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
            {
                i += 1;
            }
            kind = TokKind::Ident;
        } else if c.is_ascii_digit()
            || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            while i < bytes.len() {
                let d = bytes[i];
                let exp =
                    (d == b'+' || d == b'-') && matches!(bytes[i - 1], b'e' | b'E' | b'p' | b'P');
                if d.is_ascii_alphanumeric() || d == b'.' || d == b'_' || exp {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = TokKind::Number;
        } else {
            let rest = &text[i..];
            let len = PUNCTS
                .iter()
                .find(|p| rest.starts_with(*p))
                .map(|p| p.len())
                .unwrap_or_else(|| rest.chars().next().map(char::len_utf8).unwrap_or(1));
            i += len;
            kind = TokKind::Punct;
        }
        // Keep slicing on character boundaries whatever the input.
        while i < bytes.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        line_start = false;
        out.push(Tok {
            kind,
            text: &text[start..i],
            start,
        });
    }
    out
}

/// C keywords that may precede an expression without being an operand.
pub fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "return"
            | "sizeof"
            | "case"
            | "if"
            | "while"
            | "for"
            | "switch"
            | "do"
            | "else"
            | "goto"
            | "typeof"
            | "__typeof__"
            | "alignof"
            | "_Alignof"
            | "__alignof__"
            | "defined"
    )
}

/// Whether a token ends an operand, so that a following `-`, `*`, `&` is binary.
pub fn ends_operand(tok: &Tok<'_>) -> bool {
    match tok.kind {
        TokKind::Ident => !is_keyword(tok.text),
        TokKind::Number | TokKind::Str | TokKind::Char => true,
        TokKind::Punct => matches!(tok.text, ")" | "]" | "++" | "--"),
        TokKind::Comment | TokKind::Directive => false,
    }
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
