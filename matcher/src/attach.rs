//! Metavariables attached to pattern tokens with `@` (`f@p(...)`, `3 +@E 4`, `x@d`,
//! `E@S`), bound once a match is found: a position to the code the token matched, any other
//! kind to the closest enclosing term of its kind (the manual's "floats up"), which may be
//! more than the pattern itself matched.

use crate::env::{Binding, Env};
use crate::pattern::Pattern;
use crate::search::Match;
use crate::syntax::{is_expression, is_statement, normalized_text, sig_range};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, TextRange};
use smpl_parser::{Constraint, MetavarKind, PatternToken};
use std::ops::Range;

/// Binds the attached metavariables of a match; `None` when one of them is already bound
/// (inherited, or used twice) to other code, or a position constraint fails.
pub(crate) fn bind_attached(
    pat: &Pattern,
    root: &SyntaxNode,
    text: &str,
    mut mt: Match,
) -> Option<Match> {
    // Positions bound here to the places of nested environments: another token that binds
    // the same one in its own (`<... ( x =@p E | f@p(...) ) ...>`) adds its places.
    let mut listed: Vec<usize> = Vec::new();
    for (i, t) in pat.body.tokens.iter().enumerate() {
        if t.attached.is_empty() {
            continue;
        }
        if let Some(token_range) = mt.env.token_range(i) {
            let values = attached_values(pat, root, text, t, &token_range, &mt.env)?;
            for (mv, b) in values {
                if !mt.env.bind(mv, b) {
                    return None;
                }
            }
            continue;
        }
        // A token after `...` or in a nest matched once per path end or occurrence, each
        // an environment of its own: bound there, and in the match as a whole to all the
        // places (a position) or to the one term they agree on.
        let mut all: Vec<(usize, Binding)> = Vec::new();
        for n in 0..mt.env.nested.len() {
            let Some(token_range) = mt.env.nested[n].token_range(i) else {
                continue;
            };
            let values = attached_values(pat, root, text, t, &token_range, &mt.env)?;
            for (mv, b) in values {
                if !mt.env.nested[n].bind(mv, b.clone()) {
                    return None;
                }
                all.push((mv, b));
            }
        }
        for &mv in &t.attached {
            let values: Vec<&Binding> = all
                .iter()
                .filter(|(m, _)| *m == mv)
                .map(|(_, b)| b)
                .collect();
            let Some(first) = values.first() else {
                continue;
            };
            if listed.contains(&mv) {
                let together = values
                    .iter()
                    .try_fold(mt.env.binding(mv)?.clone(), |acc, b| {
                        acc.merged_positions(b)
                    });
                if let Some(b) = together {
                    replace_binding(&mut mt.env, mv, b);
                }
                continue;
            }
            if let Some(bound) = mt.env.binding(mv) {
                let mut check = mt.env.clone();
                if bound.positions().is_some()
                    && !values.iter().all(|b| check.bind(mv, (*b).clone()))
                {
                    return None;
                }
                continue;
            }
            let together = values.iter().skip(1).try_fold((*first).clone(), |acc, b| {
                acc.merged_positions(b)
                    .or_else(|| (acc.normalized == b.normalized).then(|| acc.clone()))
            });
            if let Some(b) = together {
                if b.positions().is_some() {
                    listed.push(mv);
                }
                mt.env.bind(mv, b);
            }
        }
    }
    Some(mt)
}

fn replace_binding(env: &mut Env, mv: usize, value: Binding) {
    for (m, b) in &mut env.bindings {
        if *m == mv {
            *b = value.clone();
        }
    }
}

/// The values of the metavariables attached to one token, which matched `token_range`;
/// `None` when a position constraint fails. Constraints read inherited positions from `env`.
fn attached_values(
    pat: &Pattern,
    root: &SyntaxNode,
    text: &str,
    token: &PatternToken,
    token_range: &Range<usize>,
    env: &Env,
) -> Option<Vec<(usize, Binding)>> {
    let parameters = token
        .metavar
        .is_some_and(|m| matches!(pat.kind(m), MetavarKind::ParameterList(_)));
    // A position written after another attached metavariable (`f(...)@E@p`) is the
    // position of that metavariable's term, not of the token.
    let mut range = token_range.clone();
    let mut out = Vec::new();
    for &mv in &token.attached {
        let binding = match pat.kind(mv) {
            MetavarKind::Position { .. } => {
                if !position_constraints_hold(pat, mv, &range, env) {
                    return None;
                }
                Binding::position(range.clone())
            }
            MetavarKind::ExpressionList(_) if parameters => {
                // `Ps@Es`: the parameters' names as an argument list.
                let names = parameter_names(root, token_range);
                Binding {
                    text: names.join(", "),
                    normalized: names.join(" , "),
                    range: token_range.clone(),
                }
            }
            kind => {
                let Some(term) = enclosing(root, token_range, kind) else {
                    // An identifier does not float up: `c@i` (`constant c; identifier
                    // i;`) matches a constant that is a name (`CLOSURE_WAITING`), not `1`;
                    // a name that is no expression (`dev->probe@fld`) is bound as it is.
                    if matches!(kind, MetavarKind::Identifier) {
                        let name = identifier_at(root, token_range)?;
                        out.push((mv, name));
                    }
                    continue;
                };
                range = sig_range(&term);
                Binding {
                    text: text.get(range.clone()).unwrap_or_default().to_string(),
                    normalized: normalized_text(&term),
                    range: range.clone(),
                }
            }
        };
        out.push((mv, binding));
    }
    Some(out)
}

