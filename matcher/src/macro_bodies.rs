//! The code of `#define` bodies: spatch matches rules inside them, so rcocci parses each body
//! on its own (wrapped in a function, so that statements and expressions both parse) and maps
//! the edits back into the directive. Edits that would need a new line are left out: inside a
//! macro they would need continuation backslashes.

use c_parser::{SyntaxKind, SyntaxNode};
use rewriter::Edit;

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

/// The bodies of the file's `#define` lines (function-like or not), when not empty.
pub fn define_bodies(root: &SyntaxNode) -> Vec<DefineBody> {
    let mut out = Vec::new();
    for tok in root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() == SyntaxKind::DIRECTIVE)
    {
        let text = tok.text();
        let start = usize::from(tok.text_range().start());
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
