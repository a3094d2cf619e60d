//! Inheritance between rules: the seeds a rule starts from, one per combination of its
//! parents' environments (`match_environments` makes those), and `depends on` decided
//! for them.

use smpl_parser::{Dependency, MetaName, Rule, RuleFile};
use std::collections::{HashMap, HashSet};

/// One match's bindings by metavariable name.
pub(super) type NamedBindings = Vec<(String, matcher::Binding)>;

/// The same variables with the same values, in the same order.
pub(super) fn same_bindings(a: &NamedBindings, b: &NamedBindings) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0 == y.0 && x.1.normalized == y.1.normalized)
}

/// The environments a rule starts from, and how many more there were than it is tried with.
#[derive(Default)]
pub(super) struct InheritedSeeds {
    pub seeds: Vec<matcher::Seed>,
    pub dropped: usize,
}

/// The environments a rule starts from: one per combination of the matches of the rules
/// it inherits metavariables from (none if one of them did not match); a rule that
/// inherits nothing starts once, from nothing. `virtual.x` metavariables take their value
/// from `-D x=value`; a rule using one that was given no value does not run. Combinations
/// `keep` refuses (checked as they are built) are left out.
pub(super) fn seeds_for(
    rules: &RuleFile,
    rule: &Rule,
    environments: &HashMap<String, Vec<NamedBindings>>,
    virtual_values: &HashMap<String, String>,
    keep: &dyn Fn(&matcher::Seed) -> bool,
) -> InheritedSeeds {
    let Some(first) = virtual_seed(rule, virtual_values) else {
        return InheritedSeeds::default();
    };
    let mut seeds: Vec<Candidate> = vec![Candidate {
        seed: first,
        context: Vec::new(),
    }];
    // Several parents multiply their environments: past this many, the rest are not tried,
    // and the caller says so.
    const MAX_SEEDS: usize = 64;
    let mut dropped = 0;
    for parent in parents_of(rule) {
        let optional =
            only_named_in_declarations(rule, parent) || only_in_optional_branches(rule, parent);
        let Some(envs) = environments.get(parent) else {
            if optional {
                continue;
            }
            return InheritedSeeds::default();
        };
        let mut next: Vec<Candidate> = Vec::new();
        for candidate in &seeds {
            let agreeing: Vec<_> = envs
                .iter()
                .filter_map(|env| {
                    extended_context(rules, parent, &candidate.context, env).map(|c| (env, c))
                })
                .collect();
            // Environments of different parents go together only where they agree on
            // what both inherited from the same rule (spatch's environment tree); where
            // `parent` did not match with this candidate's values, a rule that can do
            // without it runs as if it had not matched at all.
            // So does one whose environments all lack what the rule inherits (a parent's
            // `<... x@p ...>` that matched no occurrence).
            let mut reached = false;
            for (env, context) in agreeing {
                let (s, complete) = with_parent_values(rule, parent, &candidate.seed, env);
                let duplicate = next
                    .iter()
                    .any(|n| same_seed(&n.seed, &s) && n.context == context);
                reached |= complete;
                if complete && !duplicate && keep(&s) {
                    next.push(Candidate { seed: s, context });
                }
            }
            if !reached && optional {
                next.push(Candidate {
                    seed: candidate.seed.clone(),
                    context: candidate.context.clone(),
                });
            }
        }
        seeds = merge_positions(rule, next);
        if seeds.len() > MAX_SEEDS {
            dropped += seeds.len() - MAX_SEEDS;
            seeds.truncate(MAX_SEEDS);
        }
    }
    // Candidates that differ only in what the rule does not inherit run once, their
    // positions together.
    let bare = seeds
        .into_iter()
        .map(|c| Candidate {
            seed: c.seed,
            context: Vec::new(),
        })
        .collect();
    let seeds = merge_positions(rule, bare)
        .into_iter()
        .map(|c| c.seed)
        .collect();
    InheritedSeeds { seeds, dropped }
}

/// The values of the rule's `virtual.x` metavariables, from `-D x=value`; `None` when one
/// was given no value (the rule does not run).
fn virtual_seed(rule: &Rule, virtual_values: &HashMap<String, String>) -> Option<matcher::Seed> {
    let mut seed = Vec::new();
    for (i, d) in rule.metavars.iter().enumerate() {
        if d.name.rule.as_deref() != Some("virtual") {
            continue;
        }
        let value = virtual_values.get(&d.name.name)?;
        seed.push((
            i,
            matcher::Binding {
                text: value.clone(),
                normalized: value.clone(),
                range: 0..0,
            },
        ));
    }
    Some(seed)
}

