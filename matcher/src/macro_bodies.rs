//! The code of `#define` bodies: spatch matches rules inside them, so rcocci parses each body
//! on its own (wrapped in a function, so that statements and expressions both parse) and maps
//! the edits back into the directive. Edits that would need a new line are left out: inside a
//! macro they would need continuation backslashes.

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
const PREFIX: &str = "void __rcocci_macro_body(void) { ";

pub fn wrap(body: &str, typedefs: &[String]) -> Wrapped {
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
    let text = format!("{prefix}{body}{} }}\n", if needs_semi { ";" } else { "" });
    Wrapped {
        text,
        body_start: prefix.len(),
        body_len: body.len(),
    }
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
            if !body.trim().is_empty() && !body.contains('\n') {
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
/// would add a line.
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
        let e = &Edit::replace(start..end.max(start), e.replacement.clone());
        if e.range.start < lo || e.range.end > hi || e.replacement.contains('\n') {
            return None;
        }
        let shift = |x: usize| x - lo + body.offset;
        out.push(Edit::replace(
            shift(e.range.start)..shift(e.range.end),
            e.replacement.clone(),
        ));
    }
    Some(out)
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
            ]
        );
    }
}
