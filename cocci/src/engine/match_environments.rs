//! The environments a rule's matches leave for later rules and scripts, as spatch makes them
//! (cocci.ml and the CTL engine's witnesses): only the values used after the rule are kept
//! (a later rule's `r.x`, a script's `x << r.x`, a constraint's `r.p`, and what the rule
//! itself inherited), and
//!
//! - without `exists`, the places a position takes in one match (a nest's occurrences, the
//!   ends of the paths) are one list: the environments of a match that differ only in
//!   positions are one, its positions standing for all their places (`p[0]` the first,
//!   `len(p)` how many). A value that differs between the occurrences and is not used
//!   later is dropped; one used later splits the match, one environment per value;
//! - with `exists`, each path end or nest occurrence is an environment of its own.

use super::inheritance::NamedBindings;
use smpl_parser::{Constraint, FreshSeed, MetaName, MetavarKind, Quantifier, Rule, RuleFile};
use std::collections::HashSet;
use std::ops::Range;

/// Bindings by metavariable index.
type Values = Vec<(usize, matcher::Binding)>;

/// The names of `rule`'s metavariables whose values other rules or scripts read: inherited
/// (`r.x`), read by a script (`x << r.x`), compared with (`p != r.p`), or passed to a script
/// constraint or a fresh identifier's script (`script:python(r.x) {...}`).
pub(super) fn used_later(rules: &RuleFile, rule: &Rule) -> HashSet<String> {
    let mut names: HashSet<String> = rule.inherited_later.iter().cloned().collect();
    let mut note = |n: &MetaName| {
        if n.rule.as_deref() == Some(rule.name.as_str()) {
            names.insert(n.name.clone());
        }
    };
    for d in rules.rules.iter().flat_map(|r| &r.metavars) {
        let mut constraints: Vec<&Constraint> = d.constraints.iter().collect();
        while let Some(c) = constraints.pop() {
            match c {
                Constraint::Any(cs) => constraints.extend(cs),
                Constraint::Script(sc) => sc.params.iter().for_each(&mut note),
                Constraint::SubTermOf(values) | Constraint::Compare { values, .. } => {
                    for (r, name) in values
                        .iter()
                        .flat_map(|v| v.split(' '))
                        .filter_map(|w| w.split_once('.'))
                    {
                        note(&MetaName {
                            rule: Some(r.to_string()),
                            name: name.to_string(),
                        });
                    }
                }
                Constraint::Regex { .. } => {}
            }
        }
        if let MetavarKind::FreshIdentifier(Some(FreshSeed::Script(sc))) = &d.kind {
            sc.params.iter().for_each(&mut note);
        }
    }
    names
}

/// The environments of a rule's matches, by metavariable name, each once, in the order the
/// matches were found (those of one match, or of matches over the same code, in text
/// order). `used_later` is [`used_later`]'s.
pub(super) fn named_bindings(
    rule: &Rule,
    out: &matcher::RuleOutcome,
    used_later: &HashSet<String>,
) -> Vec<NamedBindings> {
    let shape = Shape { rule, used_later };
    let exists = rule.header.quantifier == Some(Quantifier::Exists);
    // Under `forall`, matches over the same code are the groups of paths of one search
    // (the matcher splits the paths by their bindings): one environment in spatch.
    let mut found: Vec<(Range<usize>, Values)> = Vec::new();
    for m in &out.matches {
        for values in shape.match_environments(&m.env, exists) {
            let same_match = |(range, other): &&mut (Range<usize>, Values)| {
                !exists && *range == m.range && shape.same_code(other, &values)
            };
            match found.iter_mut().find(same_match) {
                Some((_, into)) => shape.add_positions(into, &values),
                None => found.push((m.range.clone(), values)),
            }
        }
    }
    // The path groups of one search in text order, as spatch gives them.
    let first_of_range: Vec<usize> = found
        .iter()
        .map(|(range, _)| found.iter().position(|(r, _)| r == range).unwrap_or(0))
        .collect();
    let mut ordered: Vec<(usize, Values)> = first_of_range
        .into_iter()
        .zip(found.into_iter().map(|(_, values)| values))
        .collect();
    ordered.sort_by_cached_key(|(first, values)| (*first, places(values)));
    let mut all: Vec<NamedBindings> = Vec::new();
    for (_, values) in ordered {
        let named: NamedBindings = values
            .into_iter()
            .filter(|(i, _)| !shape.shadowed(*i))
            .map(|(i, b)| (rule.metavars[i].name.name.clone(), b))
            .collect();
        if !all
            .iter()
            .any(|a| super::inheritance::same_bindings(a, &named))
        {
            all.push(named);
        }
    }
    all
}

/// What the environments of one rule keep, and which of its metavariables are positions.
struct Shape<'a> {
    rule: &'a Rule,
    used_later: &'a HashSet<String>,
}

