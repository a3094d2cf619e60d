//! Conditional directives (`#if` .. `#else` .. `#endif`) seen from the parser.
//!
//! Directives are trivia, so both branches of a conditional normally parse as if they were
//! one piece of code. That fails when the branches each open a construct (`if (a) {` /
//! `if (b) {`) or split an expression. Like Coccinelle, we then keep the first branch and mark
//! the tokens of the later branches inactive: they stay in the tree as `INACTIVE` trivia.

use crate::lexer::Token;
use crate::syntax_kind::SyntaxKind::*;

/// What kind of conditional directive a `DIRECTIVE` token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CondDirective {
    /// `#if`, `#ifdef`, `#ifndef`; `zero` for a literal `#if 0`.
    If {
        zero: bool,
    },
    /// `#elif`, `#elifdef`, `#elifndef`, `#else`
    Else,
    Endif,
}

/// Classifies a directive's text (`#  ifdef FOO` included).
pub fn cond_directive(text: &str) -> Option<CondDirective> {
    let rest = text.strip_prefix('#')?.trim_start_matches([' ', '\t']);
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .unwrap_or(rest.len());
    let (word, after) = rest.split_at(word_end);
    match word {
        "if" => {
            let cond = after.trim_start_matches([' ', '\t']);
            let zero = cond.starts_with('0')
                && !cond[1..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == 'x');
            Some(CondDirective::If { zero })
        }
        "ifdef" | "ifndef" => Some(CondDirective::If { zero: false }),
        "elif" | "else" | "elifdef" | "elifndef" => Some(CondDirective::Else),
        "endif" => Some(CondDirective::Endif),
        _ => None,
    }
}

/// Which raw tokens the parser should not see.
pub struct InactiveMasks {
    /// Default: `#if 0` branches, and later branches of conditionals whose branches do not
    /// balance their brackets (None: nothing inactive).
    pub default: Option<Vec<bool>>,
    /// Fallback: every later branch (`#elif`/`#else` .. `#endif`) inactive too (None: the
    /// same as everything active).
    pub first_branches_only: Option<Vec<bool>>,
}

struct Group {
    /// Raw index of each branch's directive, then of the `#endif` (or the end).
    bounds: Vec<usize>,
    zero_first: bool,
}

/// Computes the masks for a lexed C file.
pub fn inactive_masks(text: &str, tokens: &[Token]) -> InactiveMasks {
    let mut groups: Vec<Group> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut offset = 0usize;
    for (i, tok) in tokens.iter().enumerate() {
        if tok.kind == DIRECTIVE {
            let dtext = &text[offset..offset + tok.len as usize];
            match cond_directive(dtext) {
                Some(CondDirective::If { zero }) => {
                    open.push(groups.len());
                    groups.push(Group {
                        bounds: vec![i],
                        zero_first: zero,
                    });
                }
                Some(CondDirective::Else) => {
                    if let Some(&g) = open.last() {
                        groups[g].bounds.push(i);
                    }
                }
                Some(CondDirective::Endif) => {
                    if let Some(g) = open.pop() {
                        groups[g].bounds.push(i);
                    }
                }
                None => {}
            }
        }
        offset += tok.len as usize;
    }
    for g in open {
        groups[g].bounds.push(tokens.len());
    }
    let n = tokens.len();
    // Allocated only when some token is inactive (most files have no `#else`/`#if 0`).
    let mut default: Option<Vec<bool>> = None;
    let mut first_only: Option<Vec<bool>> = None;
    for g in &groups {
        // bounds: [if, else1, else2, ..., endif]
        let branches = g.bounds.len() - 1;
        if g.zero_first && branches >= 1 {
            mark(
                default.get_or_insert_with(|| vec![false; n]),
                tokens,
                g.bounds[0],
                g.bounds[1],
            );
            mark(
                first_only.get_or_insert_with(|| vec![false; n]),
                tokens,
                g.bounds[0],
                g.bounds[1],
            );
        }
        if branches >= 2 {
            let later = g.bounds[1]..g.bounds[branches];
            mark(
                first_only.get_or_insert_with(|| vec![false; n]),
                tokens,
                later.start,
                later.end,
            );
            let balanced =
                (0..branches).all(|b| branch_is_balanced(tokens, g.bounds[b], g.bounds[b + 1]));
            if !balanced && !g.zero_first {
                mark(
                    default.get_or_insert_with(|| vec![false; n]),
                    tokens,
                    later.start,
                    later.end,
                );
            }
        }
    }
    InactiveMasks {
        default,
        first_branches_only: first_only,
    }
}

fn mark(mask: &mut [bool], tokens: &[Token], from: usize, to: usize) {
    for i in from..to.min(tokens.len()) {
        if !tokens[i].kind.is_trivia() {
            mask[i] = true;
        }
    }
}

fn branch_is_balanced(tokens: &[Token], from: usize, to: usize) -> bool {
    brackets_balance(&tokens[from..to.min(tokens.len())])
}

/// Whether every bracket of `tokens` pairs inside them: the depth never goes below zero and
/// ends at zero.
pub(crate) fn brackets_balance<'t>(tokens: impl IntoIterator<Item = &'t Token>) -> bool {
    let mut depth = 0i32;
    for tok in tokens {
        match tok.kind {
            L_PAREN | L_BRACK | L_BRACE => depth += 1,
            R_PAREN | R_BRACK | R_BRACE => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_directives() {
        assert_eq!(
            cond_directive("#if 0"),
            Some(CondDirective::If { zero: true })
        );
        assert_eq!(
            cond_directive("#if 0x1"),
            Some(CondDirective::If { zero: false })
        );
        assert_eq!(
            cond_directive("# ifdef CONFIG_X"),
            Some(CondDirective::If { zero: false })
        );
        assert_eq!(cond_directive("#else /* x */"), Some(CondDirective::Else));
        assert_eq!(cond_directive("#endif"), Some(CondDirective::Endif));
        assert_eq!(cond_directive("#include <x.h>"), None);
    }
}
