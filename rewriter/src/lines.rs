//! Line and indentation helpers over the original text.

use crate::file_tokens;
use crate::steps::IndentSteps;
use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken};
use std::ops::Range;

/// `pos` clamped to the text and moved back to a character boundary.
pub fn floor_boundary(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Byte offset of the start of the line holding `pos`.
pub fn line_start(text: &str, pos: usize) -> usize {
    let pos = floor_boundary(text, pos);
    memchr::memrchr(b'\n', &text.as_bytes()[..pos]).map_or(0, |p| p + 1)
}

/// Byte offset of the `\n` ending the line holding `pos` (or the text's end).
pub fn line_end(text: &str, pos: usize) -> usize {
    let pos = floor_boundary(text, pos);
    memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |p| pos + p)
}

/// The leading whitespace of the line holding `pos`.
pub fn line_indent(text: &str, pos: usize) -> &str {
    let start = line_start(text, pos);
    let line = &text[start..line_end(text, start)];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// The lines of `text` with blanks at their ends trimmed, and the range of them from the
/// first non-empty one to the last (empty when all are empty).
pub fn trimmed_lines(text: &str) -> (Vec<&str>, std::ops::Range<usize>) {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |p| p + 1);
    (lines, first..last)
}

pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Whether `s` holds only whitespace and comments.
/// (The tokens of [`tokens`], read only as far as the first that is not a comment: the text
/// between two removals can be most of a file.)
pub fn is_trivia(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i = s[i + 2..].find("*/").map_or(bytes.len(), |p| i + 2 + p + 2);
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = line_comment_end(s, i);
        } else {
            return false;
        }
    }
    true
}

/// Where the `//` comment at `start` ends: at the first newline that no backslash continues
/// (C splices a line ending in `\` onto the next one before comments are read).
fn line_comment_end(s: &str, start: usize) -> usize {
    let mut from = start;
    while let Some(p) = s[from..].find('\n') {
        let newline = from + p;
        let before = s[..newline].strip_suffix('\r').unwrap_or(&s[..newline]);
        if !before.ends_with('\\') {
            return newline;
        }
        from = newline + 1;
    }
    s.len()
}

/// The indentation of code placed inside a block whose `{` is at `brace`: that of the block's
/// next line if deeper, else one step more than the brace's line.
pub fn indent_after_open(text: &str, brace: usize, steps: &IndentSteps) -> String {
    let outer = line_indent(text, brace);
    let mut pos = line_end(text, brace);
    while pos < text.len() {
        let next = pos + 1;
        let end = line_end(text, next);
        let line = &text[next.min(text.len())..end];
        if !is_blank(line) {
            let ind = line_indent(text, next);
            if ind.len() > outer.len() && !line.trim_start().starts_with('}') {
                return ind.to_string();
            }
            break;
        }
        pos = end;
    }
    format!("{outer}{}", steps.near(text, brace))
}

/// The indentation of code placed before the `}` at `brace`: that of the previous line if
/// deeper, else one step more than the brace's line.
pub fn indent_before_close(text: &str, brace: usize, steps: &IndentSteps) -> String {
    let outer = line_indent(text, brace);
    let mut start = line_start(text, brace);
    while start > 0 {
        let prev = line_start(text, start - 1);
        let line = &text[prev..start - 1];
        if !is_blank(line) {
            let ind = line_indent(text, prev);
            if ind.len() > outer.len() && !line.trim_end().ends_with('{') {
                return ind.to_string();
            }
            break;
        }
        start = prev;
    }
    format!("{outer}{}", steps.near(text, brace))
}

/// The indentation of the statement that the line holding `pos` ends: lines continuing an
/// unfinished line above are skipped back to the statement's first line.
pub fn statement_indent<'t>(text: &'t str, root: &SyntaxNode, pos: usize) -> &'t str {
    let mut start = line_start(text, pos);
    while start > 0 {
        let prev = line_start(text, start - 1);
        if is_blank(&text[prev..start - 1]) || !continues(root, prev..start - 1) {
            break;
        }
        start = prev;
    }
    line_indent(text, start)
}

