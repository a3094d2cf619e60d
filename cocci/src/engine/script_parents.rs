//! The combinations of parent environments a script rule runs in.
//!
//! A script that reads variables of several rules runs once per combination of their
//! environments, but only of environments that belong together: when one of those rules
//! inherits from another (`err` declares `position prelocked.p`), each environment of `err`
//! extends the one environment of `prelocked` it was matched from, as in spatch, where an
//! environment grows rule by rule. So `p1 << prelocked.p1; r << err.r;` pairs each return
//! with the lock its match started from, not with every lock of the file.

use super::inheritance::NamedBindings;
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
    let links = inheritance_links(rules, parents);
    // Per parent, its environments reduced to what the script reads and what the links
    // compare, each once.
    let mut combos: Vec<ParentEnvs> = vec![Vec::new()];
    for parent in parents {
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

/// `child` inherits `names` (its own names for them) from `parent`; both read by the script.
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
                .filter(|m| m.name.rule.as_deref() == Some(*parent))
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
/// they do. A name either side leaves unbound constrains nothing.
fn agrees(combo: &ParentEnvs, parent: &str, env: &NamedBindings, links: &[Link<'_>]) -> bool {
    combo.iter().all(|(other, other_env)| {
        links
            .iter()
            .filter(|l| {
                (l.child == parent && l.parent == other) || (l.child == other && l.parent == parent)
            })
            .flat_map(|l| &l.names)
            .all(|name| match (value(env, name), value(other_env, name)) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            })
    })
}

fn value<'e>(env: &'e NamedBindings, name: &str) -> Option<&'e str> {
    env.iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b.normalized.as_str())
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

pub(super) fn same_bindings(a: &NamedBindings, b: &NamedBindings) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.0 == y.0 && x.1.normalized == y.1.normalized)
}