/// The rules the rule inherits metavariables from, in the order its declarations name
/// them.
fn parents_of(rule: &Rule) -> Vec<&str> {
    let mut parents: Vec<&str> = Vec::new();
    for d in &rule.metavars {
        if let Some(r) = d.name.rule.as_deref().filter(|_| d.is_inherited()) {
            if !parents.contains(&r) {
                parents.push(r);
            }
        }
    }
    parents
}

/// `seed` with the values `parent`'s environment `env` gives the metavariables the rule
/// inherits from it, and whether the environment is of use: a parent's disjunction may
/// bind some of them and not others (`f(a) | g(b)`), and an environment binding none of
/// them is none. A missing one means this environment does not reach the rule: a match of
/// `<... e@i = f(); ...>` (or `<... x@p ...>`) with no occurrence bound neither `i` nor
/// `p`, and leaves `identifier r.i` or `p != r.p` nothing, not anything.
fn with_parent_values(
    rule: &Rule,
    parent: &str,
    seed: &matcher::Seed,
    env: &NamedBindings,
) -> (matcher::Seed, bool) {
    let mut s = seed.clone();
    let mut missing = false;
    let mut found_any = false;
    for (i, d) in rule.metavars.iter().enumerate() {
        if d.name.rule.as_deref() != Some(parent) {
            continue;
        }
        match env.iter().find(|(n, _)| *n == d.name.name) {
            Some((_, b)) => {
                s.push((i, b.clone()));
                found_any = true;
            }
            None => missing = true,
        }
    }
    (s, !missing || found_any)
}

/// A seed being built, with everything the parents' environments it comes from bound, by
/// the metavariable that first bound it.
struct Candidate {
    seed: matcher::Seed,
    context: Vec<(MetaName, matcher::Binding)>,
}

fn same_seed(a: &matcher::Seed, b: &matcher::Seed) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0 == y.0 && x.1.normalized == y.1.normalized)
}

/// `context` with the bindings of an environment of `parent` added; `None` when they bind
/// a metavariable of the same origin to other code.
fn extended_context(
    rules: &RuleFile,
    parent: &str,
    context: &[(MetaName, matcher::Binding)],
    env: &NamedBindings,
) -> Option<Vec<(MetaName, matcher::Binding)>> {
    let mut out = context.to_vec();
    for (name, b) in env {
        let origin = origin_of(
            rules,
            &MetaName {
                rule: Some(parent.to_string()),
                name: name.clone(),
            },
        );
        match out.iter().find(|(o, _)| *o == origin) {
            Some((_, known)) if !same_value(known, b) => return None,
            Some(_) => {}
            None => out.push((origin, b.clone())),
        }
    }
    Some(out)
}

/// Environments that differ only in inherited positions are one environment whose
/// positions stand for all their places (spatch's position lists): the rule runs once for
/// them, and `p != r.q` compares with every place `r.q` was.
fn merge_positions(rule: &Rule, seeds: Vec<Candidate>) -> Vec<Candidate> {
    let is_position = |i: usize| {
        matches!(
            rule.metavars[i].kind,
            smpl_parser::MetavarKind::Position { .. }
        )
    };
    let same_context = |a: &[(MetaName, matcher::Binding)], b: &[(MetaName, matcher::Binding)]| {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.0 == y.0
                    && (x.1.positions().is_some() && y.1.positions().is_some()
                        || x.1.normalized == y.1.normalized)
            })
    };
    let mut merged: Vec<Candidate> = Vec::new();
    for c in seeds {
        let same_code = |m: &Candidate| {
            m.seed.len() == c.seed.len()
                && m.seed.iter().zip(&c.seed).all(|(a, b)| {
                    a.0 == b.0 && (is_position(a.0) || a.1.normalized == b.1.normalized)
                })
                && same_context(&m.context, &c.context)
        };
        match merged.iter_mut().find(|m| same_code(m)) {
            Some(m) => {
                let pairs = m
                    .seed
                    .iter_mut()
                    .zip(&c.seed)
                    .map(|(x, y)| (&mut x.1, &y.1));
                let context_pairs = m
                    .context
                    .iter_mut()
                    .zip(&c.context)
                    .map(|(x, y)| (&mut x.1, &y.1));
                for (into, from) in pairs.chain(context_pairs) {
                    if let Some(both) = into.merged_positions(from) {
                        *into = both;
                    }
                }
            }
            None => merged.push(c),
        }
    }
    merged
}

