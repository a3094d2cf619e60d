//! Line and indentation helpers over the original text.

use crate::scan::{tokens, TokKind};
use crate::steps::IndentSteps;

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

/// Whether a stretch of text holds only comments and preprocessor directives.
pub fn is_trivia_or_directives(s: &str) -> bool {
    tokens(s)
        .iter()
        .all(|t| matches!(t.kind, TokKind::Comment | TokKind::Directive))
}

/// Whether a stretch of text holds only comments and `#pragma` lines, and some pragma. A
/// pragma is a statement of the control flow to spatch: code removed on both sides of it
/// (a removed `...`, a removed function) takes it along.
pub fn is_trivia_and_pragmas(s: &str) -> bool {
    let toks = tokens(s);
    let is_pragma = |text: &str| text[1..].trim_start().starts_with("pragma");
    toks.iter()
        .any(|t| t.kind == TokKind::Directive && is_pragma(t.text))
        && toks.iter().all(|t| match t.kind {
            TokKind::Comment => true,
            TokKind::Directive => is_pragma(t.text),
            _ => false,
        })
}

/// Whether every conditional directive (`#if`, `#ifdef`, `#ifndef`) of a stretch of code is
/// closed by an `#endif` in it, and every `#endif` (or `#else`, `#elif`) closes one opened in
/// it; and that it holds some.
pub fn conditionals_balanced(s: &str) -> bool {
    // A directive starts with `#`: without one the stretch need not be lexed (most stretches
    // between removed statements hold none).
    if memchr::memchr(b'#', s.as_bytes()).is_none() {
        return false;
    }
    let mut depth = 0usize;
    let mut seen = false;
    for t in tokens(s).iter().filter(|t| t.kind == TokKind::Directive) {
        let word = t.text[1..].trim_start();
        let word = &word[..word
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(word.len())];
        match word {
            "if" | "ifdef" | "ifndef" => {
                depth += 1;
                seen = true;
            }
            "else" | "elif" | "elifdef" | "elifndef" if depth == 0 => return false,
            "endif" => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    seen && depth == 0
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
pub fn statement_indent(text: &str, pos: usize) -> &str {
    let mut start = line_start(text, pos);
    while start > 0 {
        let prev = line_start(text, start - 1);
        let line = text[prev..start - 1].trim();
        if line.is_empty() || !continues(line) {
            break;
        }
        start = prev;
    }
    line_indent(text, start)
}

/// Whether a line of code is unfinished, so that the next line continues it: brackets left
/// open, or an operator or comma at its end.
fn continues(line: &str) -> bool {
    // The last line of a block comment (` */`) scans as `*` `/` on its own: it ends a comment,
    // not a statement that goes on.
    if line.starts_with('#') || line.trim_end().ends_with("*/") {
        return false;
    }
    let toks: Vec<_> = tokens(line)
        .into_iter()
        .filter(|t| t.kind != TokKind::Comment)
        .collect();
    let mut open = 0isize;
    for t in &toks {
        if t.kind == TokKind::Punct {
            match t.text {
                "(" | "[" => open += 1,
                ")" | "]" => open -= 1,
                _ => {}
            }
        }
    }
    if open > 0 {
        return true;
    }
    match toks.last() {
        Some(t) if t.kind == TokKind::Punct => {
            // A comma outside brackets ends an initializer or enum line, kept as written.
            !matches!(
                t.text,
                ";" | "{" | "}" | ")" | "]" | ":" | "++" | "--" | ","
            )
        }
        _ => false,
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

/// How many statements a piece of code holds at its top level (an `if` with its `else`, a
/// `do ... while` and a braced block each count once).
pub fn count_statements(code: &str) -> usize {
    let toks: Vec<_> = tokens(code)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokKind::Comment | TokKind::Directive))
        .collect();
    let mut parens = 0usize;
    let mut braces = 0usize;
    let mut count = 0usize;
    for (i, tok) in toks.iter().enumerate() {
        let next = toks.get(i + 1).map(|t| t.text);
        match tok.text {
            "(" | "[" => parens += 1,
            ")" | "]" => parens = parens.saturating_sub(1),
            "{" => braces += 1,
            "}" => {
                braces = braces.saturating_sub(1);
                if braces == 0 && parens == 0 && !matches!(next, Some(";" | "else" | "while" | ","))
                {
                    count += 1;
                }
            }
            ";" if parens == 0 && braces == 0 && next != Some("else") => count += 1,
            _ => {}
        }
    }
    // Code that does not end in `;` or `}` (a macro statement) is a statement too.
    if let Some(last) = toks.last() {
        if !matches!(last.text, ";" | "}") {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn conditionals_balance_only_when_each_is_closed_inside() {
        assert!(conditionals_balanced("a\n#ifdef A\n+ 1\n#endif\n"));
        assert!(conditionals_balanced("#if X\n#else\n#endif\n"));
        assert!(!conditionals_balanced("#ifdef A\n+ 1\n"));
        assert!(!conditionals_balanced("+ 1\n#endif\n#ifdef B\n"));
        assert!(!conditionals_balanced("#define X 1\n"));
        // `%:` is a `#` only where the lexer reads it as one, never at a directive's start.
        assert!(!conditionals_balanced("%:if X\n%:endif\n"));
        assert!(is_trivia_or_directives("\n  #endif /* A */\n  "));
        assert!(!is_trivia_or_directives("\n  #endif\n x"));
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
    fn block_keeps_relative_layout() {
        assert_eq!(
            shift_block("\n\t\tfoo(a,\n\t\t    b);\n\t\tbar();\n"),
            ["foo(a,", "    b);", "bar();"]
        );
    }

    #[test]
    fn counts_statements() {
        assert_eq!(count_statements("foo(x);"), 1);
        assert_eq!(count_statements("foo(x);\nbar(x);"), 2);
        assert_eq!(count_statements("if (a) b(); else c();"), 1);
        assert_eq!(count_statements("for (i = 0; i < n; i++) { x(); }"), 1);
        assert_eq!(count_statements("do { x(); } while (y);"), 1);
        assert_eq!(count_statements("{ a(); b(); }"), 1);
        assert_eq!(count_statements("/* gone */"), 0);
        assert_eq!(count_statements("x = 1; LOCK_IT(x)"), 2);
    }
}
