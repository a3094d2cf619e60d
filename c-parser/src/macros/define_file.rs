//! Reading a macro file: logical lines (continuations joined, comments removed) and the
//! `#define` / `#undef` directives on them.

use super::MacroFileError;

/// One `#define`, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Definition {
    /// 1-based line of the `#define`.
    pub line: usize,
    pub name: String,
    /// `None` for an object-like macro; `...` for a variadic tail (`args...` keeps its name).
    pub params: Option<Vec<String>>,
    /// The replacement text with comments removed and continuations joined, trimmed.
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Directive {
    Define(Definition),
    Undef { name: String },
}

/// A line of the file after continuations are joined and comments become spaces; `line` is
/// where it starts.
struct LogicalLine {
    line: usize,
    text: String,
}

/// Splits the file into logical lines. Comments are replaced by a space (as the preprocessor
/// does before it reads directives), so a block comment may span lines inside a `#define`.
fn logical_lines(text: &str) -> (Vec<LogicalLine>, Vec<MacroFileError>) {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut current = String::new();
    let mut start_line = 1;
    let mut line = 1;
    let mut chars = text.chars().peekable();
    // Inside a string or character literal: the quote that ends it.
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'\n') || chars.peek() == Some(&'\r') => {
                if chars.next() == Some('\r') && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                current.push(' ');
            }
            '\\' if quote.is_some() => {
                current.push(c);
                if let Some(&next) = chars.peek() {
                    if next != '\n' {
                        current.push(next);
                        chars.next();
                    }
                }
            }
            '\n' => {
                if quote.take().is_some() {
                    errors.push(MacroFileError {
                        line,
                        message: "unterminated string or character literal".into(),
                    });
                }
                lines.push(LogicalLine {
                    line: start_line,
                    text: std::mem::take(&mut current),
                });
                line += 1;
                start_line = line;
            }
            '"' | '\'' if quote.is_none() => {
                quote = Some(c);
                current.push(c);
            }
            c if Some(c) == quote => {
                quote = None;
                current.push(c);
            }
            '/' if quote.is_none() && chars.peek() == Some(&'*') => {
                chars.next();
                let comment_line = line;
                let mut closed = false;
                while let Some(c) = chars.next() {
                    if c == '\n' {
                        line += 1;
                    } else if c == '*' && chars.peek() == Some(&'/') {
                        chars.next();
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    errors.push(MacroFileError {
                        line: comment_line,
                        message: "unterminated comment".into(),
                    });
                }
                current.push(' ');
            }
            '/' if quote.is_none() && chars.peek() == Some(&'/') => {
                while let Some(&c) = chars.peek() {
                    if c == '\n' {
                        break;
                    }
                    chars.next();
                }
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            _ => current.push(c),
        }
    }
    if quote.is_some() {
        errors.push(MacroFileError {
            line,
            message: "unterminated string or character literal".into(),
        });
    }
    if !current.trim().is_empty() {
        lines.push(LogicalLine {
            line: start_line,
            text: current,
        });
    }
    (lines, errors)
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '$'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Splits a leading identifier off `text`.
fn take_ident(text: &str) -> Option<(&str, &str)> {
    let first = text.chars().next()?;
    if !is_ident_start(first) {
        return None;
    }
    let end = text.find(|c: char| !is_ident_char(c)).unwrap_or(text.len());
    Some((&text[..end], &text[end..]))
}

/// Directives that may appear in a macro file but say nothing about macros. Conditionals are
/// not evaluated: every `#define` in the file counts, as in Coccinelle's macro files.
const IGNORED_DIRECTIVES: &[&str] = &[
    "if",
    "ifdef",
    "ifndef",
    "elif",
    "elifdef",
    "elifndef",
    "else",
    "endif",
    "include",
    "include_next",
    "pragma",
    "line",
    "error",
    "warning",
    "ident",
];

/// Reads the directives of a macro file. Malformed directives come back as errors; the good
/// lines are still returned.
#[cfg(test)]
pub(super) fn read_directives(text: &str) -> (Vec<Directive>, Vec<MacroFileError>) {
    let (directives, errors, _) = read_directives_and_code(text);
    (directives, errors)
}