/// Whether the rule takes from `parent` only what other declarations name (`{r1.T, r2.T} e;`,
/// `position p != r.q;`) and its body never uses: a parent that did not match then only
/// takes alternatives away (an unbound inherited type matches nothing, an unbound position
/// excludes nothing).
fn only_named_in_declarations(rule: &Rule, parent: &str) -> bool {
    let used_in_body = |i: usize| {
        rule.body().is_some_and(|b| {
            b.tokens
                .iter()
                .any(|t| t.metavar == Some(i) || t.attached.contains(&i))
                || b.plus_tokens.iter().any(|t| t.metavar == Some(i))
        })
    };
    rule.metavars
        .iter()
        .enumerate()
        .filter(|(_, d)| d.name.rule.as_deref() == Some(parent))
        .all(|(i, d)| {
            d.implied
                && matches!(
                    d.kind,
                    smpl_parser::MetavarKind::Type | smpl_parser::MetavarKind::Position { .. }
                )
                && !used_in_body(i)
        })
}

/// Whether every use the body makes of `parent`'s metavariables lies in a disjunction branch
/// beside one that uses none of them: spatch then runs the rule even when `parent` did not
/// match, and only the branches that need it cannot match.
fn only_in_optional_branches(rule: &Rule, parent: &str) -> bool {
    let Some(body) = rule.body() else {
        return false;
    };
    let inherited: Vec<usize> = (0..rule.metavars.len())
        .filter(|&i| rule.metavars[i].name.rule.as_deref() == Some(parent))
        .collect();
    // Context code is in the plus slice too: only added code counts here.
    if body
        .plus_tokens
        .iter()
        .any(|t| t.added && t.metavar.is_some_and(|m| inherited.contains(&m)))
    {
        return false;
    }
    let uses = |tok: &c_parser::SyntaxToken| {
        body.pattern_token(tok).is_some_and(|t| {
            t.metavar.is_some_and(|m| inherited.contains(&m))
                || t.attached.iter().any(|m| inherited.contains(m))
        })
    };
    let branch_uses = |branch: &c_parser::SyntaxNode| {
        branch
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .any(|t| uses(&t))
    };
    let mut used = false;
    for tok in body
        .minus
        .tree()
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
    {
        if !uses(&tok) {
            continue;
        }
        used = true;
        let optional = tok
            .parent_ancestors()
            .filter(|a| a.kind() == c_parser::SyntaxKind::DISJ_BRANCH)
            .any(|branch| {
                branch.parent().is_some_and(|disj| {
                    disj.children()
                        .filter(|c| c.kind() == c_parser::SyntaxKind::DISJ_BRANCH)
                        .any(|other| !branch_uses(&other))
                })
            });
        if !optional {
            return false;
        }
    }
    used
}

/// Whether a rule's `depends on` holds for one of its seeds. `r` holds when `r` matched in
/// an environment that agrees with the seed on the metavariables both hold (a rule that
/// inherits `r0.x` runs, for `x = a`, only if `r` matched with `x = a` where `r` has `x`),
/// or is a `-D` name; `ever r` / `never r` look at the whole file, whatever the seed;
/// `file in "p"` asks `file_in`.
pub(super) fn depends_hold_for(
    rules: &RuleFile,
    rule: &Rule,
    seed: &matcher::Seed,
    dep: &Dependency,
    environments: &HashMap<String, Vec<NamedBindings>>,
    defines: &HashSet<String>,
    file_in: &dyn Fn(&str) -> bool,
) -> bool {
    let holds =
        |d: &Dependency| depends_hold_for(rules, rule, seed, d, environments, defines, file_in);
    match dep {
        Dependency::Rule(name) => {
            defines.contains(name)
                || environments
                    .get(name)
                    .is_some_and(|envs| envs.iter().any(|env| agrees(rules, rule, seed, name, env)))
        }
        Dependency::Ever(name) => defines.contains(name) || environments.contains_key(name),
        Dependency::Never(name) => !(defines.contains(name) || environments.contains_key(name)),
        Dependency::Not(d) => !holds(d),
        Dependency::And(a, b) => holds(a) && holds(b),
        Dependency::Or(a, b) => holds(a) || holds(b),
        Dependency::FileIn(place) => file_in(place),
    }
}

