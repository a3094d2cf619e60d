//! The code of `#define` bodies: spatch matches rules inside them, so rcocci parses each body
//! on its own (wrapped in a function, so that statements and expressions both parse) and maps
//! the edits back into the directive. A body may run over several lines joined by `\`: the
//! wrapped copy spells each continuation backslash as a space (offsets unchanged), and every
//! line an edit adds gets its own continuation, so the directive stays one directive.

use c_parser::{SyntaxKind, SyntaxNode};
use rowan::{TextRange, TextSize};

mod edits_back;

pub use edits_back::{shift_edits, shift_match, Unshifted};

/// A `#define`'s body: its text and where it starts in the file.
pub struct DefineBody {
    pub text: String,
    pub offset: usize,
    /// A function-like macro's parameter names (`__VA_ARGS__` for `...`): variables local
    /// to the body, of unknown type.
    pub params: Vec<String>,
    /// The directive up to its body (`#define NAME(a, b) `), for `#define` patterns.
    pub head: String,
}

/// The body wrapped so that it parses on its own: as a function, `void f(void) { BODY }`
/// (statements and expressions), or as it stands at file scope (a body that defines
/// functions or types).
pub struct Wrapped {
    pub text: String,
    /// Where the body starts in `text`.
    pub body_start: usize,
    pub body_len: usize,
    /// Where the code the body stands for ends: after the body and the `;` added to it,
    /// before the wrapper function's closing brace.
    pub own_end: usize,
    /// Token pastes (`mod##_key_init`) spelled as one identifier of the same length
    /// (`mod___key_init`), so that the body parses: each stand-in with the text it spells.
    pastes: Vec<(String, String)>,
    /// Where GNU's `, ## __VA_ARGS__` has its `##` (spelled as two spaces), in body offsets:
    /// an edit over one would lose it.
    comma_pastes: Vec<usize>,
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

/// The body as a function's statements.
pub fn wrap(body: &str, typedefs: &[String]) -> Wrapped {
    let (joined, pastes, comma_pastes) = pastes_as_identifiers(&without_continuations(body));
    let body = joined.as_str();
    // An expression body gets a `;` so that it parses as a statement; edits never reach it.
    let code_end = code_end(body);
    let needs_semi = !body[..code_end].ends_with([';', '}']);
    let mut prefix = typedef_lines(body, typedefs);
    prefix.push_str(PREFIX);
    // A brace initializer (`{ .f = x, }`) is the value of a declaration, not a block.
    let initializer = is_initializer(body);
    if initializer {
        prefix.push_str(INITIALIZED);
    }
    let semi = needs_semi || initializer;
    // After a body ending in a `//` comment, the `;` and `}` go on a line of their own.
    let semi = match (semi, body[code_end..].contains("//")) {
        (true, true) => "\n;",
        (true, false) => ";",
        (false, true) => "\n",
        (false, false) => "",
    };
    let text = format!("{prefix}{body}{semi} }}\n");
    Wrapped {
        text,
        body_start: prefix.len(),
        body_len: body.len(),
        own_end: prefix.len() + body.len() + semi.len(),
        pastes,
        comma_pastes,
    }
}

/// Where the code of `body` ends: after its last token, before the comments and blanks
/// after it.
fn code_end(body: &str) -> usize {
    let mut at = 0;
    let mut end = 0;
    for t in c_parser::lex(body, c_parser::LexMode::C) {
        at += t.len as usize;
        if !t.kind.is_trivia() {
            end = at;
        }
    }
    end
}

/// The body as file-scope items: a macro that defines a function or a type
/// (`#define LU_KEY_INIT(mod, type) static void *mod##_key_init(...) { ... }`). The `;` that
/// the macro's uses supply is added after it.
pub fn wrap_items(body: &str, typedefs: &[String]) -> Wrapped {
    let (joined, pastes, comma_pastes) = pastes_as_identifiers(&without_continuations(body));
    let prefix = typedef_lines(&joined, typedefs);
    let text = format!("{prefix}{joined}\n;\n");
    Wrapped {
        own_end: text.len(),
        text,
        body_start: prefix.len(),
        body_len: joined.len(),
        pastes,
        comma_pastes,
    }
}

/// The file's typedef names the body uses, declared on lines before it, so that `sizeof(T)`
/// and casts parse as they do in the file.
fn typedef_lines(body: &str, typedefs: &[String]) -> String {
    let mut lines = String::new();
    for name in typedefs.iter().filter(|n| mentions(body, n)) {
        lines.push_str(&format!("typedef int {name};\n"));
    }
    lines
}

/// `text` with each `##` between identifier characters spelled `__`, and the identifiers so
/// made with the text they stand for; the `##` of `, ## __VA_ARGS__` spelled as spaces, and
/// where. Offsets are unchanged.
fn pastes_as_identifiers(text: &str) -> (String, Vec<(String, String)>, Vec<usize>) {
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    let pasted_at = |i: usize| {
        bytes[i..].starts_with(b"##")
            && i > 0
            && is_ident(bytes[i - 1])
            && bytes.get(i + 2).is_some_and(|&b| is_ident(b))
    };
    let mut out = String::with_capacity(text.len());
    let mut pastes = Vec::new();
    let mut comma_pastes = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"##") && text[..i].trim_end().ends_with(',') {
            out.push_str("  ");
            comma_pastes.push(i);
            i += 2;
            continue;
        }
        if !is_ident(bytes[i]) {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
            continue;
        }
        let start = i;
        let mut pasted = false;
        while i < bytes.len() {
            if is_ident(bytes[i]) {
                i += 1;
            } else if pasted_at(i) {
                pasted = true;
                i += 2;
            } else {
                break;
            }
        }
        let original = &text[start..i];
        if pasted {
            let stand_in = original.replace('#', "_");
            out.push_str(&stand_in);
            pastes.push((stand_in, original.to_string()));
        } else {
            out.push_str(original);
        }
    }
    (out, pastes, comma_pastes)
}

