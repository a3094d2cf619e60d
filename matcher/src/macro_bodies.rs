//! The code of `#define` bodies: spatch matches rules inside them, so rcocci parses each body
//! on its own (wrapped in a function, so that statements and expressions both parse) and maps
//! the edits back into the directive. A body may run over several lines joined by `\`: the
//! wrapped copy spells each continuation backslash as a space (offsets unchanged), and every
//! line an edit adds gets its own continuation, so the directive stays one directive.

use c_parser::{SyntaxKind, SyntaxNode};
use rewriter::Edit;
use rowan::{TextRange, TextSize};

/// A `#define`'s body: its text and where it starts in the file.
pub struct DefineBody {
    pub text: String,
    pub offset: usize,
}

/// The body as a function: `void f(void) { BODY }`.
pub struct Wrapped {
    pub text: String,
    /// Where the body starts in `text`.
    pub body_start: usize,
    pub body_len: usize,
}

// All on one line: the rewriter then lays plus code out in the line, as a macro needs.
// Indented, so that the parser does not take the body for a kernel-style function body,
// whose `}` at column 0 would end it (a body's closing `}` often stands there).
const PREFIX: &str = " void __rcocci_macro_body(void) { ";

// What a brace-initializer body initializes in its wrapper.
const INITIALIZED: &str = "int __rcocci_macro_value[] = ";

/// Whether a body is a brace initializer with designators: `{` then `.name` or `[`, which
/// no block starts with.
fn is_initializer(body: &str) -> bool {
    let Some(inside) = body.trim_start().strip_prefix('{') else {
        return false;
    };
    let inside = inside.trim_start();
    inside.starts_with('[')
        || inside
            .strip_prefix('.')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_alphabetic() || c == '_'))
}

pub fn wrap(body: &str, typedefs: &[String]) -> Wrapped {
    let joined = without_continuations(body);
    let body = joined.as_str();
    // An expression body gets a `;` so that it parses as a statement; edits never reach it.
    let trimmed = body.trim_end();
    let needs_semi = !trimmed.ends_with([';', '}']);
    // The file's typedef names the body uses are declared on lines before, so that
    // `sizeof(T)` and casts parse as they do in the file.
    let mut prefix = String::new();
    for name in typedefs.iter().filter(|n| mentions(body, n)) {
        prefix.push_str(&format!("typedef int {name};\n"));
    }
    prefix.push_str(PREFIX);
    // A brace initializer (`{ .f = x, }`) is the value of a declaration, not a block.
    let initializer = is_initializer(body);
    if initializer {
        prefix.push_str(INITIALIZED);
    }
    let semi = needs_semi || initializer;
    let text = format!("{prefix}{body}{} }}\n", if semi { ";" } else { "" });
    Wrapped {
        text,
        body_start: prefix.len(),
        body_len: body.len(),
    }
}

/// `body` with the backslash of each line continuation spelled as a space: the same offsets,
/// and lines the C parser reads as ordinary code.
fn without_continuations(body: &str) -> String {
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    for (i, c) in body.char_indices() {
        let next = bytes.get(i + 1..).unwrap_or_default();
        if c == '\\' && (next.starts_with(b"\n") || next.starts_with(b"\r\n")) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether every line of `body` but the last ends with a continuation backslash, so that the
/// directive holding it ends where it did.
fn continuations_hold(body: &str) -> bool {
    let mut lines = body.split('\n').peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_some() && !line.trim_end_matches('\r').ends_with('\\') {
            return false;
        }
    }
    true
}

/// Whether `name` occurs in `text` as a whole word.
fn mentions(text: &str, name: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|w| w == name)
}

/// The names the file's top-level `typedef` declarations declare.
pub fn typedef_names(root: &SyntaxNode) -> Vec<String> {
    let is_typedef = |decl: &SyntaxNode| {
        decl.children()
            .filter(|c| c.kind() == SyntaxKind::DECL_SPECS)
            .any(|specs| {
                specs
                    .children_with_tokens()
                    .any(|t| t.kind() == SyntaxKind::TYPEDEF_KW)
            })
    };
    let mut names = Vec::new();
    for decl in root
        .children()
        .filter(|n| n.kind() == SyntaxKind::DECLARATION && is_typedef(n))
    {
        // The declarators, not the names inside a struct's fields or a parameter list.
        for declarator in decl
            .children()
            .filter(|c| c.kind() != SyntaxKind::DECL_SPECS)
        {
            let name = declarator
                .descendants()
                .filter(|d| d.kind() == SyntaxKind::NAME)
                .find(|d| {
                    !d.ancestors()
                        .take_while(|a| a != &declarator)
                        .any(|a| a.kind() == SyntaxKind::PARAM_LIST)
                });
            if let Some(name) = name {
                names.push(name.text().to_string().trim().to_string());
            }
        }
    }
    names
}