/// The position written right after pattern token `token` (`E@p`, not one after another
/// attached metavariable) that refuses the place the token matches, with the index of the
/// constraint that fails (`None` for a position already bound to other places, or
/// inherited from a rule that never bound it, which accepts no place); `None` when they
/// all accept it. Checked while matching, so that a place a constraint or an inherited
/// position excludes is no match at all (a `...` goes on past it: `... e@p = f(...);` with
/// `p` inherited does not stop at another assignment) rather than a match dropped
/// afterwards.
pub(crate) fn leading_position_refusing(
    pat: &Pattern,
    token: usize,
    at: &Range<usize>,
    env: &Env,
) -> Option<(usize, Option<usize>)> {
    pat.body.tokens[token]
        .attached
        .iter()
        .take_while(|&&mv| matches!(pat.kind(mv), MetavarKind::Position { .. }))
        .find_map(|&mv| {
            match env.binding(mv).map(Binding::positions) {
                None if pat.metavars[mv].is_inherited() => return Some((mv, None)),
                Some(Some(places)) if !places.contains(at) => return Some((mv, None)),
                _ => {}
            }
            let failing = pat.metavars[mv]
                .constraints
                .iter()
                .position(|c| !position_constraint_holds(pat, c, at, env))?;
            Some((mv, Some(failing)))
        })
}

/// The names the parameters in a C range declare, in order.
fn parameter_names(root: &SyntaxNode, range: &Range<usize>) -> Vec<String> {
    root.descendants()
        .filter(|n| n.kind() == SyntaxKind::PARAM)
        .filter(|n| {
            let r = sig_range(&SyntaxElement::Node(n.clone()));
            range.start <= r.start && r.end <= range.end
        })
        .filter_map(|p| {
            p.descendants()
                .find(|d| d.kind() == SyntaxKind::NAME)
                .map(|name| name.text().to_string().trim().to_string())
        })
        .collect()
}

/// `position p != r.q` (or `= {r.q, s.q}`): whether a place is (not) one of the places the
/// named positions are bound to. A named position that is not bound constrains nothing.
pub(crate) fn position_constraints_hold(
    pat: &Pattern,
    mv: usize,
    at: &Range<usize>,
    env: &Env,
) -> bool {
    pat.metavars[mv]
        .constraints
        .iter()
        .all(|c| position_constraint_holds(pat, c, at, env))
}

fn position_constraint_holds(pat: &Pattern, c: &Constraint, at: &Range<usize>, env: &Env) -> bool {
    let Constraint::Compare { negated, values } = c else {
        return true;
    };
    let found = values.iter().any(|v| {
        pat.metavars
            .iter()
            .position(|m| m.name.to_string() == *v || m.name.name == *v)
            .and_then(|other| env.binding(other))
            .and_then(Binding::positions)
            .is_some_and(|places| places.contains(at))
    });
    found != *negated
}

/// The identifier token a C range is, as a binding.
fn identifier_at(root: &SyntaxNode, range: &Range<usize>) -> Option<Binding> {
    let start = u32::try_from(range.start).ok()?;
    let end = u32::try_from(range.end).ok()?;
    if end as usize > usize::from(root.text_range().end()) {
        return None;
    }
    let SyntaxElement::Token(t) = root.covering_element(TextRange::new(start.into(), end.into()))
    else {
        return None;
    };
    (t.kind() == SyntaxKind::IDENT && sig_range(&SyntaxElement::Token(t.clone())) == *range).then(
        || Binding {
            text: t.text().to_string(),
            normalized: t.text().to_string(),
            range: range.clone(),
        },
    )
}

/// The closest term of a metavariable's kind around a C range.
fn enclosing(root: &SyntaxNode, range: &Range<usize>, kind: &MetavarKind) -> Option<SyntaxElement> {
    let wanted: fn(SyntaxKind) -> bool = match kind {
        MetavarKind::Expression { .. }
        | MetavarKind::IdExpression { .. }
        | MetavarKind::Constant { .. } => is_expression,
        MetavarKind::Initializer => |k| is_expression(k) || k == SyntaxKind::INITIALIZER_LIST,
        MetavarKind::Statement => is_statement,
        MetavarKind::Declaration => |k| {
            matches!(
                k,
                SyntaxKind::DECLARATION | SyntaxKind::MACRO_DECL | SyntaxKind::FIELD_DECL
            )
        },
        MetavarKind::Field => |k| k == SyntaxKind::FIELD_DECL,
        MetavarKind::Type => |k| k == SyntaxKind::TYPE_NAME,
        MetavarKind::Parameter => |k| k == SyntaxKind::PARAM,
        // `x@name` with `x` an expression metavariable: the name `x` matched.
        MetavarKind::Identifier => |k| matches!(k, SyntaxKind::NAME | SyntaxKind::NAME_REF),
        _ => return None,
    };
    let end = u32::try_from(range.end).ok()?;
    let start = u32::try_from(range.start).ok()?;
    if end as usize > usize::from(root.text_range().end()) {
        return None;
    }
    let covering = root.covering_element(TextRange::new(start.into(), end.into()));
    let first = match covering {
        SyntaxElement::Node(n) => Some(n),
        SyntaxElement::Token(t) => t.parent(),
    };
    first
        .into_iter()
        .flat_map(|n| n.ancestors())
        .find(|n| wanted(n.kind()))
        .map(SyntaxElement::Node)
}