/// Whether a script rule's `depends on` holds for one of the environments it runs with
/// (`inherited`: the bindings it inherits, per parent rule): `r` holds when `r` matched in an
/// environment that agrees with them on the metavariables both hold, as for a rule's seed
/// (doubletest's `depends on !bad`, `bad` inheriting the script's `r.p`, is decided for
/// each of `r`'s places, not once for the file).
pub(super) fn depends_hold_for_script(
    rules: &RuleFile,
    inherited: &super::scripting::Inherited,
    dep: &Dependency,
    environments: &HashMap<String, Vec<NamedBindings>>,
    defines: &HashSet<String>,
) -> bool {
    let holds =
        |d: &Dependency| depends_hold_for_script(rules, inherited, d, environments, defines);
    match dep {
        Dependency::Rule(name) => {
            defines.contains(name)
                || environments.get(name).is_some_and(|envs| {
                    envs.iter()
                        .any(|env| agrees_with_inherited(rules, inherited, name, env))
                })
        }
        Dependency::Ever(name) => defines.contains(name) || environments.contains_key(name),
        Dependency::Never(name) => !(defines.contains(name) || environments.contains_key(name)),
        Dependency::Not(d) => !holds(d),
        Dependency::And(a, b) => holds(a) && holds(b),
        Dependency::Or(a, b) => holds(a) || holds(b),
        // A script rule is applied to no code in particular.
        Dependency::FileIn(_) => true,
    }
}

/// Whether an environment of rule `other` binds the metavariables it shares with a
/// script's inherited bindings (the same variable of the same defining rule) to the same
/// code.
fn agrees_with_inherited(
    rules: &RuleFile,
    inherited: &super::scripting::Inherited,
    other: &str,
    env: &NamedBindings,
) -> bool {
    let Some(other_rule) = rules.rule(other) else {
        return true;
    };
    inherited.iter().all(|(parent, bindings)| {
        bindings.iter().all(|(pname, pb)| {
            let origin = origin_of(
                rules,
                &MetaName {
                    rule: Some(parent.clone()),
                    name: pname.clone(),
                },
            );
            env.iter().all(|(name, b)| {
                origin_in(rules, other_rule, other, name)
                    .is_none_or(|o| o != origin || same_value(pb, b))
            })
        })
    })
}

/// Whether an environment of rule `other` and a seed of `rule` bind the metavariables they
/// share (the same variable of the same defining rule) to the same code; positions agree
/// when they have a place in common.
fn agrees(
    rules: &RuleFile,
    rule: &Rule,
    seed: &matcher::Seed,
    other: &str,
    env: &NamedBindings,
) -> bool {
    let Some(other_rule) = rules.rule(other) else {
        return true;
    };
    seed.iter().all(|(i, sb)| {
        let Some(decl) = rule.metavars.get(*i) else {
            return true;
        };
        let origin = origin_of(rules, &decl.name);
        env.iter().all(|(name, b)| {
            origin_in(rules, other_rule, other, name)
                .is_none_or(|o| o != origin || same_value(sb, b))
        })
    })
}

/// Where metavariable `name` of rule `other` is defined: the rule it inherits it from, or
/// `other` itself; `None` when `other` declares no such name.
fn origin_in(rules: &RuleFile, other_rule: &Rule, other: &str, name: &str) -> Option<MetaName> {
    let d = other_rule.metavar(name)?;
    Some(match d.name.rule {
        Some(_) => origin_of(rules, &d.name),
        None => MetaName {
            rule: Some(other.to_string()),
            name: name.to_string(),
        },
    })
}

/// The same code, or positions with a place in common.
pub(super) fn same_value(a: &matcher::Binding, b: &matcher::Binding) -> bool {
    match (a.positions(), b.positions()) {
        (Some(x), Some(y)) => x.iter().any(|p| y.contains(p)),
        _ => a.normalized == b.normalized,
    }
}

/// The rule that defines an inherited metavariable (`r.x` where `r` inherited `x` from
/// `q` is `q.x`).
fn origin_of(rules: &RuleFile, name: &MetaName) -> MetaName {
    let mut current = name.clone();
    // Each step goes to an earlier rule: the chain is as long as the file at most.
    for _ in 0..rules.rules.len() {
        let Some(rule) = current.rule.as_deref().and_then(|r| rules.rule(r)) else {
            break;
        };
        match rule.metavar(&current.name) {
            Some(d) if d.is_inherited() => current = d.name.clone(),
            _ => break,
        }
    }
    current
}
