//! Script rules (`@script:python@`, `@initialize:...@`, `@finalize:...@`) are not run yet
//! (Engine III). A run in which one could run says so on stderr, even with `--very-quiet`:
//! its messages (coccicheck's report and org modes) and the rules using its bindings are
//! missing, and the user must not take the silence for "nothing found".

use smpl_parser::{Dependency, RuleFile};

/// What is known of a `depends on` clause before any file is read: virtual rules are set or
/// not by `-D`; whether other rules match is not known.
fn can_hold(dep: &Dependency, virtuals: &[String], defines: &[String]) -> Option<bool> {
    let named = |name: &str| {
        if defines
            .iter()
            .any(|d| d == name || d.split('=').next() == Some(name))
        {
            Some(true)
        } else if virtuals.iter().any(|v| v == name) {
            Some(false)
        } else {
            None
        }
    };
    match dep {
        Dependency::Rule(n) | Dependency::Ever(n) => named(n),
        Dependency::Never(n) => named(n).map(|b| !b),
        Dependency::Not(d) => can_hold(d, virtuals, defines).map(|b| !b),
        Dependency::And(a, b) => match (
            can_hold(a, virtuals, defines),
            can_hold(b, virtuals, defines),
        ) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        Dependency::Or(a, b) => match (
            can_hold(a, virtuals, defines),
            can_hold(b, virtuals, defines),
        ) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        Dependency::FileIn(_) => None,
    }
}

/// The warning for the script rules that may run with these `-D` names, if any.
pub fn warning(rules: &RuleFile, defines: &[String]) -> Option<String> {
    let live: Vec<String> = rules
        .rules
        .iter()
        .filter_map(|r| r.script().map(|s| (r, s)))
        .filter(|(r, _)| {
            r.header
                .depends
                .as_ref()
                .is_none_or(|d| can_hold(d, &rules.virtuals, defines) != Some(false))
        })
        .map(|(r, s)| format!("{} ({})", r.name, s.language))
        .collect();
    if live.is_empty() {
        return None;
    }
    Some(format!(
        "{}: script rules are not run yet: {}; what they print and the rules that use their \
         bindings are missing from this run",
        rules.path.display(),
        live.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const RULES: &str = "virtual patch\nvirtual report\n\
        @r depends on report@\nexpression E;\nposition p;\n@@\n kfree@p(E);\n\n\
        @script:python depends on report@\np << r.p;\n@@\nprint(p)\n";

    fn rule_file() -> RuleFile {
        smpl_parser::parse_rule_file(Path::new("k.cocci"), RULES).unwrap()
    }

    #[test]
    fn script_rules_that_may_run_are_named() {
        let w = warning(&rule_file(), &["report".into()]).unwrap_or_default();
        assert!(
            w.starts_with("k.cocci: script rules are not run yet: rule_2 (python);"),
            "{w}"
        );
    }

    #[test]
    fn script_rules_ruled_out_by_the_virtual_rules_are_not() {
        assert_eq!(warning(&rule_file(), &["patch".into()]), None);
    }
}
