//! The combinations of parent environments a script rule runs in.
//!
//! A script that reads variables of several rules runs once per combination of their
//! environments, but only of environments that belong together: when one of those rules
//! inherits from another (`err` declares `position prelocked.p`), each environment of `err`
//! extends the one environment of `prelocked` it was matched from, as in spatch, where an
//! environment grows rule by rule. So `p1 << prelocked.p1; r << err.r;` pairs each return
//! with the lock its match started from, not with every lock of the file.

use super::inheritance::{same_bindings, same_value, NamedBindings};
use smpl_parser::{RuleFile, ScriptRule};

/// One environment per parent, reduced to the variables the script reads from it.
pub(super) type ParentEnvs = Vec<(String, NamedBindings)>;

/// The distinct combinations of `parents`' environments that agree on what the parents
/// inherit from each other, each reduced to the variables `script` reads. A parent that did
/// not match takes part with an empty environment (only defaults can run the script).
pub(super) fn parent_combinations(
    script: &ScriptRule,
    rules: &RuleFile,
    parents: &[&str],
    environments: &std::collections::HashMap<String, Vec<NamedBindings>>,
) -> Vec<ParentEnvs> {
    // Rules between two parents (`r3` inherits from `r2`, which inherits from `r1`) take
    // part too, reading nothing: their environments are what ties an `r3` match to the
    // `r1` match it grew from.
    let mut linked: Vec<&str> = parents.to_vec();
    linked.extend(rules_between(rules, parents));
    let links = inheritance_links(rules, &linked);
    // Per rule, its environments reduced to what the script reads and what the links
    // compare, each once.
    let mut combos: Vec<ParentEnvs> = vec![Vec::new()];
    for parent in &linked {
        let mut kept = read_names(script, parent);
        for link in links
            .iter()
            .filter(|l| l.child == *parent || l.parent == *parent)
        {
            kept.extend(link.names.iter().cloned());
        }
        let reduced = reduced_environments(environments.get(*parent), &kept);
        combos = combos
            .into_iter()
            .flat_map(|combo| {
                reduced
                    .iter()
                    .filter(|env| agrees(&combo, parent, env, &links))
                    .map(|env| {
                        let mut combo = combo.clone();
                        combo.push((parent.to_string(), env.clone()));
                        combo
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    let mut distinct: Vec<ParentEnvs> = Vec::new();
    for combo in combos {
        let read: ParentEnvs = combo
            .into_iter()
            .filter(|(rule, _)| parents.contains(&rule.as_str()))
            .map(|(parent, env)| {
                let names = read_names(script, &parent);
                let env = env.into_iter().filter(|(n, _)| names.contains(n)).collect();
                (parent, env)
            })
            .collect();
        if !distinct.iter().any(|d| same_combination(d, &read)) {
            distinct.push(read);
        }
    }
    distinct
}

/// The rules that inherit, directly or not, from one of `parents` and are inherited from,
/// directly or not, by another, in the rule file's order.
fn rules_between<'a>(rules: &'a RuleFile, parents: &[&str]) -> Vec<&'a str> {
    let inherits_from = |child: &str| -> Vec<&'a str> {
        let Some(rule) = rules.rules.iter().find(|r| r.name == child) else {
            return Vec::new();
        };
        let mut direct: Vec<&'a str> = Vec::new();
        for m in rule.metavars.iter().filter(|m| !only_in_a_constraint(m)) {
            if let Some(parent) = m.name.rule.as_deref() {
                if let Some(p) = rules.rules.iter().find(|r| r.name == parent) {
                    if !direct.contains(&p.name.as_str()) {
                        direct.push(&p.name);
                    }
                }
            }
        }
        direct
    };
    let ancestors = |start: &str| -> Vec<&'a str> {
        let mut seen: Vec<&'a str> = Vec::new();
        let mut todo = inherits_from(start);
        while let Some(rule) = todo.pop() {
            if !seen.contains(&rule) {
                seen.push(rule);
                todo.extend(inherits_from(rule));
            }
        }
        seen
    };
    let inherited_by_a_parent: Vec<&'a str> = parents.iter().flat_map(|p| ancestors(p)).collect();
    rules
        .rules
        .iter()
        .map(|r| r.name.as_str())
        .filter(|r| !parents.contains(r) && inherited_by_a_parent.contains(r))
        .filter(|r| ancestors(r).iter().any(|a| parents.contains(a)))
        .collect()
}

/// A position named only in another's constraint (`p2 != print.p`): the rule reads the
/// places that rule bound, all of them, and its environments do not grow from one of that
/// rule's (spatch runs kfree.cocci's `r` for a freed pointer `print` never saw).
fn only_in_a_constraint(m: &smpl_parser::MetavarDecl) -> bool {
    m.implied && matches!(m.kind, smpl_parser::MetavarKind::Position { .. })
}

/// `child` inherits `names` (its own names for them) from `parent`.
struct Link<'a> {
    child: &'a str,
    parent: &'a str,
    names: Vec<String>,
}

fn inheritance_links<'a>(rules: &RuleFile, parents: &[&'a str]) -> Vec<Link<'a>> {
    let mut links = Vec::new();
    for child in parents {
        let Some(rule) = rules.rules.iter().find(|r| r.name == *child) else {
            continue;
        };
        for parent in parents.iter().filter(|p| *p != child) {
            let names: Vec<String> = rule
                .metavars
                .iter()
                .filter(|m| m.name.rule.as_deref() == Some(*parent) && !only_in_a_constraint(m))
                .map(|m| m.name.name.clone())
                .collect();
            if !names.is_empty() {
                links.push(Link {
                    child,
                    parent,
                    names,
                });
            }
        }
    }
    links
}

/// Whether `env` of `parent` binds what it shares with the parents already in `combo` as
/// they do (a position at one of the places of the other's list: the child matched at one
/// of the places it inherited). A name either side leaves unbound constrains nothing.
fn agrees(combo: &ParentEnvs, parent: &str, env: &NamedBindings, links: &[Link<'_>]) -> bool {
    combo.iter().all(|(other, other_env)| {
        links
            .iter()
            .filter(|l| {
                (l.child == parent && l.parent == other) || (l.child == other && l.parent == parent)
            })
            .flat_map(|l| &l.names)
            .all(|name| match (value(env, name), value(other_env, name)) {
                (Some(a), Some(b)) => same_value(a, b),
                _ => true,
            })
    })
}

fn value<'e>(env: &'e NamedBindings, name: &str) -> Option<&'e matcher::Binding> {
    env.iter().find(|(n, _)| n == name).map(|(_, b)| b)
}

fn read_names(script: &ScriptRule, parent: &str) -> Vec<String> {
    script
        .bindings
        .iter()
        .filter_map(|b| b.source.as_ref())
        .filter(|s| s.rule.as_deref() == Some(parent))
        .map(|s| s.name.clone())
        .collect()
}

fn reduced_environments(envs: Option<&Vec<NamedBindings>>, kept: &[String]) -> Vec<NamedBindings> {
    let mut reduced: Vec<NamedBindings> = Vec::new();
    for env in envs.map_or(&[][..], Vec::as_slice) {
        let r: NamedBindings = env
            .iter()
            .filter(|(n, _)| kept.contains(n))
            .cloned()
            .collect();
        if !reduced.iter().any(|x| same_bindings(x, &r)) {
            reduced.push(r);
        }
    }
    if reduced.is_empty() {
        reduced.push(Vec::new());
    }
    reduced
}

fn same_combination(a: &ParentEnvs, b: &ParentEnvs) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0 == y.0 && same_bindings(&x.1, &y.1))
}