impl Wrapped {
    /// `text` (plus code, or a binding's text) with the stand-ins spelled as pastes again.
    fn with_pastes(&self, text: &str) -> String {
        let mut text = text.to_string();
        for (stand_in, original) in &self.pastes {
            if text.contains(stand_in.as_str()) {
                text = replace_word(&text, stand_in, original);
            }
        }
        text
    }
}

/// `text` with the whole-word occurrences of `word` replaced by `by`.
fn replace_word(text: &str, word: &str, by: &str) -> String {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(is_ident) || after.is_some_and(is_ident) {
            out.push_str(word);
        } else {
            out.push_str(by);
        }
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
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
                    params: macro_params(&text[..body_at]),
                    head: text[..body_at].to_string(),
                });
            }
        }
    }
    out
}

/// The parameter names of `#define NAME(a, b, ...)` given up to its body: `a`, `b` and
/// `__VA_ARGS__` (GNU's `args...` names `args`); none for an object-like macro.
fn macro_params(head: &str) -> Vec<String> {
    let Some(open) = head.find('(') else {
        return Vec::new();
    };
    let Some(close) = head.rfind(')') else {
        return Vec::new();
    };
    head[open + 1..close.max(open + 1)]
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.strip_suffix("...").map(str::trim) {
            Some("") => "__VA_ARGS__".to_string(),
            Some(named) => named.to_string(),
            None => p.to_string(),
        })
        .collect()
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

impl Wrapped {
    /// The part of the wrapped text that is the macro's own code: a match must lie inside
    /// it (a function pattern must not take the wrapper function for a definition).
    pub fn own_span(&self) -> std::ops::Range<usize> {
        self.body_start..self.own_end
    }
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
    fn a_body_whose_lines_lose_their_continuations_is_refused() {
        assert!(continuations_hold("do { \\\n\tf(); \\\n} while (0)"));
        assert!(!continuations_hold("do { \\\n\tf();\n} while (0)"));
    }
}
