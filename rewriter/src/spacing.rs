//! Coccinelle's spacing for added code: tokens of a plus line joined with spaces around binary
//! and assignment operators, after commas, semicolons in `for` headers and keywords, and none
//! inside parentheses, before `;`/`,`, or around `->`, `.` and unary operators.

use crate::scan::{ends_operand, is_keyword, tokens, Tok, TokKind};

/// Joins the token texts of one line of added code with Coccinelle's spacing.
pub fn join_tokens(texts: &[&str]) -> String {
    let joined = texts.join(" ");
    let toks = tokens(&joined);
    join_scanned(&toks, false)
}

/// Re-spaces a line of code (its tokens as the scanner splits them).
pub fn respace(code: &str) -> String {
    join_scanned(&tokens(code), false)
}

/// Re-spaces a line of code that continues an expression whose left operand is not in it
/// (` * 1000` added after `E`): its first operator is binary, whatever it could be alone.
/// The caller knows this from the tree the code comes from.
pub fn respace_after_operand(code: &str) -> String {
    join_scanned(&tokens(code), true)
}

/// Words that name or qualify a type: a `*` after them makes a pointer, not a product, and
/// in parentheses before an operand they make a cast.
fn is_type_word(w: &str) -> bool {
    matches!(
        w,
        "int"
            | "char"
            | "short"
            | "long"
            | "unsigned"
            | "signed"
            | "void"
            | "float"
            | "double"
            | "_Bool"
            | "bool"
            | "const"
            | "volatile"
    ) || w.ends_with("_t")
        || fixed_width_type(w)
}

/// The kernel's fixed-width integer types: `u8`..`s64`, `__u32`, `__le16`, `__be64`.
fn fixed_width_type(w: &str) -> bool {
    let bits = ["__le", "__be", "__u", "__s", "u", "s"]
        .iter()
        .find_map(|prefix| w.strip_prefix(prefix));
    bits.is_some_and(|b| matches!(b, "8" | "16" | "32" | "64"))
}

