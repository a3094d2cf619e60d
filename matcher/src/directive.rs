//! Patterns made of preprocessor lines (`#include <linux/...>`, `#define foo X`): c-parser
//! keeps directives as trivia, so they are matched line against line, token by token, with
//! `...` for any rest of a path and a metavariable for the rest of a definition.

use crate::env::{Binding, Env};
use crate::node::Matcher;
use crate::pattern::Pattern;
use crate::search::Match;
use c_parser::{LexMode, SyntaxKind, SyntaxNode};

/// The significant tokens of a directive's text, with their offsets in it.
fn directive_tokens(text: &str) -> Vec<(SyntaxKind, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    // Lex the text after the `#`, so the directive does not lex as one token again.
    let body_start = text.find('#').map_or(0, |i| i + 1);
    out.push((SyntaxKind::HASH, 0, body_start));
    at += body_start;
    for t in c_parser::lex(&text[body_start..], LexMode::C) {
        let len = t.len as usize;
        if !t.kind.is_trivia() {
            out.push((t.kind, at, at + len));
        }
        at += len;
    }
    out
}

/// A directive of plus code as C: each `......` (SmPL's spelling of C's `...`) made `...`.
pub fn with_c_ellipses(text: &str) -> String {
    let tokens = directive_tokens(text);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for pair in tokens.windows(2) {
        if let [(SyntaxKind::ELLIPSIS, _, first_end), (SyntaxKind::ELLIPSIS, second, end)] = pair {
            if first_end == second && copied <= *second {
                out.push_str(&text[copied..*second]);
                copied = *end;
            }
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Matches one pattern directive against one C directive.
/// `constraints_hold` checks a metavariable's constraints on what it would bind.
pub(crate) fn match_directive(
    pat: &Pattern,
    ptext: &str,
    ctext: &str,
    c_offset: usize,
    env: &mut Env,
    constraints_hold: &dyn Fn(usize, &Binding, &Env) -> bool,
) -> bool {
    let (ptext, position) = split_position(pat, ptext);
    if let Some(mv) = position {
        if !env.bind(mv, Binding::position(c_offset..c_offset + ctext.len())) {
            return false;
        }
    }
    let ps = directive_tokens(ptext);
    let cs = directive_tokens(ctext);
    let run = TokenRun {
        pat,
        ptext,
        ctext,
        c_offset,
        constraints_hold,
    };
    match (macro_parameters(&ps, ptext), macro_parameters(&cs, ctext)) {
        (Some(pp), Some(cp)) => {
            run.matches(&ps[..pp.open], &cs[..cp.open], env)
                && run.list_matches(&ps, &pp.groups, &cs, &cp.groups, env)
                && run.matches(&ps[pp.close..], &cs[cp.close..], env)
        }
        (Some(_), None) => false,
        _ => run.matches(&ps, &cs, env),
    }
}

/// A directive token: its kind and its offsets in the directive's text.
type DirectiveToken = (SyntaxKind, usize, usize);

/// The parameters of a function-like macro definition (`#define f(a, b)`, the `(` right
/// after the name), as token index ranges.
struct MacroParameters {
    /// Index of the `(`; tokens before it come first.
    open: usize,
    /// Index just after the `)`: where the body starts.
    close: usize,
    /// Each parameter's tokens, between the commas.
    groups: Vec<std::ops::Range<usize>>,
}

fn macro_parameters(tokens: &[DirectiveToken], text: &str) -> Option<MacroParameters> {
    let [_, (SyntaxKind::IDENT, ks, ke), (_, _, name_end), (SyntaxKind::L_PAREN, open_at, _), ..] =
        tokens
    else {
        return None;
    };
    if &text[*ks..*ke] != "define" || name_end != open_at {
        return None;
    }
    let open = 3;
    let mut groups = Vec::new();
    let mut from = open + 1;
    for (i, &(kind, ..)) in tokens.iter().enumerate().skip(from) {
        match kind {
            SyntaxKind::COMMA => {
                groups.push(from..i);
                from = i + 1;
            }
            SyntaxKind::R_PAREN => {
                // `()`: no parameters, not one empty one.
                if !(groups.is_empty() && from == i) {
                    groups.push(from..i);
                }
                return Some(MacroParameters {
                    open,
                    close: i + 1,
                    groups,
                });
            }
            _ => {}
        }
    }
    None
}

/// One pattern directive against one C directive: the texts their tokens index.
struct TokenRun<'a> {
    pat: &'a Pattern<'a>,
    ptext: &'a str,
    ctext: &'a str,
    c_offset: usize,
    constraints_hold: &'a dyn Fn(usize, &Binding, &Env) -> bool,
}

impl TokenRun<'_> {
    /// Pattern parameters against C parameters, a lone `...` standing for any number of
    /// them (none too, with its comma), as in an argument list.
    fn list_matches(
        &self,
        ps: &[DirectiveToken],
        pgroups: &[std::ops::Range<usize>],
        cs: &[DirectiveToken],
        cgroups: &[std::ops::Range<usize>],
        env: &mut Env,
    ) -> bool {
        let Some((first, prest)) = pgroups.split_first() else {
            return cgroups.is_empty();
        };
        let is_dots = matches!(ps[first.clone()], [(SyntaxKind::ELLIPSIS, ..)]);
        if !is_dots {
            let Some((cfirst, crest)) = cgroups.split_first() else {
                return false;
            };
            return self.matches(&ps[first.clone()], &cs[cfirst.clone()], env)
                && self.list_matches(ps, prest, cs, crest, env);
        }
        // Fewest parameters first; a failed try leaves no bindings behind.
        (0..=cgroups.len()).any(|skip| {
            let mut tried = env.clone();
            let ok = self.list_matches(ps, prest, cs, &cgroups[skip..], &mut tried);
            if ok {
                *env = tried;
            }
            ok
        })
    }

    /// Pattern tokens against C tokens, in order.
    fn matches(&self, ps: &[DirectiveToken], cs: &[DirectiveToken], env: &mut Env) -> bool {
        let (pat, ptext, ctext, c_offset) = (self.pat, self.ptext, self.ctext, self.c_offset);
        let mut ci = 0;
        let mut pi = 0;
        while pi < ps.len() {
            let (pk, ps0, pe0) = ps[pi];
            let ptok = &ptext[ps0..pe0];
            // `......` is C's `...` (a variadic macro's parameter), written doubled because
            // `...` is SmPL's.
            let doubled = matches!(ps.get(pi + 1), Some(&(SyntaxKind::ELLIPSIS, s, _)) if s == pe0);
            if pk == SyntaxKind::ELLIPSIS && doubled {
                if cs.get(ci).is_none_or(|&(k, ..)| k != SyntaxKind::ELLIPSIS) {
                    return false;
                }
                ci += 1;
                pi += 2;
                continue;
            }
            if pk == SyntaxKind::ELLIPSIS {
                // Any tokens up to the next pattern token (or the end).
                match ps.get(pi + 1) {
                    None => return true,
                    Some(&(_, ns, ne)) => {
                        let next = &ptext[ns..ne];
                        while ci < cs.len() && &ctext[cs[ci].1..cs[ci].2] != next {
                            ci += 1;
                        }
                        pi += 1;
                        continue;
                    }
                }
            }
            let mv = (pk == SyntaxKind::IDENT)
                .then(|| {
                    pat.metavars
                        .iter()
                        .position(|d| d.name.name == ptok && d.kind.is_metavariable())
                })
                .flatten();
            if let Some(mv) = mv {
                if ci >= cs.len() {
                    return false;
                }
                // The last pattern token takes the rest of the line, unless it is a name (an
                // identifier is one token: `#define i` is a macro with no body).
                let one_token = matches!(pat.kind(mv), smpl_parser::MetavarKind::Identifier);
                let end = if pi + 1 == ps.len() && !one_token {
                    cs.len()
                } else {
                    ci + 1
                };
                if matches!(pat.kind(mv), smpl_parser::MetavarKind::Constant { .. })
                    && !is_constant(&cs[ci..end], ctext)
                {
                    return false;
                }
                let (s, e) = (cs[ci].1, cs[end - 1].2);
                let text = ctext[s..e].to_string();
                let b = Binding {
                    normalized: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    text,
                    range: c_offset + s..c_offset + e,
                };
                if !(self.constraints_hold)(mv, &b, env) || !env.bind(mv, b) {
                    return false;
                }
                ci = end;
                pi += 1;
                continue;
            }
            if ci >= cs.len() {
                return false;
            }
            let ctok = &ctext[cs[ci].1..cs[ci].2];
            // `#include "..."`: any quoted path.
            let any_quoted = ptok == "\"...\"" && ctok.starts_with('"');
            if ctok != ptok && !any_quoted {
                return false;
            }
            ci += 1;
            pi += 1;
        }
        ci == cs.len()
    }
}

/// Whether directive tokens are one constant (`4`, `-1`, `'a'`, `"s"`, `NULL`): what a
/// `constant` metavariable takes in a definition's body.
fn is_constant(tokens: &[(SyntaxKind, usize, usize)], text: &str) -> bool {
    let literal = match tokens {
        [(SyntaxKind::MINUS, ..), rest @ ..] => rest,
        all => all,
    };
    match literal {
        [(kind, s, e)] => match kind {
            SyntaxKind::INT_NUMBER
            | SyntaxKind::FLOAT_NUMBER
            | SyntaxKind::CHAR_LIT
            | SyntaxKind::STRING => true,
            SyntaxKind::IDENT => crate::syntax::is_constant_name(&text[*s..*e]),
            _ => false,
        },
        _ => false,
    }
}

/// A pattern directive without its trailing position (`#include <...>@p`, where `p` is a
/// declared position metavariable), and that metavariable: the position is the whole line.
fn split_position<'t>(pat: &Pattern, ptext: &'t str) -> (&'t str, Option<usize>) {
    let Some(at) = ptext.rfind('@') else {
        return (ptext, None);
    };
    let name = ptext[at + 1..].trim();
    let mv = pat.metavars.iter().position(|d| {
        d.name.name == name && matches!(d.kind, smpl_parser::MetavarKind::Position { .. })
    });
    match mv {
        Some(mv) => (ptext[..at].trim_end(), Some(mv)),
        None => (ptext, None),
    }
}

