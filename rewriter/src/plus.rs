//! Added code laid out as Coccinelle writes it: one statement per line.

use crate::scan::{tokens, TokKind};

/// Whether the `{` at `open` begins braces with no `;` inside up to its `}` (an initializer or
/// an enum body), which spatch keeps on one line.
fn is_initializer(toks: &[crate::scan::Tok<'_>], open: usize) -> bool {
    // Only after `=` (or inside another initializer or a call) or for an `enum`: a struct
    // body, even an empty one, is laid out over lines.
    let before = |n: usize| open.checked_sub(n).map(|j| toks[j].text);
    let enum_body = before(1) == Some("enum") || before(2) == Some("enum");
    if !enum_body && !matches!(before(1), Some("=" | "," | "(" | "{" | "return")) {
        return false;
    }
    let mut depth = 0usize;
    for t in &toks[open..] {
        match t.text {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            }
            ";" => return false,
            _ => {}
        }
    }
    false
}

/// Puts each statement of a line of code on a line of its own, as spatch prints added code:
/// a block's contents one tab deeper than its braces, the body of an unbraced `if`, loop or
/// `else` on the next line one tab deeper. The indentation is relative (tabs from zero).
pub fn break_statements(line: &str) -> String {
    let toks: Vec<_> = tokens(line)
        .into_iter()
        .filter(|t| t.kind != TokKind::Directive)
        .collect();
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut current = String::new();
    let mut braces = 0usize;
    let mut parens = 0usize;
    // Paren depth at which a control header's `(` was opened, while inside it.
    let mut header_at: Option<usize> = None;
    let mut body_extra = 0usize;
    let mut prev_end = 0usize;
    // Where the last statement put on a line of its own ended, while nothing followed it.
    let mut flushed_at: Option<usize> = None;
    let flush = |lines: &mut Vec<(usize, String)>, current: &mut String, level: usize| {
        if !current.trim().is_empty() {
            lines.push((level, std::mem::take(current).trim().to_string()));
        }
        current.clear();
    };
    for (i, tok) in toks.iter().enumerate() {
        let gap = &line[prev_end..tok.start];
        if tok.kind == TokKind::Comment && flushed_at == Some(prev_end) && !gap.contains('\n') {
            // A comment after a statement stays on its line, as written (`a(); /* c */`).
            if let Some((_, last)) = lines.last_mut() {
                last.push_str(gap);
                last.push_str(tok.text);
                prev_end = tok.start + tok.text.len();
                flushed_at = Some(prev_end);
                continue;
            }
        }
        if !current.is_empty() {
            current.push_str(&line[prev_end..tok.start]);
        }
        current.push_str(tok.text);
        prev_end = tok.start + tok.text.len();
        let next = toks.get(i + 1).map(|t| t.text);
        let level = braces + body_extra;
        match tok.text {
            "(" => {
                let prev = i.checked_sub(1).map(|j| toks[j].text);
                if parens == 0 && matches!(prev, Some("if" | "while" | "for" | "switch")) {
                    header_at = Some(parens);
                }
                parens += 1;
            }
            ")" => {
                parens = parens.saturating_sub(1);
                if header_at == Some(parens) {
                    header_at = None;
                    if !matches!(next, Some("{" | ";") | None) {
                        flush(&mut lines, &mut current, level);
                        body_extra += 1;
                    }
                }
            }
            "else" if parens == 0 && !matches!(next, Some("{" | "if") | None) => {
                flush(&mut lines, &mut current, level);
                body_extra += 1;
            }
            ";" if parens == 0 => {
                flush(&mut lines, &mut current, level);
                body_extra = 0;
            }
            "{" if parens == 0 && !is_initializer(&toks, i) => {
                flush(&mut lines, &mut current, level);
                braces += 1;
                body_extra = 0;
            }
            "{" => {
                // An initializer or enum body stays on its line: step over it.
                parens += 1;
            }
            "}" if parens > 0 => parens -= 1,
            "}" if parens == 0 => {
                current.truncate(current.len() - 1);
                flush(&mut lines, &mut current, level);
                braces = braces.saturating_sub(1);
                current.push('}');
                if !matches!(next, Some("else" | "while" | ";" | ",")) {
                    flush(&mut lines, &mut current, braces);
                }
            }
            _ => {}
        }
        flushed_at = current.is_empty().then_some(prev_end);
    }
    flush(&mut lines, &mut current, braces + body_extra);
    if lines.len() <= 1 {
        return line.to_string();
    }
    lines
        .iter()
        .map(|(level, text)| format!("{}{text}", "\t".repeat(*level)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_on_lines_of_their_own() {
        assert_eq!(break_statements("foo(a, b);"), "foo(a, b);");
        assert_eq!(
            break_statements("if (!p) return -ENOMEM;"),
            "if (!p)\n\treturn -ENOMEM;"
        );
        assert_eq!(
            break_statements("for(i = 0;i < n;i++) { bar(i); }"),
            "for(i = 0;i < n;i++) {\n\tbar(i);\n}"
        );
        assert_eq!(break_statements("while (x--) y++;"), "while (x--)\n\ty++;");
        assert_eq!(
            break_statements("if (x) { a(); } else { b(); }"),
            "if (x) {\n\ta();\n} else {\n\tb();\n}"
        );
        assert_eq!(
            break_statements("do { x++; } while (x < 3);"),
            "do {\n\tx++;\n} while (x < 3);"
        );
    }

    #[test]
    fn a_comment_after_a_statement_stays_on_its_line() {
        assert_eq!(break_statements("a(); /* c */ b();"), "a(); /* c */\nb();");
        assert_eq!(break_statements("b();   // d"), "b();   // d");
        assert_eq!(
            break_statements("if (x) { c(); /* e */ }"),
            "if (x) {\n\tc(); /* e */\n}"
        );
        // One before a statement goes with it.
        assert_eq!(break_statements("a(); b(); /* c */"), "a();\nb(); /* c */");
    }
}
