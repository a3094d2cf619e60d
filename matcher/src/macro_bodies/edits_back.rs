//! A rule's edits and matches in a wrapped `#define` body moved back to the file: offsets
//! shifted into the directive, every added line ended with a continuation backslash, and
//! the backslashes of changed lines kept in their column.

use super::{continuations_hold, DefineBody, Wrapped};
use rewriter::Edit;

/// Why a body's edits cannot be written into the file.
pub enum Unshifted {
    /// An edit reaches the wrapper: the `;` added after an expression body, which a
    /// statement pattern then matched. The body is an expression, and such a match is none.
    OutsideBody,
    /// The changed body would no longer be one directive (a line without its `\`), or an
    /// edit covers the `##` of a `, ## __VA_ARGS__`.
    WouldBreakMacro,
}

/// The wrapped body's edits moved to the file. A line an edit adds is ended with a
/// continuation backslash.
pub fn shift_edits(edits: &[Edit], w: &Wrapped, body: &DefineBody) -> Result<Vec<Edit>, Unshifted> {
    let lo = w.body_start;
    let hi = w.body_start + w.body_len;
    let mut out = Vec::new();
    for e in edits {
        let moved = at_next_line_start(e, w);
        let e = moved.as_ref().unwrap_or(e);
        // Spacing the layout took from around the body is the wrapper's, not the macro's.
        let start = if e.range.start < lo && w.text[e.range.start..lo].trim().is_empty() {
            lo
        } else {
            e.range.start
        };
        let end =
            if e.range.end > hi && hi <= e.range.end && w.text[hi..e.range.end].trim().is_empty() {
                hi
            } else {
                e.range.end
            };
        let end = end.max(start);
        if start < lo || end > hi {
            return Err(Unshifted::OutsideBody);
        }
        if w.comma_pastes
            .iter()
            .any(|&p| start - lo < p + 2 && p < end - lo)
        {
            return Err(Unshifted::WouldBreakMacro);
        }
        let shift = |x: usize| x - lo + body.offset;
        let replaced = &body.text[start - lo..end - lo];
        out.push(Edit::replace(
            shift(start)..shift(end),
            with_continuations(
                &w.with_pastes(&e.replacement),
                replaced,
                !body.text.contains('\n'),
            ),
        ));
    }
    let out = with_backslash_columns(out, body);
    match rewriter::apply_edits(&body.text, &shifted_to_body(&out, body)) {
        Ok(changed) if continuations_hold(&changed) => Ok(out),
        _ => Err(Unshifted::WouldBreakMacro),
    }
}

/// Lines added right after the last token of the body's first line (a statement after
/// `do {`) as an addition at the start of the next line, indented like it: the layout
/// indents them from the first line, which the body shares with the wrapper, whose
/// indentation is not the macro's; and whole added lines get their continuations aligned
/// with the others.
fn at_next_line_start(e: &Edit, w: &Wrapped) -> Option<Edit> {
    let rest = e.replacement.strip_prefix('\n')?;
    let on_first_line = w
        .text
        .get(w.body_start..e.range.start)
        .is_some_and(|before| !before.contains('\n'));
    if !e.range.is_empty() || rest.ends_with('\n') || !on_first_line {
        return None;
    }
    let line_end = e.range.start + w.text[e.range.start..].find('\n')?;
    let next = line_end + 1;
    if !w.text[e.range.start..line_end].trim().is_empty() || next >= w.body_start + w.body_len {
        return None;
    }
    let indent_of = |t: &str| t.len() - t.trim_start_matches([' ', '\t']).len();
    let indent = &w.text[next..next + indent_of(&w.text[next..])];
    let old_indent = &rest[..indent_of(rest)];
    let lines: Vec<String> = rest
        .split('\n')
        .map(|line| match line.strip_prefix(old_indent) {
            Some(code) => format!("{indent}{code}"),
            None => line.to_string(),
        })
        .collect();
    Some(Edit::replace(next..next, format!("{}\n", lines.join("\n"))))
}

