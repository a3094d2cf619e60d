//! `#define` patterns: a rule body that is one `#define` whose code (after the name and
//! parameters) is itself a pattern, `#define m(...,p,...) (<+... \ p ...+>)`.
//!
//! The header (name and parameters) is matched against a C directive's header; the code is
//! parsed with the C grammar like any rule body, so it may hold nests, disjunctions,
//! metavariables and `-`/`+` lines. The backslashes that continue the directive from line to
//! line are layout: each continuation line has its own marker column, and a `-` or `+` line
//! may end the directive in its own slice (`- old(p)` then `+ new(p)` without backslashes).
//!
//! A `#define` whose header is removed, starred or added, or that has no code, stays one
//! directive token matched as text (see the matcher's `directive` module).

use crate::model::{MetavarDecl, MetavarKind};
use crate::slices::{marker_of, Mark};
use std::ops::Range;

/// The header of a `#define` pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinePattern {
    pub name: DefineName,
    /// `None` for an object-like macro (`#define m 3`), which matches object-like macros
    /// only; `Some` for a parameter list, `()` matching only empty ones.
    pub params: Option<Vec<DefineParam>>,
}

/// The macro name of a `#define` pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefineName {
    Name(String),
    /// Index in `Rule::metavars` of an identifier metavariable.
    Metavar(usize),
}

/// One parameter of a `#define` pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DefineParam {
    /// `...`: any number of parameters, none too.
    Dots,
    /// A parameter spelled as it is; `...` for C's variadic parameter (SmPL's `......`).
    Name(String),
    /// Index in `Rule::metavars` of an identifier metavariable.
    Metavar(usize),
}

impl DefinePattern {
    /// The metavariables the header binds.
    pub fn metavars(&self) -> impl Iterator<Item = usize> + '_ {
        let name = match self.name {
            DefineName::Metavar(i) => Some(i),
            DefineName::Name(_) => None,
        };
        let params = self.params.iter().flatten().filter_map(|p| match p {
            DefineParam::Metavar(i) => Some(*i),
            _ => None,
        });
        name.into_iter().chain(params)
    }
}

/// When the body `text[span]` is one `#define` pattern with code: its header, and `text` with
/// the header and the continuation backslashes spelled as spaces (offsets unchanged), so that
/// what is left parses as an ordinary body. `None` leaves the body as it is.
pub(crate) fn split_define(
    text: &str,
    span: Range<usize>,
    metavars: &[MetavarDecl],
) -> Option<(DefinePattern, String)> {
    let lines = line_ranges(text, span);
    let first = lines.iter().position(|l| !is_blank(&text[l.clone()]))?;
    let header_line = lines[first].clone();
    let (pattern, header) = parse_header(&text[header_line.clone()], metavars)?;
    let header = header_line.start + header.start..header_line.start + header.end;
    let last = define_extent(text, &lines[first..]) + first;
    if !lines[last + 1..].iter().all(|l| is_blank(&text[l.clone()])) {
        return None;
    }
    let mut blanked = text.as_bytes().to_vec();
    blanked[header.clone()].fill(b' ');
    let mut has_code = false;
    for line in &lines[first..=last] {
        let content = text[line.clone()].trim_end();
        if content.ends_with('\\') {
            blanked[line.start + content.len() - 1] = b' ';
        }
        let code_from = if line.start == header_line.start {
            header.end - line.start
        } else {
            marker_of(content).1
        };
        has_code |= !content[code_from.min(content.len())..]
            .trim_end_matches('\\')
            .trim()
            .is_empty();
    }
    // Only ASCII bytes were replaced by ASCII spaces: the text is still UTF-8.
    let blanked = String::from_utf8(blanked).ok()?;
    has_code.then_some((pattern, blanked))
}

/// The lines of `text[span]`, each with its newline.
fn line_ranges(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = span.start;
    while pos < span.end {
        let end = text[pos..span.end]
            .find('\n')
            .map_or(span.end, |n| pos + n + 1);
        out.push(pos..end);
        pos = end;
    }
    out
}