/// Whether a line of code (its range in the file) is unfinished, so that the next line
/// continues it: brackets left open, or an operator or comma at its end. Read from the file's
/// tokens over the line: a comment or directive that the line only ends or continues is one
/// token, not code.
fn continues(root: &SyntaxNode, line: Range<usize>) -> bool {
    let mut open = 0isize;
    let mut last_code: Option<SyntaxToken> = None;
    let mut ends_block_comment = false;
    let mut first = true;
    for t in file_tokens::tokens_over(root, line) {
        match t.kind() {
            SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE => continue,
            // A directive's line ends no statement that goes on.
            SyntaxKind::DIRECTIVE if first => return false,
            SyntaxKind::COMMENT => {
                first = false;
                ends_block_comment = t.text().ends_with("*/");
                continue;
            }
            _ => {}
        }
        first = false;
        ends_block_comment = false;
        match t.text() {
            "(" | "[" => open += 1,
            ")" | "]" => open -= 1,
            _ => {}
        }
        last_code = Some(t);
    }
    // A line that ends a block comment (` */`, `f(a, /* x */`) ends no statement either.
    if ends_block_comment {
        return false;
    }
    if open > 0 {
        return true;
    }
    // A comma outside brackets ends an initializer or enum line, kept as written.
    last_code.is_some_and(|last| {
        is_punctuator(&last)
            && !matches!(
                last.text(),
                ";" | "{" | "}" | ")" | "]" | ":" | "++" | "--" | ","
            )
    })
}

/// Whether a token of the file is a punctuator (an operator, bracket or separator), also in a
/// branch the parser did not take, whose tokens are `INACTIVE` whatever they are.
fn is_punctuator(token: &SyntaxToken) -> bool {
    let text = token.text();
    match token.kind() {
        SyntaxKind::IDENT
        | SyntaxKind::INT_NUMBER
        | SyntaxKind::FLOAT_NUMBER
        | SyntaxKind::STRING
        | SyntaxKind::CHAR_LIT
        | SyntaxKind::COMMENT
        | SyntaxKind::DIRECTIVE => false,
        k if k.is_keyword() => false,
        SyntaxKind::UNKNOWN => !text.starts_with(['"', '\'']),
        SyntaxKind::INACTIVE => {
            let mut chars = text.chars();
            let first = chars.next().unwrap_or(' ');
            let number = first == '.' && chars.next().is_some_and(|c| c.is_ascii_digit());
            !(first.is_ascii_alphanumeric() || matches!(first, '_' | '$' | '"' | '\'') || number)
        }
        _ => true,
    }
}

/// Lines of code moved as a block: the common leading whitespace removed, relative
/// indentation (alignment of continued lines included) kept. Surrounding empty lines dropped.
pub fn shift_block(code: &str) -> Vec<String> {
    let raw: Vec<&str> = code.lines().map(str::trim_end).collect();
    let first = raw
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(raw.len());
    let last = raw
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map(|p| p + 1)
        .unwrap_or(first);
    let raw = &raw[first..last];
    let mut common: Option<&str> = None;
    for line in raw.iter().filter(|l| !l.trim().is_empty()) {
        let ws = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        common = Some(match common {
            None => ws,
            Some(c) => {
                let n = c
                    .bytes()
                    .zip(ws.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &c[..n]
            }
        });
    }
    let cut = common.map(str::len).unwrap_or(0);
    raw.iter()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                l[cut..].to_string()
            }
        })
        .collect()
}