/// Edits (in file offsets, in order) that touch a common line of the body made one, so
/// that the lines they change are aligned together (lines added before and after one
/// statement).
fn merged_by_line(edits: Vec<Edit>, body: &DefineBody) -> Vec<Edit> {
    let text = body.text.as_str();
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        if let Some(prev) = out.last_mut() {
            let (prev_end, start) = (prev.range.end - body.offset, e.range.start - body.offset);
            if prev_end <= start && !text[prev_end..start].contains('\n') {
                prev.replacement.push_str(&text[prev_end..start]);
                prev.replacement.push_str(&e.replacement);
                prev.range.end = e.range.end;
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// The edits widened to whole lines, with the continuation backslashes of the lines they
/// change put back in the columns they had (kernel macros align them; a new line takes the
/// column of the line before it), or one space after code that reaches past that column. An
/// edit that still shares a line with another (they were not in order) is left as it is.
fn with_backslash_columns(edits: Vec<Edit>, body: &DefineBody) -> Vec<Edit> {
    let edits = merged_by_line(edits, body);
    let text = body.text.as_str();
    let lines_of = |e: &Edit| {
        let (start, end) = (e.range.start - body.offset, e.range.end - body.offset);
        let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = if end > start && text[..end].ends_with('\n') {
            end
        } else {
            text[end..].find('\n').map_or(text.len(), |n| end + n + 1)
        };
        (start, end, line_start, line_end)
    };
    let spans: Vec<_> = edits.iter().map(lines_of).collect();
    // How the macro pads before its backslashes, judged on all its lines.
    let tabs = text.lines().any(|l| {
        let code = l.trim_end_matches('\r').trim_end_matches('\\');
        code.len() > code.trim_end_matches(['\t', ' ']).len() && code.ends_with('\t')
    });
    edits
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let (start, end, line_start, line_end) = spans[i];
            let shares_line = (i > 0 && spans[i - 1].3 > line_start)
                || spans.get(i + 1).is_some_and(|next| next.2 < line_end);
            if shares_line {
                return e;
            }
            let old_lines = &text[line_start..line_end];
            let new_lines = format!(
                "{}{}{}",
                &text[line_start..start],
                e.replacement,
                &text[end..line_end]
            );
            let Some(aligned) = align_backslashes(old_lines, &new_lines, tabs) else {
                return e;
            };
            Edit::replace(line_start + body.offset..line_end + body.offset, aligned)
        })
        .collect()
}

/// `new` with each continuation backslash at the column of the one on the same line of
/// `old` (the last one's column for lines past the end), None when `old` has none.
fn align_backslashes(old: &str, new: &str, uses_tabs: bool) -> Option<String> {
    let columns: Vec<usize> = old
        .split_inclusive('\n')
        .filter_map(|line| {
            let code = line.trim_end_matches(['\n', '\r']).strip_suffix('\\')?;
            Some(rewriter::lines::display_width(code))
        })
        .collect();
    let mut column = *columns.first()?;
    let mut out = String::with_capacity(new.len());
    for (i, line) in new.split_inclusive('\n').enumerate() {
        let ending = &line[line.trim_end_matches(['\n', '\r']).len()..];
        let Some(code) = line.trim_end_matches(['\n', '\r']).strip_suffix('\\') else {
            out.push_str(line);
            continue;
        };
        column = columns.get(i).copied().unwrap_or(column);
        let code = code.trim_end_matches([' ', '\t']);
        out.push_str(code);
        out.push_str(&padding(
            rewriter::lines::display_width(code),
            column,
            uses_tabs,
        ));
        out.push('\\');
        out.push_str(ending);
    }
    Some(out)
}

/// Spacing from column `from` to column `to` (tabs first when the macro aligns with tabs),
/// at least one space.
fn padding(from: usize, to: usize, tabs: bool) -> String {
    if from >= to {
        return " ".to_string();
    }
    let mut pad = String::new();
    let mut at = from;
    while tabs && (at / 8 + 1) * 8 <= to {
        pad.push('\t');
        at = (at / 8 + 1) * 8;
    }
    pad.push_str(&" ".repeat(to - at));
    pad
}

/// `text` laid out for a macro body. In a one-line body its lines are joined by spaces, as
/// the macro was written. Otherwise each line break gets a continuation backslash: the line
/// ends of `replaced`, the macro text the edit replaces, are reused in order (the spacing
/// before their backslashes aligns them in the source); new lines get ` \\`.
fn with_continuations(text: &str, replaced: &str, one_line: bool) -> String {
    if !text.contains('\n') {
        return text.to_string();
    }
    if one_line {
        let lines: Vec<&str> = text.split('\n').collect();
        let last = lines.len() - 1;
        return lines
            .iter()
            .enumerate()
            .map(|(i, line)| match i {
                0 => line.trim_end(),
                _ if i == last => line.trim_start(),
                _ => line.trim(),
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    let old_ends: Vec<&str> = replaced
        .split('\n')
        .map(|line| {
            let kept = line.trim_end_matches(['\r', '\\']).trim_end();
            &line[kept.len()..]
        })
        .collect();
    let lines = statement_lines(text);
    // A replacement of whole lines ends where the last replaced line ended; its other
    // breaks take the replaced lines' ends in order.
    let ends_line = text.ends_with('\n') && replaced.ends_with('\n');
    let breaks = lines.len() - 1;
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line.trim_end());
        if i == breaks {
            out.push_str(&line[line.trim_end().len()..]);
            break;
        }
        let old = if ends_line && i + 1 == breaks {
            old_ends.len().checked_sub(2).map(|last| old_ends[last])
        } else if !ends_line || i + 2 < old_ends.len() {
            old_ends.get(i).copied()
        } else {
            None
        };
        match old.filter(|end| end.ends_with('\\')) {
            Some(end) => out.push_str(end),
            None => out.push_str(" \\"),
        }
        out.push('\n');
    }
    out
}

/// `text` split at its line breaks between statements; a break inside parentheses (a call
/// the rule's plus code spread over lines) is joined, as spatch prints such code in a macro.
fn statement_lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut depth = 0usize;
    let mut quote = None;
    let mut escaped = false;
    // After a joined break: the next line's indentation is dropped.
    let mut joining = false;
    for c in text.chars() {
        if joining && (c == ' ' || c == '\t') {
            continue;
        }
        joining = false;
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth = depth.saturating_sub(1),
            (None, '\n') => {
                if depth > 0 {
                    let line = lines.last_mut().expect("never empty");
                    line.truncate(line.trim_end().len());
                    line.push(' ');
                    joining = true;
                } else {
                    lines.push(String::new());
                }
                continue;
            }
            _ => {}
        }
        lines.last_mut().expect("never empty").push(c);
    }
    lines
}

