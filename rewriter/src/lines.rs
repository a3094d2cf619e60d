//! Line and indentation helpers over the original text.

use crate::scan::{tokens, TokKind};

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
    text[..pos].rfind('\n').map(|p| p + 1).unwrap_or(0)
}

/// Byte offset of the `\n` ending the line holding `pos` (or the text's end).
pub fn line_end(text: &str, pos: usize) -> usize {
    let pos = floor_boundary(text, pos);
    text[pos..]
        .find('\n')
        .map(|p| pos + p)
        .unwrap_or(text.len())
}

/// The leading whitespace of the line holding `pos`.
pub fn line_indent(text: &str, pos: usize) -> &str {
    let start = line_start(text, pos);
    let line = &text[start..line_end(text, start)];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

/// Whether `s` holds only whitespace and comments.
pub fn is_trivia(s: &str) -> bool {
    tokens(s).iter().all(|t| t.kind == TokKind::Comment)
}

/// One indentation step in this file's style: a tab unless the file indents with spaces.
fn indent_unit(outer: &str) -> &'static str {
    if outer.is_empty() || outer.contains('\t') {
        "\t"
    } else if outer.len() % 8 == 0 {
        "        "
    } else if outer.len() % 4 == 0 {
        "    "
    } else {
        "\t"
    }
}

/// The indentation of code placed inside a block whose `{` is at `brace`: that of the block's
/// next line if deeper, else one step more than the brace's line.
pub fn indent_after_open(text: &str, brace: usize) -> String {
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
    format!("{outer}{}", indent_unit(outer))
}

/// The indentation of code placed before the `}` at `brace`: that of the previous line if
/// deeper, else one step more than the brace's line.
pub fn indent_before_close(text: &str, brace: usize) -> String {
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
    format!("{outer}{}", indent_unit(outer))
}

/// Lines of added code, ready to be prefixed with the context's indentation: surrounding empty
/// lines dropped, the common indentation removed, lines inside braces the code opens indented
/// one tab per level, continuation lines keeping their relative indentation.
pub fn layout_code(code: &str) -> Vec<String> {
    let raw: Vec<&str> = code.lines().map(str::trim_end).collect();
    let first = raw.iter().position(|l| !l.is_empty()).unwrap_or(raw.len());
    let last = raw
        .iter()
        .rposition(|l| !l.is_empty())
        .map(|p| p + 1)
        .unwrap_or(first);
    let raw = &raw[first..last];
    let common = raw
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut depth = 0usize;
    let mut out = Vec::with_capacity(raw.len());
    // Relative indentation of the line that began the current statement, and whether the
    // previous line completed one (else this line continues it).
    let mut stmt_indent = 0usize;
    let mut prev_complete = true;
    for line in raw {
        if line.is_empty() {
            out.push(String::new());
            continue;
        }
        let relative = &line[common.min(line.len() - line.trim_start_matches([' ', '\t']).len())..];
        let content = relative.trim_start_matches([' ', '\t']);
        let mut line_depth = depth;
        let mut opened = 0usize;
        let mut closed_first = 0usize;
        let mut seen_other = false;
        for tok in tokens(content) {
            if tok.kind != TokKind::Punct {
                seen_other = true;
                continue;
            }
            match tok.text {
                "{" => {
                    opened += 1;
                    seen_other = true;
                }
                "}" => {
                    if opened > 0 {
                        opened -= 1;
                    } else if !seen_other {
                        closed_first += 1;
                    } else {
                        depth = depth.saturating_sub(1);
                    }
                }
                _ => seen_other = true,
            }
        }
        line_depth = line_depth.saturating_sub(closed_first);
        depth = depth.saturating_sub(closed_first) + opened;
        let own_indent = relative.len() - content.len();
        let continuation = !prev_complete;
        if !continuation {
            stmt_indent = own_indent;
        }
        prev_complete = content.ends_with([';', '{', '}', ':', '/']) || content.starts_with('#');
        if line_depth == 0 {
            out.push(relative.to_string());
        } else if continuation {
            let extra = if own_indent > stmt_indent {
                &relative[stmt_indent..own_indent]
            } else {
                "\t"
            };
            out.push(format!("{}{extra}{content}", "\t".repeat(line_depth)));
        } else {
            out.push(format!("{}{content}", "\t".repeat(line_depth)));
        }
    }
    out
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

    #[test]
    fn lines_and_indents() {
        let text = "int f(void)\n{\n\tif (x) {\n\t\tfoo();\n\t}\n}\n";
        let brace = text.find("{\n\t\t").unwrap();
        assert_eq!(line_indent(text, text.find("foo").unwrap()), "\t\t");
        assert_eq!(indent_after_open(text, brace), "\t\t");
        assert_eq!(indent_after_open(text, text.find('{').unwrap()), "\t");
        let empty = "void g(void)\n{\n}\n";
        assert_eq!(indent_after_open(empty, empty.find('{').unwrap()), "\t");
        assert_eq!(indent_before_close(empty, empty.find('}').unwrap()), "\t");
        let close = text.find("\t}\n}").unwrap() + 1;
        assert_eq!(indent_before_close(text, close), "\t\t");
        let spaces = "void g(void)\n{\n    if (x) {\n    }\n}\n";
        assert_eq!(
            indent_after_open(spaces, spaces.find("{\n    }").unwrap()),
            "        "
        );
    }

    #[test]
    fn lays_out_added_code() {
        assert_eq!(
            layout_code("  if (x) {\n      foo(a,\n          b);\n  }\n"),
            ["if (x) {", "\tfoo(a,", "\t    b);", "}"]
        );
        assert_eq!(
            layout_code("\n   foo(a,\n       b);\n\n   bar();\n"),
            ["foo(a,", "    b);", "", "bar();"]
        );
        assert_eq!(
            layout_code("} else {\n  x();\n}"),
            ["} else {", "\tx();", "}"]
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