impl Shape<'_> {
    /// Whether metavariable `i`'s value is used after the rule (an inherited one is kept
    /// as it came: later rules and scripts pair environments through it).
    fn kept(&self, i: usize) -> bool {
        self.rule
            .metavars
            .get(i)
            .is_some_and(|d| d.name.rule.is_some() || self.used_later.contains(&d.name.name))
    }

    /// Whether metavariable `i` is another rule's with the name of one of this rule's own
    /// (`position p != errcode.p`): later rules and scripts asking for this rule's `p` mean
    /// its own, which is then unbound when the match did not bind it (a nest with no
    /// occurrence), not the other rule's.
    fn shadowed(&self, i: usize) -> bool {
        let metavars = &self.rule.metavars;
        metavars.get(i).is_some_and(|d| {
            d.name.rule.is_some()
                && metavars
                    .iter()
                    .any(|own| own.name.rule.is_none() && own.name.name == d.name.name)
        })
    }

    fn is_position(&self, i: usize) -> bool {
        self.rule
            .metavars
            .get(i)
            .is_some_and(|d| matches!(d.kind, MetavarKind::Position { .. }))
    }

    /// Whether two environments bind the same metavariables other than positions to the
    /// same code.
    fn same_code(&self, a: &Values, b: &Values) -> bool {
        let code = |v: &'_ Values| -> Vec<(usize, String)> {
            v.iter()
                .filter(|(i, _)| !self.is_position(*i))
                .map(|(i, b)| (*i, b.normalized.clone()))
                .collect()
        };
        code(a) == code(b)
    }

    /// Whether `env` binds each of `part`'s metavariables other than positions to the same
    /// code.
    fn agrees_with(&self, part: &Values, env: &Values) -> bool {
        part.iter()
            .filter(|(i, _)| !self.is_position(*i))
            .all(|(i, b)| {
                env.iter()
                    .any(|(j, other)| j == i && other.normalized == b.normalized)
            })
    }

    /// `into` with the places of `from`'s positions added.
    fn add_positions(&self, into: &mut Values, from: &Values) {
        for (i, b) in from.iter().filter(|(i, _)| self.is_position(*i)) {
            match into.iter_mut().find(|(j, _)| j == i) {
                Some((_, old)) => {
                    if let Some(both) = old.merged_positions(b) {
                        *old = both;
                    }
                }
                None => into.push((*i, b.clone())),
            }
        }
        into.sort_by_key(|(i, _)| *i);
    }

    /// The environments one match gives. Its nested environments (nest occurrences, path
    /// ends) that bind something kept each give their values, over the match's own; a
    /// position bound in them is theirs, not the match's list of all of them.
    fn match_environments(&self, env: &matcher::Env, exists: bool) -> Vec<Values> {
        let mut nested: Vec<&matcher::Env> = env
            .nested
            .iter()
            .filter(|n| n.bindings.iter().any(|(i, _)| self.kept(*i)))
            .collect();
        let in_nested: HashSet<usize> = nested
            .iter()
            .flat_map(|n| n.bindings.iter().map(|(i, _)| *i))
            .collect();
        let base: Values = env
            .bindings
            .iter()
            .filter(|(i, _)| self.kept(*i) && !(self.is_position(*i) && in_nested.contains(i)))
            .cloned()
            .collect();
        if nested.is_empty() {
            return vec![sorted(base)];
        }
        // In text order, as spatch gives them: path ends are found in no such order.
        nested.sort_by_cached_key(|n| places(&n.bindings));
        let each = nested.into_iter().map(|n| {
            let mut values = base.clone();
            for (i, b) in n.bindings.iter().filter(|(i, _)| self.kept(*i)) {
                match values.iter_mut().find(|(j, _)| j == i) {
                    Some(slot) => slot.1 = b.clone(),
                    None => values.push((*i, b.clone())),
                }
            }
            sorted(values)
        });
        if exists {
            return each.collect();
        }
        self.by_values(each)
    }

    /// One environment per distinct set of values other than positions, with the places of
    /// all the environments that have them. An environment binding fewer of them (an
    /// occurrence of a nest's other branch) adds its places to each one it agrees with.
    fn by_values(&self, each: impl Iterator<Item = Values>) -> Vec<Values> {
        let mut groups: Vec<Values> = Vec::new();
        for values in each {
            match groups.iter_mut().find(|g| self.same_code(g, &values)) {
                Some(g) => self.add_positions(g, &values),
                None => groups.push(values),
            }
        }
        let code_count = |g: &Values| g.iter().filter(|(i, _)| !self.is_position(*i)).count();
        // `wider` binds more than `narrower`, and the same where `narrower` binds.
        let widens = |wider: &Values, narrower: &Values| {
            code_count(wider) > code_count(narrower) && self.agrees_with(narrower, wider)
        };
        let mut widest: Vec<Values> = groups
            .iter()
            .filter(|g| !groups.iter().any(|o| widens(o, g)))
            .cloned()
            .collect();
        for g in &groups {
            for w in widest.iter_mut().filter(|w| widens(w, g)) {
                self.add_positions(w, g);
            }
        }
        widest
    }
}

/// Where the values are, in text order: the key that orders environments as spatch does.
fn places(values: &Values) -> Vec<(usize, usize, usize)> {
    let mut places: Vec<(usize, usize, usize)> = values
        .iter()
        .map(|(i, b)| (b.range.start, b.range.end, *i))
        .collect();
    places.sort_unstable();
    places
}

fn sorted(mut values: Values) -> Values {
    values.sort_by_key(|(i, _)| *i);
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn used_later_names_what_other_rules_and_scripts_read() {
        let cocci = "@r@\nidentifier fn;\nexpression E, unread;\nposition p, q;\n@@\n\
                     fn@p(E, unread)@q\n\n\
                     @s@\nposition p2 != r.p;\nidentifier g : script:python(r.E) { g != E };\n@@\n\
                     g@p2(...)\n\n\
                     @script:python@\nf << r.fn;\n@@\nprint(f)\n";
        let rules = smpl_parser::parse_rule_file(std::path::Path::new("t.cocci"), cocci).unwrap();
        let mut names: Vec<String> = used_later(&rules, &rules.rules[0]).into_iter().collect();
        names.sort();
        assert_eq!(names, ["E", "fn", "p"]);
    }
}
