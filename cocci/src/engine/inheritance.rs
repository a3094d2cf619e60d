//! Inheritance between rules: the environments a rule's matches leave for later rules, and
//! the seeds a rule starts from, one per combination of its parents' environments.

use smpl_parser::{Rule, RuleFile};
use std::collections::HashMap;

/// One match's bindings by metavariable name.
pub(super) type NamedBindings = Vec<(String, matcher::Binding)>;

pub(super) fn named_bindings(rule: &Rule, out: &matcher::RuleOutcome) -> Vec<NamedBindings> {
    let mut all: Vec<NamedBindings> = Vec::new();
    // A nest's occurrences bind their own variables: each is an environment of its own.
    let mut flat: Vec<Vec<(usize, matcher::Binding)>> = Vec::new();
    for m in &out.matches {
        if m.env.nested.iter().any(|n| !n.bindings.is_empty()) {
            for n in &m.env.nested {
                let mut b = m.env.bindings.clone();
                b.extend(n.bindings.iter().cloned());
                flat.push(b);
            }
        } else {
            flat.push(m.env.bindings.clone());
        }
    }
    for bindings in &flat {
        let named: NamedBindings = bindings
            .iter()
            .map(|(i, b)| (rule.metavars[*i].name.name.clone(), b.clone()))
            .collect();
        let same = |a: &NamedBindings| {
            a.len() == named.len()
                && a.iter()
                    .zip(&named)
                    .all(|(x, y)| x.0 == y.0 && x.1.normalized == y.1.normalized)
        };
        if !all.iter().any(same) {
            all.push(named);
        }
    }
    all
}

/// The environments a rule starts from: one per combination of the matches of the rules
/// it inherits metavariables from (none if one of them did not match); a rule that
/// inherits nothing starts once, from nothing. Combinations `keep` refuses (checked as
/// they are built, before the cap) are left out.
pub(super) fn seeds_for(
    rules: &RuleFile,
    rule: &Rule,
    environments: &HashMap<String, Vec<NamedBindings>>,
    keep: &dyn Fn(&matcher::Seed) -> bool,
) -> Vec<matcher::Seed> {
    let mut seeds: Vec<matcher::Seed> = vec![Vec::new()];
    let mut parents: Vec<&str> = Vec::new();
    for d in &rule.metavars {
        if let Some(r) = d.name.rule.as_deref().filter(|_| d.is_inherited()) {
            if !parents.contains(&r) {
                parents.push(r);
            }
        }
    }
    const MAX_SEEDS: usize = 64;
    for parent in parents {
        let Some(envs) = environments.get(parent) else {
            return Vec::new();
        };
        let mut next = Vec::new();
        for seed in &seeds {
            for env in envs {
                let mut s = seed.clone();
                let mut missing = false;
                let mut found_any = false;
                for (i, d) in rule.metavars.iter().enumerate() {
                    if d.name.rule.as_deref() != Some(parent) {
                        continue;
                    }
                    // A metavariable the parent binds only through an attachment (`f()@S`),
                    // which rcocci does not record, leaves the rule unconstrained; any other
                    // missing one means this environment does not reach the rule.
                    match env.iter().find(|(n, _)| *n == d.name.name) {
                        Some((_, b)) => {
                            s.push((i, b.clone()));
                            found_any = true;
                        }
                        None => {
                            if !attached_in(rules, parent, &d.name.name) {
                                missing = true;
                            }
                        }
                    }
                }
                let duplicate = next.iter().any(|n: &matcher::Seed| {
                    n.len() == s.len()
                        && n.iter()
                            .zip(&s)
                            .all(|(a, b)| a.0 == b.0 && a.1.normalized == b.1.normalized)
                });
                // A parent's disjunction may bind some of the inherited variables and not
                // others (`f(a) | g(b)`): an environment binding none of them is no use.
                let complete = !missing || found_any;
                if complete && !duplicate && next.len() < MAX_SEEDS && keep(&s) {
                    next.push(s);
                }
            }
        }
        seeds = next;
    }
    seeds
}

/// Whether rule `parent` uses its metavariable `name` only as an attachment (`x@name`).
fn attached_in(rules: &RuleFile, parent: &str, name: &str) -> bool {
    let Some(rule) = rules.rule(parent) else {
        return false;
    };
    let Some(index) = rule.metavars.iter().position(|m| m.name.name == name) else {
        return false;
    };
    rule.body()
        .is_some_and(|b| b.tokens.iter().any(|t| t.attached.contains(&index)))
}