/// Edits in file offsets moved to offsets in `body.text`.
fn shifted_to_body(edits: &[Edit], body: &DefineBody) -> Vec<Edit> {
    edits
        .iter()
        .map(|e| {
            Edit::replace(
                e.range.start - body.offset..e.range.end - body.offset,
                e.replacement.clone(),
            )
        })
        .collect()
}

/// A match found in the wrapped body, with its places (the whole match, the bindings, a
/// position's value) moved back to the file: what reports, positions and later rules see.
pub fn shift_match(mut m: crate::Match, w: &Wrapped, body: &DefineBody) -> crate::Match {
    let shift = |r: &mut std::ops::Range<usize>| {
        if r.start >= w.body_start && r.end <= w.body_start + w.body_len {
            *r = r.start - w.body_start + body.offset..r.end - w.body_start + body.offset;
        }
    };
    shift(&mut m.range);
    let mut stack = vec![&mut m.env];
    while let Some(env) = stack.pop() {
        for (_, b) in env.bindings.iter_mut() {
            if b.range.is_empty() {
                continue;
            }
            let is_position = b.text.is_empty() && b.normalized.starts_with('@');
            shift(&mut b.range);
            if !w.pastes.is_empty() {
                b.text = w.with_pastes(&b.text);
                b.normalized = w.with_pastes(&b.normalized);
            }
            if is_position {
                b.normalized = format!("@{}..{}", b.range.start, b.range.end);
            }
        }
        stack.extend(env.nested.iter_mut());
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn added_lines_in_a_continued_body_end_with_backslashes() {
        // A whole line replaced by two statements: the new break gets ` \`, the last line
        // keeps the replaced line's aligned end.
        let replaced = "\tOBD_FREE(p, n);\t\t\\\n";
        let text = "\tkfree(p);\n\tp = NULL;\n";
        assert_eq!(
            with_continuations(text, replaced, false),
            "\tkfree(p); \\\n\tp = NULL;\t\t\\\n"
        );
    }

    #[test]
    fn a_call_spread_over_lines_is_joined_in_a_macro() {
        let replaced = "\tALLOC(p, t,\t\\\n\t      c);\t\t\\\n";
        let text = "\tp = kzalloc_node(n, GFP_NOFS,\n\t\t\t node(t, c));\n";
        assert_eq!(
            with_continuations(text, replaced, false),
            "\tp = kzalloc_node(n, GFP_NOFS, node(t, c));\t\t\\\n"
        );
    }

    #[test]
    fn statements_added_to_a_one_line_body_stay_on_its_line() {
        assert_eq!(
            with_continuations("kfree(x);\n\tx = NULL;", "FREE(x, 1);", true),
            "kfree(x); x = NULL;"
        );
    }
}