/// [`read_directives`], and the lines that are C code rather than directives: spatch reads a
/// macro file as C, so such a line (`long name[N];` after a `#define` without its `\`, in
/// spatch's own standard.h) is accepted and defines nothing.
pub(super) fn read_directives_and_code(
    text: &str,
) -> (Vec<Directive>, Vec<MacroFileError>, Vec<usize>) {
    let (lines, mut errors) = logical_lines(text);
    let mut code_lines = Vec::new();
    let mut directives = Vec::new();
    for LogicalLine { line, text } in lines {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            continue;
        }
        let Some(directive) = trimmed.strip_prefix('#') else {
            code_lines.push(line);
            continue;
        };
        let directive = directive.trim_start();
        let (keyword, rest) = take_ident(directive).unwrap_or(("", directive));
        match keyword {
            "define" => match read_define(line, rest) {
                Ok(def) => directives.push(Directive::Define(def)),
                Err(message) => errors.push(MacroFileError { line, message }),
            },
            "undef" => match take_ident(rest.trim_start()) {
                Some((name, tail)) if tail.trim().is_empty() => directives.push(Directive::Undef {
                    name: name.to_string(),
                }),
                Some(_) => errors.push(MacroFileError {
                    line,
                    message: "extra text after the macro name in `#undef`".into(),
                }),
                None => errors.push(MacroFileError {
                    line,
                    message: "expected a macro name after `#undef`".into(),
                }),
            },
            "" if directive.trim().is_empty() => {} // the null directive `#`
            k if IGNORED_DIRECTIVES.contains(&k) => {}
            _ => errors.push(MacroFileError {
                line,
                message: format!("unknown directive `#{}`", excerpt(directive)),
            }),
        }
    }
    errors.sort_by_key(|e| e.line);
    (directives, errors, code_lines)
}

fn excerpt(text: &str) -> String {
    let word: String = text
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(40)
        .collect();
    word
}

/// Reads what follows `#define`: a name, an optional parameter list (the `(` must touch the
/// name), and the body.
fn read_define(line: usize, rest: &str) -> Result<Definition, String> {
    if !rest.starts_with(char::is_whitespace) {
        return Err("expected a macro name after `#define`".into());
    }
    let (name, after_name) =
        take_ident(rest.trim_start()).ok_or("expected a macro name after `#define`")?;
    if name == "defined" {
        return Err("`defined` cannot be used as a macro name".into());
    }
    let (params, body) = match after_name.strip_prefix('(') {
        Some(list) => {
            let close = list
                .find(')')
                .ok_or("missing `)` in the macro parameter list")?;
            (Some(read_params(&list[..close])?), &list[close + 1..])
        }
        None => {
            if !after_name.is_empty() && !after_name.starts_with(char::is_whitespace) {
                return Err(format!("expected whitespace after the macro name `{name}`"));
            }
            (None, after_name)
        }
    };
    Ok(Definition {
        line,
        name: name.to_string(),
        params,
        body: body.trim().to_string(),
    })
}