fn join_scanned(toks: &[Tok<'_>], first_follows_operand: bool) -> String {
    let mut out = String::new();
    // Where each token written starts in `out`.
    let mut token_starts: Vec<usize> = Vec::new();
    let mut prev: Option<&Tok<'_>> = None;
    // Whether each open parenthesis belongs to a `for` header (its `;`s take a space), and
    // whether it is a cast's.
    let mut paren_is_for: Vec<bool> = Vec::new();
    let mut paren_is_cast: Vec<bool> = Vec::new();
    let mut prev_unary = false;
    // The previous token closed a cast: its operand follows without a space.
    let mut after_cast = false;
    // `?`s still waiting for their `:`; a `:` that closes none is a bit-field's (`u8 f:2`),
    // a label's or a case's, written against what precedes it.
    let mut open_ternaries = 0usize;
    let mut after_bitfield_colon = false;
    for (i, tok) in toks.iter().enumerate() {
        let colon = tok.kind == TokKind::Punct && tok.text == ":";
        let ternary_colon = colon && open_ternaries > 0;
        // `int *p`, `struct file *f`: a pointer declarator, written against its name.
        let pointer_after_type = tok.kind == TokKind::Punct
            && tok.text == "*"
            && prev.is_some_and(|p| {
                p.kind == TokKind::Ident && is_type_word(p.text)
                    || p.kind == TokKind::Ident
                        && i >= 2
                        && matches!(toks[i - 2].text, "struct" | "union" | "enum")
                    || p.kind == TokKind::Punct && p.text == "*" && prev_unary
            })
            || declaration_star(toks, i);
        let unary_here = tok.kind == TokKind::Punct
            && matches!(tok.text, "-" | "+" | "*" | "&" | "!" | "~" | "++" | "--")
            && !prev.map_or(first_follows_operand, ends_operand)
            || tok.kind == TokKind::Punct && matches!(tok.text, "!" | "~")
            // `(struct dt_key *)&key`: an operator right after a cast is its operand's.
            || after_cast
                && tok.kind == TokKind::Punct
                && matches!(tok.text, "-" | "+" | "*" | "&" | "++" | "--")
            || pointer_after_type;
        if let Some(p) = prev {
            let space = if after_cast || after_bitfield_colon || colon && !ternary_colon {
                false
            } else if p.kind == TokKind::Punct
                && p.text == "*"
                && matches!(tok.text, "const" | "volatile")
            {
                // `char * const p`
                true
            } else if pointer_after_type {
                !(p.kind == TokKind::Punct && p.text == "*")
            } else {
                space_between(p, tok, prev_unary, unary_here, &paren_is_for)
            };
            // Never two tokens into one (`0` `.` is not `0.`, `-` `-x` not `--x`): the last
            // two tokens written are what the next one could join.
            let tail = &out[token_starts
                .len()
                .checked_sub(2)
                .map_or(0, |i| token_starts[i])..];
            if space || crate::boundaries::seam_separator(tail, tok.text).is_some() {
                out.push(' ');
            }
        }
        // `(void *)(unsigned long)x`: a parenthesis right after a cast opens its operand
        // (another cast), not a call's arguments.
        let prev_closed_cast = std::mem::take(&mut after_cast);
        after_bitfield_colon = colon && !ternary_colon && is_bitfield_colon(toks, i);
        if tok.kind == TokKind::Punct && tok.text == "?" {
            open_ternaries += 1;
        } else if ternary_colon {
            open_ternaries -= 1;
        }
        if tok.kind == TokKind::Punct && tok.text == "(" {
            paren_is_for.push(prev.is_some_and(|p| p.kind == TokKind::Ident && p.text == "for"));
            // `sizeof(struct list_head) * n`: the type in parentheses is sizeof's operand,
            // not a cast of what follows.
            let callee = !prev_closed_cast
                && prev.is_some_and(|p| {
                    p.kind == TokKind::Ident && !crate::scan::is_keyword(p.text)
                        || matches!(
                            p.text,
                            ")" | "]"
                                | "sizeof"
                                | "alignof"
                                | "_Alignof"
                                | "__alignof__"
                                | "typeof"
                                | "__typeof__"
                        )
                });
            paren_is_cast.push(!callee && is_cast_at(toks, i));
        } else if tok.kind == TokKind::Punct && tok.text == ")" {
            paren_is_for.pop();
            after_cast = paren_is_cast.pop().unwrap_or(false);
        }
        token_starts.push(out.len());
        out.push_str(tok.text);
        prev = Some(tok);
        prev_unary = unary_here;
    }
    out
}

/// A `:` after a declaration's name (`u8 ready:1`): not a label's (`out:`) or a case's.
fn is_bitfield_colon(toks: &[Tok<'_>], i: usize) -> bool {
    let start = toks[..i]
        .iter()
        .rposition(|t| matches!(t.text, ";" | "{" | "}"))
        .map_or(0, |p| p + 1);
    let stmt = &toks[start..i];
    stmt.len() >= 2 && !matches!(stmt[0].text, "case" | "default")
}

/// `T *x;` (a type metavariable's value, or a typedef the word list does not know) at the
/// start of a statement: a declaration, since a product whose value is dropped is no code
/// anyone writes.
fn declaration_star(toks: &[Tok<'_>], i: usize) -> bool {
    let at_start = i == 1 || i >= 2 && matches!(toks[i - 2].text, ";" | "{" | "}");
    at_start
        && toks[i].text == "*"
        && toks[i - 1].kind == TokKind::Ident
        && !crate::scan::is_keyword(toks[i - 1].text)
        && toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Ident)
        && toks
            .get(i + 2)
            .is_some_and(|t| matches!(t.text, ";" | "=" | "," | "["))
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
        if is_binary_operator(tok) {
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

/// Whether the `(` at `open` starts a cast: a type in parentheses followed by an operand.
fn is_cast_at(toks: &[Tok<'_>], open: usize) -> bool {
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

fn is_open(t: &str) -> bool {
    matches!(t, "(" | "[" | "{")
}

fn is_close(t: &str) -> bool {
    matches!(t, ")" | "]" | "}")
}

/// Whether a token is a binary operator (assignment, `?:` and comma included).
fn is_binary_operator(tok: &Tok<'_>) -> bool {
    use c_parser::SyntaxKind::{COLON, COMMA, QUESTION};
    c_parser::ast::Prec::of_binary_operator(tok.syntax).is_some()
        || c_parser::ast::is_assignment_operator(tok.syntax)
        || matches!(tok.syntax, COMMA | QUESTION | COLON)
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
        assert_eq!(
            respace("n = sizeof(struct list_head)* *size;"),
            "n = sizeof(struct list_head) * *size;"
        );
        assert_eq!(
            respace("sizeof(*eagermsg)+ *max"),
            "sizeof(*eagermsg) + *max"
        );
        assert_eq!(
            respace("return (struct dt_key *)& it->key;"),
            "return (struct dt_key *)&it->key;"
        );
        assert_eq!(respace("x = c ? a : b;"), "x = c ? a : b;");
        assert_eq!(respace("u8 ready : 2;"), "u8 ready:2;");
        assert_eq!(
            respace("x = c ? (d ? 1 : 2) : 3;"),
            "x = c ? (d ? 1 : 2) : 3;"
        );
        assert_eq!(respace("kfree(&s->x);"), "kfree(&s->x);");
        assert_eq!(respace("int * x = g;"), "int *x = g;");
        assert_eq!(
            respace("static const char * const str"),
            "static const char * const str"
        );
        assert_eq!(
            respace("struct file * f, char ** argv"),
            "struct file *f, char **argv"
        );
        assert_eq!(
            respace("chip = (ak4117_t *) data;"),
            "chip = (ak4117_t *)data;"
        );
        assert_eq!(respace("x = (a) * b;"), "x = (a) * b;");
        // A statement starting `name * name;` declares a pointer (a typedef it cannot know).
        assert_eq!(respace("lu_fid * fid;"), "lu_fid *fid;");
        assert_eq!(respace("{ obd_dev * obd = NULL;"), "{ obd_dev *obd = NULL;");
        assert_eq!(respace("x = a * b;"), "x = a * b;");
        assert_eq!(respace("return a * b;"), "return a * b;");
        assert_eq!(respace("x = f(a) * b;"), "x = f(a) * b;");
        assert_eq!(respace("y = (int)x + sizeof x;"), "y = (int)x + sizeof x;");
        assert_eq!(
            respace("h((void *)(unsigned long)seed, s)"),
            "h((void *)(unsigned long)seed, s)"
        );
        assert_eq!(respace("x = f(a)(b);"), "x = f(a)(b);");
        assert_eq!(respace("* 1000"), "*1000");
        assert_eq!(respace_after_operand("* 1000"), "* 1000");
        assert_eq!(respace_after_operand("- -x"), "- -x");
        assert_eq!(
            join_tokens(&["foo", "(", "a", ",", "b", ")", ";"]),
            "foo(a, b);"
        );
    }
}
