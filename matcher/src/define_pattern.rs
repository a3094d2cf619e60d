//! `#define` patterns ([`smpl_parser::DefinePattern`]): the header is matched against a C
//! macro's name and parameters here, which seeds the metavariables it binds; the code is the
//! rule body, matched in the macro's parsed body like any rule, and must cover the whole
//! body (`#define m(p) foo(p)` does not match `#define M(x) (foo(x) + 1)`).
//!
//! While the body is matched, the header's bindings have empty ranges: the body lives in a
//! wrapper text whose offsets are not the file's, and an empty range is left alone when the
//! body's match is moved back into the file, after which the header ranges are filled in.

use crate::env::Binding;
use crate::macro_bodies::DefineBody;
use crate::meta_checks::{constraint_holds, inherited_value, ConstraintValue};
use crate::search::Match;
use crate::Seed;
use c_parser::{LexMode, SyntaxKind};
use smpl_parser::{DefineName, DefineParam, DefinePattern, MetavarDecl};
use std::ops::Range;

/// A C macro's header as written: its name and, for a function-like macro, its parameters,
/// each with its offsets in the head.
struct MacroHeader<'a> {
    name: (&'a str, Range<usize>),
    params: Option<Vec<(&'a str, Range<usize>)>>,
}

/// The name and parameters of `head`, a directive up to its body (`#define NAME(a, b) `).
fn macro_header(head: &str) -> Option<MacroHeader<'_>> {
    let after_hash = head.find('#')? + 1;
    let directive_at = head.len() - head[after_hash..].trim_start().len();
    let rest = head[directive_at..].strip_prefix("define")?;
    let name_at = head.len() - rest.trim_start().len();
    let name_end = head[name_at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(head.len(), |n| name_at + n);
    let name = (&head[name_at..name_end], name_at..name_end);
    if !head[name_end..].starts_with('(') {
        return Some(MacroHeader { name, params: None });
    }
    let close = name_end + head[name_end..].find(')')?;
    let mut params = Vec::new();
    let mut from = name_end + 1;
    for piece in head[from..close].split(',') {
        let lead = piece.len() - piece.trim_start().len();
        let text = piece.trim();
        params.push((text, from + lead..from + lead + text.len()));
        from += piece.len() + 1;
    }
    // `()`: no parameters, not one empty one.
    if let [("", _)] = params.as_slice() {
        params.clear();
    }
    Some(MacroHeader {
        name,
        params: Some(params),
    })
}

fn is_identifier(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The binding of a header metavariable while the body is matched (see the module comment).
fn rangeless(text: &str) -> Binding {
    Binding {
        text: text.to_string(),
        normalized: text.to_string(),
        range: 0..0,
    }
}

/// The header matched against one macro: the rule's metavariables, for their constraints.
struct HeaderRun<'a> {
    metavars: &'a [MetavarDecl],
}

impl HeaderRun<'_> {
    /// Adds `metavar = text` to `seed`, or checks that it holds `text` already. A
    /// constraint's value that names another rule's metavariable (`!= r.x`) stands for what
    /// `seed` binds it to; any other value is code, compared as written.
    fn bound(&self, seed: &Seed, metavar: usize, text: &str) -> Option<Seed> {
        let binding = rangeless(text);
        let seeded = |mv: usize| seed.iter().find(|(m, _)| *m == mv).map(|(_, b)| b);
        let value_of = |value: &str| match inherited_value(self.metavars, value, &seeded) {
            Some(bound) => ConstraintValue::Bound(bound),
            None => ConstraintValue::Code,
        };
        let allowed = self.metavars[metavar]
            .constraints
            .iter()
            .all(|c| constraint_holds(c, &binding, &value_of));
        match seed.iter().find(|(m, _)| *m == metavar) {
            Some((_, b)) => (b.normalized == text).then(|| seed.clone()),
            None if allowed => {
                let mut seed = seed.clone();
                seed.push((metavar, binding));
                Some(seed)
            }
            None => None,
        }
    }

    /// Pattern parameters against C parameters, `...` standing for any number of them.
    fn params_match(&self, pat: &[DefineParam], c: &[&str], seed: Seed, out: &mut Vec<Seed>) {
        let Some((first, rest)) = pat.split_first() else {
            if c.is_empty() {
                out.push(seed);
            }
            return;
        };
        match first {
            DefineParam::Dots => {
                for skip in 0..=c.len() {
                    self.params_match(rest, &c[skip..], seed.clone(), out);
                }
            }
            DefineParam::Name(n) => {
                if c.first() == Some(&n.as_str()) {
                    self.params_match(rest, &c[1..], seed, out);
                }
            }
            DefineParam::Metavar(m) => {
                let Some(&param) = c.first().filter(|p| is_identifier(p)) else {
                    return;
                };
                if let Some(seed) = self.bound(&seed, *m, param) {
                    self.params_match(rest, &c[1..], seed, out);
                }
            }
        }
    }
}