/// Lines around the define that leave the body one `#define`: empty or a `//` comment.
fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with("//")
}

/// The index in `lines` (the first being the header's) of the define's last line. Each slice
/// has its own directive: a line belongs to the define while the slices it is part of (both
/// for a context line) have their previous line ending with `\`.
fn define_extent(text: &str, lines: &[Range<usize>]) -> usize {
    let continues = |l: &Range<usize>| text[l.clone()].trim_end().ends_with('\\');
    let mut minus_open = continues(&lines[0]);
    let mut plus_open = minus_open;
    let mut last = 0;
    for (i, line) in lines.iter().enumerate().skip(1) {
        let (mark, _) = marker_of(&text[line.clone()]);
        let (in_minus, in_plus) = match mark {
            Mark::Context => (true, true),
            Mark::Minus | Mark::Star => (true, false),
            Mark::Plus => (false, true),
        };
        if !((in_minus && minus_open) || (in_plus && plus_open)) {
            break;
        }
        let open = continues(line);
        if in_minus {
            minus_open = open;
        }
        if in_plus {
            plus_open = open;
        }
        last = i;
    }
    last
}

/// A context line `#define NAME` or `#define NAME(params)`: the pattern, and the header's
/// range in the line.
fn parse_header(line: &str, metavars: &[MetavarDecl]) -> Option<(DefinePattern, Range<usize>)> {
    let start = line.find('#')?;
    if !line[..start].trim().is_empty() {
        return None;
    }
    let after_hash = &line[start + 1..];
    let directive = after_hash.trim_start();
    let rest = directive.strip_prefix("define")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let name_at = line.len() - rest.trim_start().len();
    let name_len = line[name_at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len() - name_at);
    if name_len == 0 {
        return None;
    }
    let name = identifier(&line[name_at..name_at + name_len], metavars)?;
    let name = match name {
        DefineParam::Metavar(i) => DefineName::Metavar(i),
        DefineParam::Name(n) => DefineName::Name(n),
        DefineParam::Dots => return None,
    };
    let after_name = name_at + name_len;
    // A position on the name (`m@p`) is the textual directive's to bind.
    if line[after_name..].starts_with('@') {
        return None;
    }
    if !line[after_name..].starts_with('(') {
        let pattern = DefinePattern { name, params: None };
        return Some((pattern, start..after_name));
    }
    let close = after_name + line[after_name..].find(')')?;
    let inside = line[after_name + 1..close].trim();
    let params = if inside.is_empty() {
        Vec::new()
    } else {
        let params: Option<Vec<DefineParam>> = inside
            .split(',')
            .map(|p| parameter(p.trim(), metavars))
            .collect();
        params?
    };
    let pattern = DefinePattern {
        name,
        params: Some(params),
    };
    Some((pattern, start..close + 1))
}

/// One parameter of the header; `None` for what a `#define` pattern cannot hold (a
/// metavariable that is not an identifier, `x...`), which leaves the directive as text.
fn parameter(text: &str, metavars: &[MetavarDecl]) -> Option<DefineParam> {
    match text {
        "..." => Some(DefineParam::Dots),
        "......" => Some(DefineParam::Name("...".to_string())),
        _ => identifier(text, metavars),
    }
}

/// A name of the header: an identifier metavariable, or itself.
fn identifier(text: &str, metavars: &[MetavarDecl]) -> Option<DefineParam> {
    let is_name = text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_name {
        return None;
    }
    match metavars
        .iter()
        .position(|m| m.name.name == text && m.kind.is_metavariable())
    {
        Some(i) if matches!(metavars[i].kind, MetavarKind::Identifier) => {
            Some(DefineParam::Metavar(i))
        }
        Some(_) => None,
        None => Some(DefineParam::Name(text.to_string())),
    }
}
