//! Rules that only add code beside `#include` lines (`#include <linux/...>` with a `+`
//! line before or after): spatch adds the code once per file, before the first matching
//! include or after the last one, and prefers includes outside `#if` blocks, so that the
//! new line is not compiled out.

use crate::search::Match;
use c_parser::SyntaxKind;
use smpl_parser::{AnchorPlace, Mark, RuleBody};

/// Whether the pattern is made of `#include` lines only, kept, with code added beside them.
pub(crate) fn adds_beside_includes(body: &RuleBody) -> bool {
    !body.tokens.is_empty()
        && !body.plus_runs.is_empty()
        && body.tokens.iter().all(|t| {
            t.kind == SyntaxKind::DIRECTIVE
                && t.mark == Mark::Context
                && body
                    .minus
                    .text
                    .get(t.offset..t.offset + t.len)
                    .is_some_and(|d| {
                        d.trim_start_matches('#')
                            .trim_start()
                            .starts_with("include")
                    })
        })
}

/// The one match the added code goes beside: the first for code added before the pattern,
/// else the last; matches outside conditional blocks first.
pub(crate) fn once_per_file(body: &RuleBody, text: &str, mut matches: Vec<Match>) -> Vec<Match> {
    if matches.len() < 2 {
        return matches;
    }
    matches.sort_by_key(|m| m.range.start);
    let before = body
        .plus_runs
        .iter()
        .all(|r| matches!(r.place, AnchorPlace::Before(_)));
    let unconditional: Vec<usize> = (0..matches.len())
        .filter(|&i| conditional_depth(&text[..matches[i].range.start.min(text.len())]) == 0)
        .collect();
    let candidates: Vec<usize> = if unconditional.is_empty() {
        (0..matches.len()).collect()
    } else {
        unconditional
    };
    let chosen = if before {
        candidates.first()
    } else {
        candidates.last()
    };
    match chosen {
        Some(&i) => vec![matches.swap_remove(i)],
        None => matches,
    }
}

/// How many `#if`/`#ifdef`/`#ifndef` blocks are open at the end of `text`.
fn conditional_depth(text: &str) -> usize {
    let mut depth = 0usize;
    for line in text.lines() {
        let Some(directive) = line.trim_start().strip_prefix('#') else {
            continue;
        };
        let word = directive.trim_start();
        if word.starts_with("if") {
            depth += 1;
        } else if word.starts_with("endif") {
            depth = depth.saturating_sub(1);
        }
    }
    depth
}
