//! Added code as Coccinelle writes it: the tokens of a plus line spaced by its rules, code
//! bound to metavariables copied as it stands in the C file, and bound expressions
//! parenthesised where the operators around them bind tighter (`E * HZ` with `E` bound to
//! `a - b` gives `(a - b) * HZ`).

use crate::parens::needs_parens;
use crate::scan::{tokens, TokKind};
use crate::spacing::respace;

/// One piece of a plus line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlusPiece {
    /// A token written in the rule (spaced by Coccinelle's rules).
    Token(String),
    /// Code bound to a metavariable, as it stands in the C file (kept verbatim).
    Bound(String),
    /// A bound expression: verbatim, parenthesised if its neighbours need it.
    BoundExpr(String),
}

/// Renders one line of added code.
pub fn render_plus_line(pieces: &[PlusPiece]) -> String {
    // Each bound piece is replaced by a placeholder identifier for spacing, then put back.
    let mut skeleton: Vec<String> = Vec::with_capacity(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        match p {
            PlusPiece::Token(t) => skeleton.push(t.clone()),
            PlusPiece::Bound(_) | PlusPiece::BoundExpr(_) => skeleton.push(placeholder(i)),
        }
    }
    let mut out = respace(&skeleton.join(" "));
    for (i, p) in pieces.iter().enumerate() {
        let code = match p {
            PlusPiece::Token(_) => continue,
            PlusPiece::Bound(code) => code.trim().to_string(),
            PlusPiece::BoundExpr(code) => {
                let code = code.trim();
                let mark = placeholder(i);
                // Placeholders still in the line stand for operands, as identifiers do.
                let Some(at) = out.find(&mark) else { continue };
                if needs_parens(&out[..at], code, &out[at + mark.len()..]) {
                    format!("({code})")
                } else {
                    code.to_string()
                }
            }
        };
        let mark = placeholder(i);
        if let Some(at) = out.find(&mark) {
            out.replace_range(at..at + mark.len(), &code);
        }
    }
    break_statements(&out)
}

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
    let flush = |lines: &mut Vec<(usize, String)>, current: &mut String, level: usize| {
        if !current.trim().is_empty() {
            lines.push((level, std::mem::take(current).trim().to_string()));
        }
        current.clear();
    };
    for (i, tok) in toks.iter().enumerate() {
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

/// Renders several plus lines, joined with newlines; [`crate::Rewrite`] indents them (nested
/// braces one tab deeper) when it places them.
pub fn render_plus_lines(lines: &[Vec<PlusPiece>]) -> String {
    lines
        .iter()
        .map(|l| render_plus_line(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn placeholder(i: usize) -> String {
    format!("__rcocci_bound_{i}__")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> PlusPiece {
        PlusPiece::Token(s.into())
    }

    #[test]
    fn bound_expression_gets_parentheses() {
        let line = [
            t("timeout"),
            t("="),
            PlusPiece::BoundExpr("a - b".into()),
            t("*"),
            t("HZ"),
            t(";"),
        ];
        assert_eq!(render_plus_line(&line), "timeout = (a - b) * HZ;");
        let line = [
            t("timeout"),
            t("="),
            PlusPiece::BoundExpr("a * b".into()),
            t("*"),
            t("HZ"),
            t(";"),
        ];
        assert_eq!(render_plus_line(&line), "timeout = (a * b) * HZ;");
    }

    #[test]
    fn bound_code_is_verbatim_and_tokens_are_spaced() {
        let line = [
            PlusPiece::BoundExpr("lsi->lsi_offsets".into()),
            t("="),
            t("kzalloc"),
            t("("),
            PlusPiece::BoundExpr("count  *  sizeof(__u64)".into()),
            t(","),
            t("GFP_NOFS"),
            t(")"),
            t(";"),
        ];
        assert_eq!(
            render_plus_line(&line),
            "lsi->lsi_offsets = kzalloc(count  *  sizeof(__u64), GFP_NOFS);"
        );
        let line = [
            t("kfree"),
            t("("),
            PlusPiece::Bound("ptr".into()),
            t(")"),
            t(";"),
        ];
        assert_eq!(render_plus_line(&line), "kfree(ptr);");
    }

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
    fn sizeof_of_a_dereference() {
        let line = [
            t("sizeof"),
            t("("),
            t("*"),
            PlusPiece::BoundExpr("p + 1".into()),
            t(")"),
        ];
        assert_eq!(render_plus_line(&line), "sizeof(*(p + 1))");
    }
}
