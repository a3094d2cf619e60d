//! Added code as Coccinelle writes it: the tokens of a plus line spaced by its rules, code
//! bound to metavariables copied as it stands in the C file, and bound expressions
//! parenthesised where the operators around them bind tighter (`E * HZ` with `E` bound to
//! `a - b` gives `(a - b) * HZ`).

use crate::parens::needs_parens;
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
    out
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
        assert_eq!(render_plus_line(&line), "timeout = a * b * HZ;");
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
