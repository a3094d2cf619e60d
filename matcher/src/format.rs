//! Format strings: a pattern string holding `%@d@` (a `format` or `format list`
//! metavariable) or `...` beside format descriptors is matched piece by piece against a C
//! string, as the manual describes: the string is cut into text fragments and format
//! descriptors (`%2x`), a `format` metavariable matches one descriptor without its `%`, a
//! `format list` a run of descriptors with the text between and around them, `...` any run of
//! fragments; text written in the pattern matches whole fragments only.

use crate::env::{Binding, Env};
use crate::node::{Matcher, K};
use crate::syntax::sig_range;
use c_parser::{SyntaxElement, SyntaxKind, SyntaxToken};
use smpl_parser::MetavarKind;

/// A piece of a C string's contents.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Fragment {
    Text(String),
    /// A format descriptor without its `%` (`2x`, `lu`).
    Descriptor(String),
}

/// A piece of a pattern string.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Descriptor(String),
    /// `%@name@`: the metavariable's index.
    Metavar(usize),
    Dots,
}

/// The length of the format descriptor starting right after a `%` (flags, width, precision,
/// length modifier and conversion), or None when none starts there.
fn descriptor_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b"-+ #0'".contains(&b[i]) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        if *i < b.len() && b[*i] == b'*' {
            *i += 1;
            return;
        }
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
    };
    digits(&mut i);
    if i < b.len() && b[i] == b'.' {
        i += 1;
        digits(&mut i);
    }
    while i < b.len() && b"hlLqjzZt".contains(&b[i]) {
        i += 1;
    }
    (i < b.len() && b"diouxXeEfFgGaAcspn".contains(&b[i])).then_some(i + 1)
}

/// A C string's contents (between the quotes) as fragments.
fn fragments(s: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('%') {
        text.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('%') {
            text.push_str("%%");
            rest = tail;
            continue;
        }
        match descriptor_len(after) {
            Some(n) => {
                if !text.is_empty() {
                    out.push(Fragment::Text(std::mem::take(&mut text)));
                }
                out.push(Fragment::Descriptor(after[..n].to_string()));
                rest = &after[n..];
            }
            None => {
                text.push('%');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Fragment::Text(text));
    }
    out
}

/// A pattern string's contents as pieces; None when it is not a format pattern (no format
/// metavariable, and no `...` beside a descriptor), which then matches as a plain token.
fn pieces(m: &Matcher, s: &str) -> Option<Vec<Piece>> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    let flush = |text: &mut String, out: &mut Vec<Piece>| {
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(text)));
        }
    };
    while !rest.is_empty() {
        if let Some(tail) = rest.strip_prefix("...") {
            flush(&mut text, &mut out);
            out.push(Piece::Dots);
            rest = tail;
            continue;
        }
        if let Some(after) = rest.strip_prefix("%@") {
            if let Some(end) = after.find('@') {
                let name = &after[..end];
                let mv = m.pat.metavars.iter().position(|d| {
                    d.name.name == name
                        && matches!(d.kind, MetavarKind::Format | MetavarKind::FormatList(_))
                });
                if let Some(mv) = mv {
                    flush(&mut text, &mut out);
                    out.push(Piece::Metavar(mv));
                    rest = &after[end + 1..];
                    continue;
                }
            }
        }
        if let Some(after) = rest.strip_prefix('%') {
            if let Some(tail) = after.strip_prefix('%') {
                text.push_str("%%");
                rest = tail;
                continue;
            }
            if let Some(n) = descriptor_len(after) {
                flush(&mut text, &mut out);
                out.push(Piece::Descriptor(after[..n].to_string()));
                rest = &after[n..];
                continue;
            }
        }
        let c = rest.chars().next()?;
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut text, &mut out);
    let has_metavar = out.iter().any(|p| matches!(p, Piece::Metavar(_)));
    let has_descriptor = out.iter().any(|p| matches!(p, Piece::Descriptor(_)));
    let has_dots = out.contains(&Piece::Dots);
    (has_metavar || has_dots && has_descriptor).then_some(out)
}

/// The contents of a string literal token (without prefix and quotes).
fn contents(text: &str) -> Option<&str> {
    let start = text.find('"')?;
    let inner = &text[start + 1..];
    inner.strip_suffix('"')
}

