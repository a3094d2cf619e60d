//! What may follow a metavariable's name in its declaration: constraints (`!= {a, b}`,
//! `=~ "regex"`, `<= r.x`, and script constraints), joined by `&&` and `||`.

use super::ctypes::balanced_raw;
use super::meta_name;
use crate::cursor::{Cursor, PResult};
use crate::lexer::TokKind;
use crate::model::{Constraint, ScriptConstraint};
use crate::regex_constraint::CompiledRegex;

pub(super) fn constraints(c: &mut Cursor) -> PResult<Vec<Constraint>> {
    let mut out = Vec::new();
    loop {
        let Some(first) = constraint_atom(c)? else {
            return Ok(out);
        };
        let mut alternatives = vec![first];
        while c.eat("||") {
            match constraint_atom(c)? {
                Some(a) => alternatives.push(a),
                None => return c.fail("expected a constraint after `||`"),
            }
        }
        if alternatives.len() == 1 {
            out.extend(alternatives);
        } else {
            out.push(Constraint::Any(alternatives));
        }
        if !c.eat("&&") {
            return Ok(out);
        }
    }
}

fn constraint_atom(c: &mut Cursor) -> PResult<Option<Constraint>> {
    Ok(Some(match c.peek_text() {
        "=~" | "!~" => {
            let negated = c.peek_text() == "!~";
            c.bump();
            let at = c.here();
            let pattern = c.string("a regular expression in quotes")?;
            match CompiledRegex::new(&pattern, c.regex_dialect) {
                Ok(regex) => Constraint::Regex {
                    negated,
                    pattern,
                    regex,
                },
                Err(e) => {
                    // The pattern starts after the opening quote.
                    let start = at.start + 1 + e.range.start;
                    let end = (at.start + 1 + e.range.end).min(at.end);
                    c.diags.error(
                        c.file,
                        start..end.max(start),
                        format!("invalid regular expression: {}", e.message),
                    );
                    // No alternative holds: the rule is refused anyway, and the declaration
                    // is kept so that its uses are not reported as unknown names.
                    Constraint::Any(Vec::new())
                }
            }
        }
        "=" | "!=" => {
            let negated = c.peek_text() == "!=";
            c.bump();
            let values = compare_values(c)?;
            Constraint::Compare { negated, values }
        }
        "<=" => {
            c.bump();
            Constraint::SubTermOf(compare_values(c)?)
        }
        ":" => {
            c.bump();
            Constraint::Script(script_constraint(c)?)
        }
        _ => return Ok(None),
    }))
}

/// Joins token texts, with a space only where two words would otherwise merge.
fn join_tokens(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        let word = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
        if word(out.chars().last()) && word(p.chars().next())
            || (p == &"*" && word(out.chars().last()))
        {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// `{a, b, r.c}`, `{+, -}`, `x`, `r.x`, `0`, `-1`, `+`, `r.T *`.
pub(super) fn compare_values(c: &mut Cursor) -> PResult<Vec<String>> {
    if c.eat("{") {
        let mut values = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        let mut depth = 0usize;
        loop {
            let Some(t) = c.bump() else {
                return c.fail("unclosed `{` in a constraint");
            };
            let text = t.text(c.src);
            match text {
                "," | "}" if depth == 0 => {
                    if !current.is_empty() {
                        values.push(join_tokens(&current));
                        current.clear();
                    }
                    if text == "}" {
                        return Ok(values);
                    }
                }
                ";" | "@@" => return c.fail("expected `}` to close the constraint"),
                _ => {
                    match text {
                        "{" | "(" | "[" => depth += 1,
                        "}" | ")" | "]" => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    current.push(text)
                }
            }
        }
    }
    let mut parts: Vec<&str> = Vec::new();
    while let Some(t) = c.peek() {
        let text = t.text(c.src);
        let stop = t.kind != TokKind::Str && matches!(text, "," | ";" | "&&" | "||" | "]" | "@@");
        if stop {
            break;
        }
        parts.push(text);
        c.bump();
    }
    if parts.is_empty() {
        return c.fail("expected a value after the comparison");
    }
    Ok(vec![join_tokens(&parts)])
}

/// `script:python (a, r.b) { code }`, the cursor at `script`.
pub(super) fn script_constraint(c: &mut Cursor) -> PResult<ScriptConstraint> {
    c.expect("script")?;
    c.expect(":")?;
    let (language, _) = c.ident("a script language")?;
    let mut params = Vec::new();
    c.expect("(")?;
    if !c.eat(")") {
        loop {
            params.push(meta_name(c)?.0);
            if c.eat(",") {
                continue;
            }
            c.expect(")")?;
            break;
        }
    }
    let raw = balanced_raw(c, "{", "}")?;
    let code = raw[1..raw.len() - 1].trim().to_string();
    Ok(ScriptConstraint {
        language,
        params,
        code,
    })
}
