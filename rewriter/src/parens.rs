//! Parentheses where precedence needs them: an expression inserted between operators that
//! bind tighter than its own top-level operator (`(a - b) * HZ`).

use crate::scan::{ends_operand, is_keyword, tokens, Tok, TokKind};

/// C precedence levels, loosest first. `Postfix` covers primary expressions too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Prec {
    Comma = 1,
    Assign,
    Conditional,
    LogicalOr,
    LogicalAnd,
    BitOr,
    BitXor,
    BitAnd,
    Equality,
    Relational,
    Shift,
    Additive,
    Multiplicative,
    Unary,
    Postfix,
}

/// The precedence of a binary (or ternary/assignment/comma) operator, by its spelling.
pub fn binary_prec(op: &str) -> Option<Prec> {
    Some(match op {
        "," => Prec::Comma,
        "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "^=" | "|=" => Prec::Assign,
        "?" | ":" => Prec::Conditional,
        "||" => Prec::LogicalOr,
        "&&" => Prec::LogicalAnd,
        "|" => Prec::BitOr,
        "^" => Prec::BitXor,
        "&" => Prec::BitAnd,
        "==" | "!=" => Prec::Equality,
        "<" | ">" | "<=" | ">=" => Prec::Relational,
        "<<" | ">>" => Prec::Shift,
        "+" | "-" => Prec::Additive,
        "*" | "/" | "%" => Prec::Multiplicative,
        _ => return None,
    })
}

fn is_open(t: &str) -> bool {
    matches!(t, "(" | "[" | "{")
}

fn is_close(t: &str) -> bool {
    matches!(t, ")" | "]" | "}")
}

/// The loosest operator at the top level of an expression's text: its precedence as a whole.
pub fn expression_prec(code: &str) -> Prec {
    let toks: Vec<Tok<'_>> = tokens(code)
        .into_iter()
        .filter(|t| t.kind != TokKind::Comment)
        .collect();
    let mut depth = 0usize;
    let mut loosest = Prec::Postfix;
    let mut prev: Option<&Tok<'_>> = None;
    for (i, tok) in toks.iter().enumerate() {
        if tok.kind == TokKind::Punct && is_open(tok.text) {
            // A parenthesised type followed by an operand at the top level is a cast.
            if depth == 0 && tok.text == "(" && i == 0 && loosest > Prec::Unary {
                if let Some(close) = matching_close(&toks, i) {
                    if close + 1 < toks.len()
                        && starts_operand(&toks[close + 1])
                        && looks_like_type(&toks[i + 1..close])
                    {
                        loosest = Prec::Unary;
                    }
                }
            }
            depth += 1;
        } else if tok.kind == TokKind::Punct && is_close(tok.text) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            let binary_position = prev.is_some_and(ends_operand);
            if tok.kind == TokKind::Punct {
                if binary_position {
                    if let Some(p) = binary_prec(tok.text) {
                        loosest = loosest.min(p);
                    }
                } else if i == 0
                    && matches!(tok.text, "!" | "~" | "-" | "+" | "*" | "&" | "++" | "--")
                {
                    loosest = loosest.min(Prec::Unary);
                }
            } else if i == 0
                && tok.kind == TokKind::Ident
                && matches!(tok.text, "sizeof" | "alignof" | "_Alignof" | "__alignof__")
            {
                loosest = loosest.min(Prec::Unary);
            }
        }
        prev = Some(tok);
    }
    loosest
}

