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