/// The seeds the body of `define` is matched with: each of `seeds` extended with the
/// bindings of each way the header matches the macro's (several when `...` leaves a choice
/// of parameter). Empty when the header does not match.
pub(crate) fn seeds(
    pattern: &DefinePattern,
    metavars: &[MetavarDecl],
    define: &DefineBody,
    seeds: &[Seed],
) -> Vec<Seed> {
    let Some(header) = macro_header(&define.head) else {
        return Vec::new();
    };
    let run = HeaderRun { metavars };
    let mut out = Vec::new();
    for seed in seeds {
        let named = match &pattern.name {
            DefineName::Name(n) => (n == header.name.0).then(|| seed.clone()),
            DefineName::Metavar(m) => run.bound(seed, *m, header.name.0),
        };
        let Some(named) = named else {
            continue;
        };
        match (&pattern.params, &header.params) {
            (None, None) => out.push(named),
            (Some(pp), Some(cp)) => {
                let texts: Vec<&str> = cp.iter().map(|(t, _)| *t).collect();
                run.params_match(pp, &texts, named, &mut out);
            }
            _ => {}
        }
    }
    out
}

/// A match of the body, moved into the file, with the header's bindings given their places
/// in the directive.
pub(crate) fn with_header_ranges(
    mut m: Match,
    pattern: &DefinePattern,
    define: &DefineBody,
) -> Match {
    let Some(header) = macro_header(&define.head) else {
        return m;
    };
    let head_offset = define.offset - define.head.len();
    let name_metavar = match pattern.name {
        DefineName::Metavar(i) => Some(i),
        DefineName::Name(_) => None,
    };
    for (metavar, b) in m.env.bindings.iter_mut() {
        if !b.range.is_empty() || !pattern.metavars().any(|h| h == *metavar) {
            continue;
        }
        let in_head = if name_metavar == Some(*metavar) {
            Some(header.name.1.clone())
        } else {
            header
                .params
                .iter()
                .flatten()
                .find(|(t, _)| *t == b.text)
                .map(|(_, r)| r.clone())
        };
        if let Some(r) = in_head {
            b.range = head_offset + r.start..head_offset + r.end;
        }
    }
    m
}

/// Whether a match in a macro body's wrapper covers the whole body, `own`: its code from
/// the first token to the last, comments around it and the `;` the wrapper adds after an
/// expression body aside.
pub(crate) fn covers_body(text: &str, own: &Range<usize>, matched: &Range<usize>) -> bool {
    let mut code: Vec<(SyntaxKind, Range<usize>)> = Vec::new();
    let mut at = own.start;
    for t in c_parser::lex(&text[own.clone()], LexMode::C) {
        let len = t.len as usize;
        if !t.kind.is_trivia() {
            code.push((t.kind, at..at + len));
        }
        at += len;
    }
    if code.last().is_some_and(|(k, _)| *k == SyntaxKind::SEMI) {
        code.pop();
    }
    match (code.first(), code.last()) {
        (Some((_, first)), Some((_, last))) => {
            matched.start <= first.start && matched.end >= last.end
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_of(head: &str) -> (String, Option<Vec<String>>) {
        let h = macro_header(head).expect("a header");
        let params = h
            .params
            .map(|ps| ps.iter().map(|(t, r)| format!("{t}@{r:?}")).collect());
        (format!("{}@{:?}", h.name.0, h.name.1), params)
    }

    #[test]
    fn headers_give_name_and_parameters_with_their_places() {
        insta::assert_debug_snapshot!([
            header_of("#define REG_CTRL "),
            header_of("#  define  NONE() "),
            header_of("#define ADD(a,  b, ...) "),
        ]);
    }

    /// The seeds of `pat` against `c`, metavariable 0 being `identifier p` constrained by
    /// `constraint`.
    fn param_seeds(constraint: &str, pat: &[DefineParam], c: &[&str]) -> Vec<Vec<String>> {
        let text = format!("@@\nidentifier p {constraint};\n@@\n- p\n");
        let rules = smpl_parser::parse_rule_file(std::path::Path::new("t.cocci"), &text)
            .expect("the rule parses");
        let run = HeaderRun {
            metavars: &rules.rules[0].metavars,
        };
        let mut out = Vec::new();
        run.params_match(pat, c, Seed::new(), &mut out);
        out.iter()
            .map(|s| s.iter().map(|(m, b)| format!("{m}={}", b.text)).collect())
            .collect()
    }

    #[test]
    fn dots_leave_a_choice_of_parameter() {
        let pat = [
            DefineParam::Dots,
            DefineParam::Metavar(0),
            DefineParam::Dots,
        ];
        assert_eq!(
            param_seeds("", &pat, &["a", "b"]),
            [vec!["0=a".to_string()], vec!["0=b".to_string()]]
        );
        assert!(param_seeds("", &pat, &[]).is_empty());
        assert_eq!(
            param_seeds("=~ \"^b\"", &pat, &["a", "b"]),
            [vec!["0=b".to_string()]]
        );
        let variadic = [DefineParam::Metavar(0), DefineParam::Name("...".into())];
        assert_eq!(
            param_seeds("", &variadic, &["fmt", "..."]),
            [vec!["0=fmt".to_string()]]
        );
        assert!(param_seeds("", &variadic, &["fmt"]).is_empty());
    }
}