/// The width of a line as displayed, tabs to the next multiple of 8.
pub fn display_width(line: &str) -> usize {
    let mut col = 0;
    for c in line.chars() {
        col = if c == '\t' {
            (col / 8 + 1) * 8
        } else {
            col + 1
        };
    }
    col
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{tokens, TokKind};

    /// Every text of up to six pieces (line breaks, `\r`, a two-byte character): the line
    /// bounds found with `memchr` are those of the standard library's searches.
    #[test]
    fn line_bounds_are_those_of_a_search_for_the_line_break() {
        let pieces = ["a", "\n", "\r", "é", " "];
        for n in 0..pieces.len().pow(6) {
            let text: String = (0..6)
                .map(|k| pieces[(n / pieces.len().pow(k)) % pieces.len()])
                .collect();
            for pos in 0..=text.len() + 1 {
                let at = floor_boundary(&text, pos);
                let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
                let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
                assert_eq!(line_start(&text, pos), start, "{text:?} {pos}");
                assert_eq!(line_end(&text, pos), end, "{text:?} {pos}");
            }
        }
    }

    #[test]
    fn trivia_is_what_the_scanner_reads_as_comments_only() {
        let pieces = [
            " ",
            "\n",
            "\t",
            "/* a */",
            "/* a\n b */",
            "// c",
            "// c \\",
            "/*",
            "*/",
            "#if x",
            "x",
            "\"/*\"",
            "'/'",
            "/",
            "//",
            "1",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    let by_tokens = tokens(&s).iter().all(|t| t.kind == TokKind::Comment);
                    assert_eq!(is_trivia(&s), by_tokens, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn lines_and_indents() {
        let text = "int f(void)\n{\n\tif (x) {\n\t\tfoo();\n\t}\n}\n";
        let steps = IndentSteps::new();
        let brace = text.find("{\n\t\t").unwrap();
        assert_eq!(line_indent(text, text.find("foo").unwrap()), "\t\t");
        assert_eq!(indent_after_open(text, brace, &steps), "\t\t");
        assert_eq!(
            indent_after_open(text, text.find('{').unwrap(), &steps),
            "\t"
        );
        let empty = "void g(void)\n{\n}\n";
        let empty_steps = IndentSteps::new();
        assert_eq!(
            indent_after_open(empty, empty.find('{').unwrap(), &empty_steps),
            "\t"
        );
        assert_eq!(
            indent_before_close(empty, empty.find('}').unwrap(), &empty_steps),
            "\t"
        );
        let close = text.find("\t}\n}").unwrap() + 1;
        assert_eq!(indent_before_close(text, close, &steps), "\t\t");
        let spaces = "void g(void)\n{\n    if (x) {\n    }\n}\n";
        assert_eq!(
            indent_after_open(
                spaces,
                spaces.find("{\n    }").unwrap(),
                &IndentSteps::new()
            ),
            "        "
        );
    }

    #[test]
    fn statement_indent_goes_back_over_continued_lines() {
        let text = "int f(void)\n{\n\trc = g(a,\n\t       b) +\n\t     c;\n\tx = 1; /* a\n\t\t     b */\n\ty = h(\n\t\t/* z */ 2);\n#define M(a) \\\n\t\tk(a,\n\t\t  n = 0;\n\treturn [\n  0];\n}\n";
        let root = c_parser::parse(text, &c_parser::ParseOptions::default()).root;
        let indent_at = |s: &str| statement_indent(text, &root, text.find(s).unwrap());
        // An open parenthesis, then an operator at a line's end: the statement's first line.
        assert_eq!(indent_at("c;"), "\t");
        assert_eq!(indent_at("b) +"), "\t");
        // The end of a block comment continues nothing.
        assert_eq!(indent_at("\ty = h("), "\t");
        // A comment after an open parenthesis: still open.
        assert_eq!(indent_at("2);"), "\t");
        // A continued directive's lines are the directive's, not code left open.
        assert_eq!(indent_at("n = 0"), "\t\t  ");
        // An open bracket.
        assert_eq!(indent_at("0];"), "\t");
    }

    #[test]
    fn block_keeps_relative_layout() {
        assert_eq!(
            shift_block("\n\t\tfoo(a,\n\t\t    b);\n\t\tbar();\n"),
            ["foo(a,", "    b);", "bar();"]
        );
    }
}
