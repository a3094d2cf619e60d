//! The C types a typed metavariable declaration names (`unsigned long E;`, `{int, long} x;`,
//! `struct foo *p;`), and the balanced raw text some declarations take.

use super::{at_name_start, meta_name, TYPE_WORDS};
use crate::cursor::{Cursor, PResult};
use crate::lexer::TokKind;

pub(super) fn optional_ctypes(c: &mut Cursor) -> PResult<(Vec<String>, bool)> {
    if at_name_start(c) {
        return Ok((Vec::new(), false));
    }
    ctypes_then_array(c)
}

pub(super) fn ctypes_then_array(c: &mut Cursor) -> PResult<(Vec<String>, bool)> {
    let types = ctypes(c, 0)?;
    let array = if c.at("[") && c.nth_text(1) == "]" {
        c.bump();
        c.bump();
        true
    } else {
        false
    };
    Ok((types, array))
}

const MAX_TYPE_DEPTH: usize = 50;

/// One C type, or `{t1, t2}` / `(t1 | t2)` alternatives, each followed by pointer stars.
fn ctypes(c: &mut Cursor, depth: usize) -> PResult<Vec<String>> {
    if depth > MAX_TYPE_DEPTH {
        return c.fail("type nested too deeply");
    }
    let close = match c.peek_text() {
        "{" => Some(("}", ",")),
        "(" => Some((")", "|")),
        _ => None,
    };
    let mut alternatives = Vec::new();
    if let Some((close, sep)) = close {
        c.bump();
        loop {
            alternatives.extend(ctype_words(c, depth + 1, true)?);
            if c.eat(sep) {
                continue;
            }
            c.expect(close)?;
            break;
        }
        let mut stars = String::new();
        while c.eat("*") {
            stars.push_str(" *");
        }
        return Ok(alternatives
            .into_iter()
            .map(|t| format!("{t}{stars}"))
            .collect());
    }
    ctype_words(c, depth, false)
}

/// One C type; inside `{...}` alternatives (`in_group`), a lone name is a type, not the name
/// being declared.
fn ctype_words(c: &mut Cursor, depth: usize, in_group: bool) -> PResult<Vec<String>> {
    if matches!(c.peek_text(), "{" | "(") {
        return ctypes(c, depth + 1);
    }
    let name_next = |c: &Cursor| !in_group && at_name_start(c);
    let mut words: Vec<String> = Vec::new();
    let mut has_base = false;
    loop {
        let t = c.peek_text();
        if c.nth_kind(0) == Some(TokKind::Str) {
            break;
        }
        if TYPE_WORDS.contains(&t) {
            has_base |= !matches!(t, "const" | "volatile");
            words.push(t.to_string());
            c.bump();
        } else if matches!(t, "struct" | "union" | "enum") {
            words.push(t.to_string());
            c.bump();
            if c.nth_kind(0) == Some(TokKind::Ident) && !name_next(c) {
                words.push(c.peek_text().to_string());
                c.bump();
            }
            has_base = true;
        } else if t == "typeof" || t == "__typeof__" {
            let mut text = t.to_string();
            c.bump();
            text.push_str(&balanced_raw(c, "(", ")")?);
            words.push(text);
            has_base = true;
        } else if t == "*" && !words.is_empty() {
            words.push("*".into());
            c.bump();
        } else if t == "*" && words.is_empty() {
            // `expression *E;`: a pointer to any type.
            words.push("*".into());
            c.bump();
            has_base = true;
        } else if c.nth_kind(0) == Some(TokKind::Ident) && !has_base && !name_next(c) {
            // A typedef name or type metavariable, possibly inherited (`r.T`).
            let (name, _) = meta_name(c)?;
            words.push(name.to_string());
            has_base = true;
        } else if t == ":"
            && has_base
            && matches!(c.nth_kind(1), Some(TokKind::Ident | TokKind::Int))
        {
            // A bit-field width: `int:5 x;`, `T:b x;`.
            c.bump();
            let width = c.peek_text().to_string();
            c.bump();
            match words.last_mut() {
                Some(last) => last.push_str(&format!(":{width}")),
                None => words.push(format!(":{width}")),
            }
        } else {
            break;
        }
    }
    if words.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![words.join(" ")])
}

/// The raw text of a balanced `open ... close` group, the cursor being at `open`.
pub(super) fn balanced_raw(c: &mut Cursor, open: &str, close: &str) -> PResult<String> {
    let start_tok = c.expect(open)?;
    let mut depth = 1usize;
    let mut end = start_tok.range.end;
    while depth > 0 {
        let Some(t) = c.bump() else {
            return c.fail(format!("unclosed `{open}`"));
        };
        let text = t.text(c.src);
        if t.kind == TokKind::Punct && text == open {
            depth += 1;
        } else if t.kind == TokKind::Punct && text == close {
            depth -= 1;
        }
        end = t.range.end;
    }
    Ok(c.src[start_tok.range.start..end].to_string())
}
