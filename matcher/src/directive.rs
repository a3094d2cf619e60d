//! Patterns made of preprocessor lines (`#include <linux/...>`, `#define foo X`): c-parser
//! keeps directives as trivia, so they are matched line against line, token by token, with
//! `...` for any rest of a path and a metavariable for the rest of a definition.

use crate::env::{Binding, Env};
use crate::node::Matcher;
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

/// Matches one pattern directive against one C directive.
fn match_directive(m: &Matcher, ptext: &str, ctext: &str, c_offset: usize, env: &mut Env) -> bool {
    let (ptext, position) = split_position(m, ptext);
    if let Some(mv) = position {
        if !env.bind(mv, Binding::position(c_offset..c_offset + ctext.len())) {
            return false;
        }
    }
    let ps = directive_tokens(ptext);
    let cs = directive_tokens(ctext);
    let mut ci = 0;
    let mut pi = 0;
    while pi < ps.len() {
        let (pk, ps0, pe0) = ps[pi];
        let ptok = &ptext[ps0..pe0];
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
                m.pat
                    .metavars
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
            let one_token = matches!(m.pat.kind(mv), smpl_parser::MetavarKind::Identifier);
            let end = if pi + 1 == ps.len() && !one_token {
                cs.len()
            } else {
                ci + 1
            };
            let (s, e) = (cs[ci].1, cs[end - 1].2);
            let text = ctext[s..e].to_string();
            let b = Binding {
                normalized: text.split_whitespace().collect::<Vec<_>>().join(" "),
                text,
                range: c_offset + s..c_offset + e,
            };
            if !m.constraints_hold(mv, &b, env) || !env.bind(mv, b) {
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

/// A pattern directive without its trailing position (`#include <...>@p`, where `p` is a
/// declared position metavariable), and that metavariable: the position is the whole line.
fn split_position<'t>(m: &Matcher, ptext: &'t str) -> (&'t str, Option<usize>) {
    let Some(at) = ptext.rfind('@') else {
        return (ptext, None);
    };
    let name = ptext[at + 1..].trim();
    let mv = m.pat.metavars.iter().position(|d| {
        d.name.name == name && matches!(d.kind, smpl_parser::MetavarKind::Position { .. })
    });
    match mv {
        Some(mv) => (ptext[..at].trim_end(), Some(mv)),
        None => (ptext, None),
    }
}

/// When the pattern is only preprocessor lines: its matches.
pub fn find_directive_matches(m: &Matcher, root: &SyntaxNode, base: &Env) -> Option<Vec<Match>> {
    if !crate::syntax::sig_children(&m.pat.minus_tree).is_empty() {
        return None;
    }
    let pats: Vec<(usize, String)> = m
        .pat
        .body
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == SyntaxKind::DIRECTIVE)
        .map(|(i, t)| {
            (
                i,
                m.pat.body.minus.text[t.offset..t.offset + t.len].to_string(),
            )
        })
        .collect();
    if pats.is_empty() || pats.len() != m.pat.body.tokens.len() {
        return None;
    }
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
        if start + pats.len() > cdirs.len() {
            break;
        }
        let mut env = base.clone();
        let ok = pats
            .iter()
            .zip(&cdirs[start..])
            .all(|((pi, ptext), (coff, ctext))| {
                let ok = match_directive(m, ptext.trim_end(), ctext, *coff, &mut env);
                if ok {
                    env.map_token(*pi, *coff..*coff + ctext.len());
                }
                ok
            });
        if ok {
            let first = cdirs[start].0;
            let (lo, lt) = &cdirs[start + pats.len() - 1];
            out.push(Match {
                env,
                range: first..lo + lt.len(),
            });
        }
    }
    Some(out)
}