/// Whether the `(` at `open` starts a cast: a type in parentheses followed by an operand.
pub fn is_cast_at(toks: &[Tok<'_>], open: usize) -> bool {
    let Some(close) = matching_close(toks, open) else {
        return false;
    };
    close + 1 < toks.len()
        && starts_operand(&toks[close + 1])
        && looks_like_type(&toks[open + 1..close])
        && !(toks[close + 1].kind == TokKind::Punct
            && matches!(toks[close + 1].text, "-" | "+" | "*" | "&")
            && toks[open + 1..close].len() == 1
            && !is_type_word(toks[open + 1].text))
}

fn matching_close(toks: &[Tok<'_>], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if t.kind == TokKind::Punct && is_open(t.text) {
            depth += 1;
        } else if t.kind == TokKind::Punct && is_close(t.text) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

fn starts_operand(t: &Tok<'_>) -> bool {
    match t.kind {
        TokKind::Ident | TokKind::Number | TokKind::Str | TokKind::Char => true,
        TokKind::Punct => matches!(
            t.text,
            "(" | "!" | "~" | "-" | "+" | "*" | "&" | "++" | "--"
        ),
        _ => false,
    }
}

fn looks_like_type(inner: &[Tok<'_>]) -> bool {
    !inner.is_empty()
        && inner
            .iter()
            .all(|t| t.kind == TokKind::Ident || (t.kind == TokKind::Punct && t.text == "*"))
        && inner
            .iter()
            .any(|t| t.kind == TokKind::Ident && !is_keyword(t.text))
        && inner
            .last()
            .is_some_and(|t| t.text == "*" || inner.len() >= 2 || is_type_word(t.text))
}

fn is_type_word(w: &str) -> bool {
    matches!(
        w,
        "int"
            | "long"
            | "short"
            | "char"
            | "unsigned"
            | "signed"
            | "void"
            | "float"
            | "double"
            | "bool"
            | "_Bool"
    ) || w.ends_with("_t")
        || w.starts_with("u") && w[1..].parse::<u8>().is_ok()
        || w.starts_with("s") && w[1..].parse::<u8>().is_ok()
        || w.starts_with("__u")
        || w.starts_with("__s")
        || w.starts_with("__le")
        || w.starts_with("__be")
}

/// How tightly the surrounding text holds an expression placed between `before` and `after`:
/// the expression needs parentheses when its own precedence is below what the context asks.
pub fn needs_parens(before: &str, code: &str, after: &str) -> bool {
    let inner = expression_prec(code);
    // `-` followed by `-x` would lex as `--`.
    let glued = before
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '-' | '+'))
        && code.trim_start().chars().next() == before.trim_end().chars().last();
    if glued {
        return true;
    }
    if inner == Prec::Postfix {
        return false;
    }
    let left_need = left_requirement(before);
    let right_need = right_requirement(after);
    // A product or quotient left of `*`, `/` or `%` is grouped although C does not need it:
    // with integer division the grouping is what a reader checks first (`(t / 4) * HZ`),
    // and spatch writes it so.
    let grouped_product = inner == Prec::Multiplicative && right_need == Prec::Multiplicative;
    inner < left_need || inner < right_need || grouped_product
}

/// The precedence an operand must have to sit right of the context's last token.
fn left_requirement(before: &str) -> Prec {
    let toks = tail_tokens(before, 2);
    let Some(last) = toks.last() else {
        return Prec::Comma;
    };
    if last.kind == TokKind::Ident {
        return if matches!(last.text, "sizeof" | "alignof" | "_Alignof" | "__alignof__") {
            Prec::Unary
        } else {
            Prec::Comma
        };
    }
    if last.kind != TokKind::Punct {
        return Prec::Comma;
    }
    // `int *` / `struct foo *` before a name: a declarator, not an operator.
    if last.text == "*"
        && toks.len() == 2
        && toks[0].kind == TokKind::Ident
        && is_type_word(toks[0].text)
    {
        return Prec::Comma;
    }
    let binary = toks.len() == 2 && ends_operand(&toks[0]);
    match last.text {
        "->" | "." => Prec::Postfix,
        "++" | "--" => Prec::Postfix,
        "!" | "~" => Prec::Unary,
        "-" | "+" | "*" | "&" if !binary => Prec::Unary,
        // Left-associative: a right operand of the same level needs parentheses.
        op => match binary_prec(op) {
            Some(Prec::Comma) => Prec::Assign,
            Some(Prec::Assign) => Prec::Assign,
            Some(Prec::Conditional) if op == "?" => Prec::Comma,
            Some(Prec::Conditional) => Prec::Comma, // `:` may be a label or `case`: leave it.
            Some(p) => next_tighter(p),
            None => Prec::Comma,
        },
    }
}

/// The precedence an operand must have to sit left of the context's first token.
fn right_requirement(after: &str) -> Prec {
    let toks = tokens(after);
    let Some(first) = toks.iter().find(|t| t.kind != TokKind::Comment) else {
        return Prec::Comma;
    };
    if first.kind != TokKind::Punct {
        return Prec::Comma;
    }
    match first.text {
        "->" | "." | "[" | "(" | "++" | "--" => Prec::Postfix,
        "?" => Prec::LogicalOr,
        op => match binary_prec(op) {
            Some(Prec::Comma) => Prec::Assign,
            Some(Prec::Assign) => Prec::Unary,
            Some(Prec::Conditional) => Prec::Comma,
            Some(p) => p,
            None => Prec::Comma,
        },
    }
}

fn next_tighter(p: Prec) -> Prec {
    match p {
        Prec::Comma => Prec::Assign,
        Prec::Assign => Prec::Conditional,
        Prec::Conditional => Prec::LogicalOr,
        Prec::LogicalOr => Prec::LogicalAnd,
        Prec::LogicalAnd => Prec::BitOr,
        Prec::BitOr => Prec::BitXor,
        Prec::BitXor => Prec::BitAnd,
        Prec::BitAnd => Prec::Equality,
        Prec::Equality => Prec::Relational,
        Prec::Relational => Prec::Shift,
        Prec::Shift => Prec::Additive,
        Prec::Additive => Prec::Multiplicative,
        Prec::Multiplicative => Prec::Unary,
        Prec::Unary | Prec::Postfix => Prec::Postfix,
    }
}

/// The last `n` non-comment tokens of the text's last few lines (enough context to tell a
/// binary `-` from a unary one).
fn tail_tokens(before: &str, n: usize) -> Vec<Tok<'_>> {
    let mut cut = before.len().saturating_sub(256);
    while !before.is_char_boundary(cut) {
        cut -= 1;
    }
    // Start at a line boundary so that a directive or comment is not cut in half.
    let start = before[cut..]
        .find('\n')
        .map(|p| cut + p + 1)
        .filter(|_| cut > 0)
        .unwrap_or(cut);
    let toks: Vec<Tok<'_>> = tokens(&before[start..])
        .into_iter()
        .filter(|t| t.kind != TokKind::Comment)
        .collect();
    toks[toks.len().saturating_sub(n)..].to_vec()
}