/// The pattern's preprocessor lines (index of the pattern token, text), one list per
/// branch when the pattern is a disjunction of them; None when the pattern has other code.
fn directive_branches(m: &Matcher) -> Option<Vec<Vec<(usize, String)>>> {
    let is_disj = match crate::syntax::sig_children(&m.pat.minus_tree).as_slice() {
        [] => false,
        [one] if one.kind() == SyntaxKind::DISJ => true,
        _ => return None,
    };
    let tokens = &m.pat.body.tokens;
    let mut branches = vec![Vec::new()];
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            SyntaxKind::DIRECTIVE => branches.last_mut()?.push((
                i,
                m.pat.body.minus.text[t.offset..t.offset + t.len].to_string(),
            )),
            SyntaxKind::DISJ_OPEN if is_disj && i == 0 => {}
            SyntaxKind::DISJ_CLOSE if is_disj && i + 1 == tokens.len() => {}
            SyntaxKind::DISJ_SEP if is_disj => branches.push(Vec::new()),
            _ => return None,
        }
    }
    branches.iter().all(|b| !b.is_empty()).then_some(branches)
}

/// When the pattern is only preprocessor lines, or a disjunction of such lines: its
/// matches. Where several branches match the same lines, the first one does, as in a
/// disjunction of code.
pub fn find_directive_matches(m: &Matcher, root: &SyntaxNode, base: &Env) -> Option<Vec<Match>> {
    let branches = directive_branches(m)?;
    let cdirs: Vec<(usize, String)> = root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() == SyntaxKind::DIRECTIVE)
        .map(|t| {
            (
                usize::from(t.text_range().start()),
                t.text().trim_end().to_string(),
            )
        })
        .collect();
    let mut out = Vec::new();
    for start in 0..cdirs.len() {
        let found = branches.iter().find_map(|pats| {
            let cs = cdirs.get(start..start + pats.len())?;
            let mut env = base.clone();
            let ok = pats.iter().zip(cs).all(|((pi, ptext), (coff, ctext))| {
                let ok = match_directive(
                    &m.pat,
                    ptext.trim_end(),
                    ctext,
                    *coff,
                    &mut env,
                    &|mv, b, env| m.constraints_hold(mv, b, env),
                );
                if ok {
                    env.map_token(*pi, *coff..*coff + ctext.len());
                }
                ok
            });
            let (lo, lt) = cs.last()?;
            ok.then(|| Match {
                env,
                range: cs[0].0..lo + lt.len(),
            })
        });
        out.extend(found);
    }
    Some(out)
}