fn read_params(list: &str) -> Result<Vec<String>, String> {
    if list.trim().is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<&str> = list.split(',').map(str::trim).collect();
    let mut params: Vec<String> = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let name = part.strip_suffix("...").map(str::trim_end);
        let valid = match name {
            Some("") => last,
            Some(n) => last && take_ident(n).is_some_and(|(_, tail)| tail.is_empty()),
            None => take_ident(part).is_some_and(|(_, tail)| tail.is_empty()),
        };
        if !valid {
            return Err(if part.is_empty() {
                "empty macro parameter".to_string()
            } else if part.ends_with("...") {
                format!("`{part}` must be the last macro parameter")
            } else {
                format!("bad macro parameter `{part}`")
            });
        }
        let param = part.to_string();
        if params.contains(&param) {
            return Err(format!("duplicate macro parameter `{param}`"));
        }
        params.push(param);
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defines(text: &str) -> Vec<Definition> {
        let (directives, errors) = read_directives(text);
        assert_eq!(errors, vec![]);
        directives
            .into_iter()
            .filter_map(|d| match d {
                Directive::Define(def) => Some(def),
                Directive::Undef { .. } => None,
            })
            .collect()
    }

    fn error_lines(text: &str) -> Vec<(usize, String)> {
        read_directives(text)
            .1
            .into_iter()
            .map(|e| (e.line, e.message))
            .collect()
    }

    #[test]
    fn object_and_function_like() {
        let defs = defines("#define ENTRY\n#  define GOTO(label, rc) goto label\n");
        assert_eq!(defs[0].name, "ENTRY");
        assert_eq!(defs[0].params, None);
        assert_eq!(defs[0].body, "");
        assert_eq!(defs[1].line, 2);
        assert_eq!(
            defs[1].params,
            Some(vec!["label".to_string(), "rc".to_string()])
        );
        assert_eq!(defs[1].body, "goto label");
    }

    #[test]
    fn space_before_paren_makes_an_object_like_macro() {
        let defs = defines("#define NOARGS (1 + 2)\n#define EMPTY()\n");
        assert_eq!(defs[0].params, None);
        assert_eq!(defs[0].body, "(1 + 2)");
        assert_eq!(defs[1].params, Some(vec![]));
    }

    #[test]
    fn continuations_and_comments() {
        let text = "/* header\n   comment */\n#define foo_for_each(pos, head) \\\n\tfor (pos = (head); pos; /* next */ pos = pos->next) // trailing\n#define AFTER 1\n";
        let defs = defines(text);
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].line, 3);
        assert_eq!(defs[0].body, "for (pos = (head); pos;   pos = pos->next)");
        assert_eq!(defs[1].line, 5);
    }

    #[test]
    fn crlf_line_endings() {
        let defs = defines("#define A(x) \\\r\n  x\r\n#define B\r\n");
        assert_eq!(defs[0].body, "x");
        assert_eq!(defs[1].line, 3);
        assert_eq!(defs[1].name, "B");
    }

    #[test]
    fn comment_markers_inside_strings_are_text() {
        let defs = defines("#define URL \"http://example.org/*x*/\"\n");
        assert_eq!(defs[0].body, "\"http://example.org/*x*/\"");
    }

    #[test]
    fn variadic_parameters() {
        let defs = defines("#define A(fmt, ...) f(fmt, __VA_ARGS__)\n#define B(args...) g(args)\n");
        assert_eq!(
            defs[0].params,
            Some(vec!["fmt".to_string(), "...".to_string()])
        );
        assert_eq!(defs[1].params, Some(vec!["args...".to_string()]));
    }

    #[test]
    fn code_lines_are_counted_not_errors() {
        let (directives, errors, code) =
            read_directives_and_code("#define A(n) \\\n\tint n\n\tlong x[A(1)];\nint y;\n");
        assert_eq!(errors, vec![]);
        assert_eq!(directives.len(), 1);
        assert_eq!(code, vec![3, 4]);
    }

    #[test]
    fn undef_and_ignored_directives() {
        let (directives, errors) =
            read_directives("#ifdef X\n#undef FOO\n#include <linux/list.h>\n#endif\n#\n");
        assert_eq!(errors, vec![]);
        assert_eq!(directives, vec![Directive::Undef { name: "FOO".into() }]);
    }

    #[test]
    fn errors_are_reported_per_line() {
        let text = "#define ok 1\nint x;\n#define 3bad\n#define F(a, a) a\n#define G(a b) a\n\
                    #define H(a\n#undef\n#frobnicate\n#define V(..., a) a\n#define W+1\n";
        assert_eq!(
            error_lines(text),
            vec![
                (3, "expected a macro name after `#define`".to_string()),
                (4, "duplicate macro parameter `a`".to_string()),
                (5, "bad macro parameter `a b`".to_string()),
                (6, "missing `)` in the macro parameter list".to_string()),
                (7, "expected a macro name after `#undef`".to_string()),
                (8, "unknown directive `#frobnicate`".to_string()),
                (9, "`...` must be the last macro parameter".to_string()),
                (
                    10,
                    "expected whitespace after the macro name `W`".to_string()
                ),
            ]
        );
    }

    #[test]
    fn unterminated_comment_is_an_error() {
        assert_eq!(
            error_lines("#define A 1\n/* never closed\n#define B 2\n"),
            vec![(2, "unterminated comment".to_string())]
        );
    }
}