/// The bodies of the file's `#define` lines (function-like or not), when not empty. `text`
/// is the text of `root`.
///
/// The lines are found in the text and confirmed as directives by the tree: walking every
/// token of a tree per rule application cost an eighth of the copy-client conversion.
pub fn define_bodies(root: &SyntaxNode, text: &str) -> Vec<DefineBody> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut last_directive_start = None;
    for at in memchr::memmem::find_iter(bytes, b"define") {
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let prefix = &bytes[line_start..at];
        let is_directive_prefix = prefix.iter().filter(|&&b| b == b'#').count() == 1
            && prefix.iter().all(|&b| matches!(b, b'#' | b' ' | b'\t'));
        if !is_directive_prefix {
            continue;
        }
        let Ok(at32) = u32::try_from(at) else {
            break;
        };
        let Some(tok) = root
            .covering_element(TextRange::at(TextSize::from(at32), TextSize::from(1)))
            .into_token()
            .filter(|t| t.kind() == SyntaxKind::DIRECTIVE)
        else {
            continue;
        };
        let start = usize::from(tok.text_range().start());
        if last_directive_start == Some(start) {
            continue;
        }
        last_directive_start = Some(start);
        let text = tok.text();
        if let Some(body_at) = body_offset(text) {
            let body = &text[body_at..];
            if !body.trim().is_empty() && continuations_hold(body) {
                out.push(DefineBody {
                    text: body.to_string(),
                    offset: start + body_at,
                });
            }
        }
    }
    out
}

/// Where the body of a `#define NAME` / `#define NAME(params)` line starts.
fn body_offset(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t') {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    if b.get(i) != Some(&b'#') {
        return None;
    }
    i += 1;
    skip_ws(&mut i);
    if !text[i..].starts_with("define") {
        return None;
    }
    i += "define".len();
    if !matches!(b.get(i), Some(b' ' | b'\t')) {
        return None;
    }
    skip_ws(&mut i);
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    if i == name_start {
        return None;
    }
    if b.get(i) == Some(&b'(') {
        let mut depth = 0;
        while i < b.len() {
            match b[i] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    skip_ws(&mut i);
    Some(i)
}

/// The wrapped body's edits moved to the file, or None when one falls outside the body or
/// the changed body would no longer be one directive. A line an edit adds is ended with a
/// continuation backslash.
pub fn shift_edits(edits: &[Edit], w: &Wrapped, body: &DefineBody) -> Option<Vec<Edit>> {
    let lo = w.body_start;
    let hi = w.body_start + w.body_len;
    let mut out = Vec::new();
    for e in edits {
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
            return None;
        }
        let shift = |x: usize| x - lo + body.offset;
        let replaced = &body.text[start - lo..end - lo];
        out.push(Edit::replace(
            shift(start)..shift(end),
            with_continuations(&e.replacement, replaced, !body.text.contains('\n')),
        ));
    }
    let changed = rewriter::apply_edits(&body.text, &shifted_to_body(&out, body)).ok()?;
    continuations_hold(&changed).then_some(out)
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
    fn define_bodies_are_found_on_directive_lines_only() {
        let text = "#define LL_FREE(p) OBD_FREE_PTR(p)\n\
                    /*\n#define IN_COMMENT 1\n*/\n\
                    static const char *s = \"#define IN_STRING 2\";\n\
                    #  define  SPACED  (x + 1)\n\
                    #define EMPTY\n\
                    #define LONG(a) \\\n\tfoo(a)\n\
                    int undefined_total;\n";
        let parse = c_parser::parse(text, &c_parser::ParseOptions::default());
        let bodies: Vec<(String, &str)> = define_bodies(&parse.root, text)
            .into_iter()
            .map(|b| {
                let at = &text[b.offset..b.offset + b.text.len()];
                (b.text, at)
            })
            .collect();
        assert_eq!(
            bodies,
            vec![
                ("OBD_FREE_PTR(p)".to_string(), "OBD_FREE_PTR(p)"),
                ("(x + 1)".to_string(), "(x + 1)"),
                ("\\\n\tfoo(a)".to_string(), "\\\n\tfoo(a)"),
            ]
        );
    }

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

    #[test]
    fn a_body_whose_lines_lose_their_continuations_is_refused() {
        assert!(continuations_hold("do { \\\n\tf(); \\\n} while (0)"));
        assert!(!continuations_hold("do { \\\n\tf();\n} while (0)"));
    }
}
