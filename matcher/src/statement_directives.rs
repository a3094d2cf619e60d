//! Preprocessor lines written among a pattern's code (`#pragma omp ...` before a loop, or
//! between a loop's header and its body). c-parser keeps directives as trivia, so they are
//! matched once the code around them has: a run of pattern directives against the C
//! directive lines just before the C code that the pattern token after the run matched.

use crate::env::Env;
use crate::pattern::Pattern;
use c_parser::SyntaxKind;

/// The match with its pattern directives mapped to the C lines they match; a run of
/// directives that does not match maps nothing (the lines are then left as they are).
pub fn map_statement_directives(pat: &Pattern, env: &Env, c_text: &str) -> Env {
    let tokens = &pat.body.tokens;
    let mut env = env.clone();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind != SyntaxKind::DIRECTIVE || env.token_range(i).is_some() {
            i += 1;
            continue;
        }
        let run = i..(i..tokens.len())
            .find(|&j| tokens[j].kind != SyntaxKind::DIRECTIVE)
            .unwrap_or(tokens.len());
        i = run.end;
        let Some(next) = env.token_range(run.end) else {
            continue;
        };
        let Some(lines) = directive_lines_before(c_text, next.start, run.len()) else {
            continue;
        };
        let mut with = env.clone();
        let all = run.clone().zip(&lines).all(|(p, (at, line))| {
            let t = &tokens[p];
            let ptext = &pat.body.minus.text[t.offset..t.offset + t.len];
            let ok = crate::directive::match_directive(
                pat,
                ptext.trim_end(),
                line,
                *at,
                &mut with,
                &|mv, b, _| own_constraints_hold(pat, mv, b),
            );
            if ok {
                with.map_token(p, *at..at + line.len());
            }
            ok
        });
        if all {
            env = with;
        }
    }
    env
}

/// The last `count` directive lines before `at` (offset of each `#`, its text), when the
/// code at `at` starts its line; comment lines and blank lines between are passed over.
fn directive_lines_before(text: &str, at: usize, count: usize) -> Option<Vec<(usize, &str)>> {
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..at].trim().is_empty() {
        return None;
    }
    let mut found = Vec::new();
    let mut end = line_start;
    while found.len() < count && end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[start..end - 1];
        let trimmed = line.trim();
        if trimmed.starts_with('#') {
            let hash = start + (line.len() - line.trim_start().len());
            found.push((hash, line.trim()));
        } else if !(trimmed.is_empty() || trimmed.starts_with("//")) {
            return None;
        }
        end = start;
    }
    found.reverse();
    (found.len() == count).then_some(found)
}

/// A metavariable's constraints that need no other binding (`pragmainfo p =~ "^omp"`): the
/// match these lines come with is already made, so no other value can be asked for.
fn own_constraints_hold(pat: &Pattern, mv: usize, b: &crate::env::Binding) -> bool {
    let code = |_: &str| crate::meta_checks::ConstraintValue::Code;
    pat.metavars[mv]
        .constraints
        .iter()
        .all(|c| crate::meta_checks::constraint_holds(c, b, &code))
}
