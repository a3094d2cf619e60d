//! Coccinelle's spacing for added code: tokens of a plus line joined with spaces around binary
//! and assignment operators, after commas, semicolons in `for` headers and keywords, and none
//! inside parentheses, before `;`/`,`, or around `->`, `.` and unary operators.

use crate::scan::{ends_operand, tokens, Tok, TokKind};

/// Joins the token texts of one line of added code with Coccinelle's spacing.
pub fn join_tokens(texts: &[&str]) -> String {
    let joined = texts.join(" ");
    let toks = tokens(&joined);
    join_scanned(&toks)
}

/// Re-spaces a line of code (its tokens as the scanner splits them).
pub fn respace(code: &str) -> String {
    join_scanned(&tokens(code))
}

fn join_scanned(toks: &[Tok<'_>]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Tok<'_>> = None;
    // Whether each open parenthesis belongs to a `for` header (its `;`s take a space).
    let mut paren_is_for: Vec<bool> = Vec::new();
    let mut prev_unary = false;
    for tok in toks {
        let unary_here = tok.kind == TokKind::Punct
            && matches!(tok.text, "-" | "+" | "*" | "&" | "!" | "~" | "++" | "--")
            && !prev.is_some_and(ends_operand)
            || tok.kind == TokKind::Punct && matches!(tok.text, "!" | "~");
        if let Some(p) = prev {
            if space_between(p, tok, prev_unary, unary_here, &paren_is_for) {
                out.push(' ');
            }
        }
        if tok.kind == TokKind::Punct && tok.text == "(" {
            paren_is_for.push(prev.is_some_and(|p| p.kind == TokKind::Ident && p.text == "for"));
        } else if tok.kind == TokKind::Punct && tok.text == ")" {
            paren_is_for.pop();
        }
        out.push_str(tok.text);
        prev = Some(tok);
        prev_unary = unary_here;
    }
    out
}

fn is_control_keyword(w: &str) -> bool {
    matches!(
        w,
        "if" | "while" | "for" | "switch" | "return" | "sizeof" | "case" | "do" | "else" | "goto"
    )
}

fn space_between(
    prev: &Tok<'_>,
    tok: &Tok<'_>,
    prev_unary: bool,
    unary_here: bool,
    paren_is_for: &[bool],
) -> bool {
    use TokKind::*;
    if tok.kind == Comment || prev.kind == Comment {
        return true;
    }
    let p = prev.text;
    let t = tok.text;
    if prev.kind == Punct && prev_unary {
        return false;
    }
    if tok.kind == Punct {
        match t {
            ";" => return false,
            "," | ")" | "]" | "->" | "." => return false,
            "(" => {
                // A call or a macro takes no space; a control keyword or a cast's operand does.
                // spatch 1.1.1 writes `for(` (and no space after the header's `;`s).
                return prev.kind == Ident && is_control_keyword(p) && p != "sizeof" && p != "for"
                    || prev.kind == Punct && !matches!(p, "(" | "[" | ")" | "]");
            }
            "[" => return false,
            "++" | "--" if prev.kind != Punct || matches!(p, ")" | "]") => return false,
            "{" => return true,
            "}" => return p != "{",
            ":" => return true,
            _ => {}
        }
        if unary_here {
            return !(prev.kind == Punct && matches!(p, "(" | "[" | "~" | "!"));
        }
        if matches!(t, "?") || crate::parens::binary_prec(t).is_some() {
            return true;
        }
    }
    if prev.kind == Punct && p == ";" {
        // Inside a `for` header spatch 1.1.1 writes no space; elsewhere statements follow.
        return !paren_is_for.last().copied().unwrap_or(false);
    }
    if prev.kind == Punct {
        return !matches!(p, "(" | "[" | "->" | "." | "~" | "!");
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_like_coccinelle() {
        assert_eq!(respace("baz(x,1);"), "baz(x, 1);");
        assert_eq!(respace("if(a&&!b)"), "if (a && !b)");
        assert_eq!(respace("x=*p+-y;"), "x = *p + -y;");
        assert_eq!(respace("p->f[i]++;"), "p->f[i]++;");
        assert_eq!(respace("for(i=0;i<n;i++)"), "for(i = 0;i < n;i++)");
        assert_eq!(respace("return -EINVAL;"), "return -EINVAL;");
        assert_eq!(respace("a = sizeof(*p);"), "a = sizeof(*p);");
        assert_eq!(respace("x = c ? a : b;"), "x = c ? a : b;");
        assert_eq!(respace("kfree(&s->x);"), "kfree(&s->x);");
        assert_eq!(
            join_tokens(&["foo", "(", "a", ",", "b", ")", ";"]),
            "foo(a, b);"
        );
    }
}