fn render(frags: &[Fragment]) -> String {
    frags
        .iter()
        .map(|f| match f {
            Fragment::Text(t) => t.clone(),
            Fragment::Descriptor(d) => format!("%{d}"),
        })
        .collect()
}

impl<'a> Matcher<'a> {
    /// A pattern string against a C element: None when the pattern string is not a format
    /// pattern (the caller compares the tokens).
    pub(crate) fn m_format_string(
        &self,
        pt: &SyntaxToken,
        c: &SyntaxElement,
        env: Env,
        k: K,
    ) -> Option<bool> {
        let ps = pieces(self, contents(pt.text())?)?;
        let SyntaxElement::Token(ct) = c else {
            return Some(false);
        };
        if ct.kind() != SyntaxKind::STRING {
            return Some(false);
        }
        let Some(cs) = contents(ct.text()).map(fragments) else {
            return Some(false);
        };
        let mut env = env;
        if let Some(i) = self.pat.token_index(pt) {
            env.map_token(i, sig_range(c));
        }
        let range = sig_range(c);
        Some(self.m_pieces(&ps, &cs, &range, env, k))
    }

    fn m_pieces(
        &self,
        ps: &[Piece],
        cs: &[Fragment],
        range: &std::ops::Range<usize>,
        env: Env,
        k: K,
    ) -> bool {
        let Some((p0, prest)) = ps.split_first() else {
            return cs.is_empty() && k(env);
        };
        match p0 {
            Piece::Dots => {
                (0..=cs.len()).any(|n| self.m_pieces(prest, &cs[n..], range, env.clone(), k))
            }
            Piece::Text(t) => {
                matches!(cs.first(), Some(Fragment::Text(c)) if c == t)
                    && self.m_pieces(prest, &cs[1..], range, env, k)
            }
            Piece::Descriptor(d) => {
                matches!(cs.first(), Some(Fragment::Descriptor(c)) if c == d)
                    && self.m_pieces(prest, &cs[1..], range, env, k)
            }
            Piece::Metavar(mv) => match self.pat.kind(*mv) {
                MetavarKind::FormatList(_) => self.m_format_list(*mv, prest, cs, range, env, k),
                _ => {
                    let Some(Fragment::Descriptor(d)) = cs.first() else {
                        return false;
                    };
                    let mut env = env;
                    if !self.bind_format(*mv, d.clone(), range, &mut env) {
                        return false;
                    }
                    self.m_pieces(prest, &cs[1..], range, env, k)
                }
            },
        }
    }

    /// A format list: a run of fragments holding descriptors, as many as its length says,
    /// with the text around them unless the pattern's own text matches it.
    fn m_format_list(
        &self,
        mv: usize,
        rest: &[Piece],
        cs: &[Fragment],
        range: &std::ops::Range<usize>,
        env: Env,
        k: K,
    ) -> bool {
        for n in 1..=cs.len() {
            let run = &cs[..n];
            let descriptors = run
                .iter()
                .filter(|f| matches!(f, Fragment::Descriptor(_)))
                .count();
            if descriptors == 0 {
                continue;
            }
            let mut env = env.clone();
            if !self.bind_format(mv, render(run), range, &mut env)
                || !self.bind_list_len(mv, descriptors, &mut env)
            {
                continue;
            }
            if self.m_pieces(rest, &cs[n..], range, env, k) {
                return true;
            }
        }
        false
    }

    fn bind_format(
        &self,
        mv: usize,
        text: String,
        range: &std::ops::Range<usize>,
        env: &mut Env,
    ) -> bool {
        let b = Binding {
            normalized: text.clone(),
            text,
            range: range.clone(),
        };
        self.constraints_hold(mv, &b, env) && env.bind(mv, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_cut_into_text_and_descriptors() {
        use Fragment::*;
        assert_eq!(
            fragments("rc = %d, 100%% of %08lx\\n"),
            [
                Text("rc = ".into()),
                Descriptor("d".into()),
                Text(", 100%% of ".into()),
                Descriptor("08lx".into()),
                Text("\\n".into()),
            ]
        );
        assert_eq!(fragments("no format"), [Text("no format".into())]);
    }
}