/// `code` as it should be written in place of `range` of `text`: parenthesised if the
/// neighbouring operators bind tighter than its own.
pub fn parenthesize_in_context(text: &str, range: std::ops::Range<usize>, code: &str) -> String {
    let before = text.get(..range.start).unwrap_or("");
    let after = text.get(range.end..).unwrap_or("");
    if needs_parens(before, code, after) {
        format!("({code})")
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expression_precedence() {
        assert_eq!(expression_prec("a - b"), Prec::Additive);
        assert_eq!(expression_prec("f(a - b, c)"), Prec::Postfix);
        assert_eq!(expression_prec("a->b[c]"), Prec::Postfix);
        assert_eq!(expression_prec("-x"), Prec::Unary);
        assert_eq!(expression_prec("*p * 2"), Prec::Multiplicative);
        assert_eq!(expression_prec("(long)x"), Prec::Unary);
        assert_eq!(expression_prec("(a) + b"), Prec::Additive);
        assert_eq!(expression_prec("x ? y : z"), Prec::Conditional);
        assert_eq!(expression_prec("a = b"), Prec::Assign);
        assert_eq!(expression_prec("sizeof(*p)"), Prec::Unary);
    }

    #[test]
    fn parenthesises_where_needed() {
        let text = "timeout = T * HZ;";
        // `T` replaced by a subtraction: `*` binds tighter.
        assert_eq!(parenthesize_in_context(text, 10..11, "a - b"), "(a - b)");
        // A product left of `*` is grouped, as spatch does; a sum's operand is not.
        assert_eq!(parenthesize_in_context(text, 10..11, "a * b"), "(a * b)");
        assert_eq!(parenthesize_in_context(text, 10..11, "t / 4"), "(t / 4)");
        assert_eq!(
            parenthesize_in_context("x = T + 1;", 4..5, "a * b"),
            "a * b"
        );
        assert_eq!(
            parenthesize_in_context("x = HZ * T;", 9..10, "a / b"),
            "(a / b)"
        );
        assert_eq!(
            parenthesize_in_context(text, 10..11, "f(a - b)"),
            "f(a - b)"
        );
        // Right operand of `-` at the same level.
        assert_eq!(
            parenthesize_in_context("x = y - Z;", 8..9, "a - b"),
            "(a - b)"
        );
        assert_eq!(
            parenthesize_in_context("x = Z - y;", 4..5, "a - b"),
            "a - b"
        );
        // Unary and postfix contexts.
        assert_eq!(
            parenthesize_in_context("if (!X)", 5..6, "a && b"),
            "(a && b)"
        );
        assert_eq!(parenthesize_in_context("X->f = 1;", 0..1, "*p"), "(*p)");
        assert_eq!(parenthesize_in_context("y = *X;", 5..6, "p + 1"), "(p + 1)");
        assert_eq!(
            parenthesize_in_context("y = a * X;", 8..9, "p + 1"),
            "(p + 1)"
        );
        assert_eq!(parenthesize_in_context("y = !X;", 5..6, "*p"), "*p");
        assert_eq!(
            parenthesize_in_context("int *X;", 5..6, "d = f(1)"),
            "d = f(1)"
        );
        assert_eq!(parenthesize_in_context("y = -X;", 5..6, "-p"), "(-p)");
        // Plain contexts.
        assert_eq!(parenthesize_in_context("f(X, y);", 2..3, "a + b"), "a + b");
        assert_eq!(
            parenthesize_in_context("return X;", 7..8, "a ? b : c"),
            "a ? b : c"
        );
        assert_eq!(parenthesize_in_context("f(X, y);", 2..3, "a, b"), "(a, b)");
        assert_eq!(
            parenthesize_in_context("X ? 1 : 2", 0..1, "a || b"),
            "a || b"
        );
        assert_eq!(
            parenthesize_in_context("X ? 1 : 2", 0..1, "a = b"),
            "(a = b)"
        );
    }
}
