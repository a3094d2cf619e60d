//! The SmPL features a rule file uses that an engine may not run yet. The parser reads them
//! all; the engine says which it cannot honour, and [`RuleFile::refuse_unsupported`] turns
//! each use into a located error, so that a rule is never run with part of it ignored.

use crate::diag::Diagnostics;
use crate::model::{
    Constraint, Dependency, FreshSeed, HeaderKind, MetavarKind, RuleFile, ScriptPhase,
};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// `@script:python@` / `@script:ocaml@` rules.
    ScriptRule,
    /// `@initialize:python@` rules.
    InitializeRule,
    /// `@finalize:python@` rules.
    FinalizeRule,
    /// `x : script:python (...) { ... }` constraints.
    ScriptConstraint,
    /// `fresh identifier x = script:python (...) { ... }`.
    ScriptFreshIdentifier,
    /// `E <= F` (sub-term) constraints.
    SubTermConstraint,
    /// `depends on file in "name"`.
    DependsOnFileIn,
}

impl Feature {
    /// Every feature, in declaration order.
    pub const ALL: &'static [Feature] = &[
        Feature::ScriptRule,
        Feature::InitializeRule,
        Feature::FinalizeRule,
        Feature::ScriptConstraint,
        Feature::ScriptFreshIdentifier,
        Feature::SubTermConstraint,
        Feature::DependsOnFileIn,
    ];

    /// Whether the feature is script code (refused by `--no-scripts`).
    pub fn is_script(self) -> bool {
        matches!(
            self,
            Feature::ScriptRule
                | Feature::InitializeRule
                | Feature::FinalizeRule
                | Feature::ScriptConstraint
                | Feature::ScriptFreshIdentifier
        )
    }

    /// How the feature is written, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Feature::ScriptRule => "script rules (`@script:...@`)",
            Feature::InitializeRule => "initialize rules (`@initialize:...@`)",
            Feature::FinalizeRule => "finalize rules (`@finalize:...@`)",
            Feature::ScriptConstraint => "script constraints (`x : script:python(...) {...}`)",
            Feature::ScriptFreshIdentifier => {
                "fresh identifiers named by a script (`fresh identifier x = script:...`)"
            }
            Feature::SubTermConstraint => "sub-term constraints (`E <= F`)",
            Feature::DependsOnFileIn => "`depends on file in`",
        }
    }
}

/// One use of a feature: where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureUse {
    pub feature: Feature,
    /// Index in `RuleFile::sources`.
    pub source: usize,
    pub span: Range<usize>,
}

fn depends_on_file_in(d: &Dependency) -> bool {
    match d {
        Dependency::FileIn(_) => true,
        Dependency::Not(x) => depends_on_file_in(x),
        Dependency::And(a, b) | Dependency::Or(a, b) => {
            depends_on_file_in(a) || depends_on_file_in(b)
        }
        _ => false,
    }
}

impl RuleFile {
    /// Every use of a [`Feature`] in the rules, in order.
    pub fn features(&self) -> Vec<FeatureUse> {
        let mut out = Vec::new();
        for rule in &self.rules {
            let mut add = |feature, span: &Range<usize>| {
                out.push(FeatureUse {
                    feature,
                    source: rule.source,
                    span: span.clone(),
                })
            };
            if let HeaderKind::Script { phase, .. } = &rule.header.kind {
                let f = match phase {
                    ScriptPhase::Script => Feature::ScriptRule,
                    ScriptPhase::Initialize => Feature::InitializeRule,
                    ScriptPhase::Finalize => Feature::FinalizeRule,
                };
                add(f, &rule.span);
            }
            if rule.header.depends.as_ref().is_some_and(depends_on_file_in) {
                add(Feature::DependsOnFileIn, &rule.span);
            }
            // Declarations an `extends` brought in are reported where they are written.
            for m in rule
                .metavars
                .iter()
                .filter(|m| m.span.start >= rule.span.start)
            {
                if let MetavarKind::FreshIdentifier(Some(FreshSeed::Script(_))) = &m.kind {
                    add(Feature::ScriptFreshIdentifier, &m.span)
                }
                for c in &m.constraints {
                    let nested = match c {
                        Constraint::Any(alts) => alts.as_slice(),
                        other => std::slice::from_ref(other),
                    };
                    for c in nested {
                        match c {
                            Constraint::Script(_) => add(Feature::ScriptConstraint, &m.span),
                            Constraint::SubTermOf(_) => add(Feature::SubTermConstraint, &m.span),
                            _ => {}
                        }
                    }
                }
            }
        }
        out
    }

    /// The rule a feature is used in.
    fn rule_of(&self, u: &FeatureUse) -> Option<&crate::Rule> {
        self.rules.iter().find(|r| {
            r.source == u.source && r.span.start <= u.span.start && u.span.end <= r.span.end
        })
    }

    /// A located error for each use of a feature in `unsupported`; `Ok` when there is none.
    pub fn refuse_unsupported(&self, unsupported: &[Feature]) -> Result<(), Diagnostics> {
        self.refuse_unsupported_where(unsupported, &|_| true)
    }

    /// A located error for each piece of script code in the rules for which `may_run`
    /// holds (for a run that must not execute any, `--no-scripts`).
    pub fn refuse_scripts(
        &self,
        may_run: &dyn Fn(&crate::Rule) -> bool,
    ) -> Result<(), Diagnostics> {
        let mut diags = Diagnostics::new();
        for s in &self.sources {
            diags.add_file(s.path.display().to_string(), s.text.clone());
        }
        for u in self
            .features()
            .into_iter()
            .filter(|u| u.feature.is_script())
        {
            if self.rule_of(&u).is_some_and(|r| !may_run(r)) {
                continue;
            }
            diags.error_with_hint(
                u.source,
                u.span,
                format!("script code refused: {}", u.feature.describe()),
                "--no-scripts forbids running the code of a rule file; drop the option to \
                 run it",
            );
        }
        if diags.is_empty() {
            Ok(())
        } else {
            Err(diags)
        }
    }

    /// [`RuleFile::refuse_unsupported`], counting only the uses inside rules for which
    /// `may_run` holds (a caller that knows the `-D` names leaves out rules that cannot run,
    /// such as a report script under `-D patch`); uses outside any rule always count.
    pub fn refuse_unsupported_where(
        &self,
        unsupported: &[Feature],
        may_run: &dyn Fn(&crate::Rule) -> bool,
    ) -> Result<(), Diagnostics> {
        let mut diags = Diagnostics::new();
        for s in &self.sources {
            diags.add_file(s.path.display().to_string(), s.text.clone());
        }
        for u in self.features() {
            if self.rule_of(&u).is_some_and(|r| !may_run(r)) {
                continue;
            }
            if unsupported.contains(&u.feature) {
                diags.error_with_hint(
                    u.source,
                    u.span,
                    format!("unsupported feature: {}", u.feature.describe()),
                    "rcocci cannot run this yet; the rule file is refused rather than run \
                     with part of it ignored",
                );
            }
        }
        if diags.is_empty() {
            Ok(())
        } else {
            Err(diags)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Feature;
    use std::path::Path;

    #[test]
    fn no_scripts_refuses_script_code_only_where_it_may_run() {
        let text =
            "virtual report\n\n@r@\nidentifier f : script:python() { f.startswith(\"ll_\") };\n\
                    @@\n- f();\n\n@script:python depends on report@\nx << r.f;\n@@\nprint(x)\n";
        let rf = crate::parse_rule_file(Path::new("t.cocci"), text).unwrap();
        assert!(rf.refuse_unsupported(&[Feature::DependsOnFileIn]).is_ok());
        let all = rf
            .refuse_scripts(&|_| true)
            .expect_err("script code refused");
        assert_eq!(all.problems.len(), 2);
        let report_off = |r: &crate::Rule| r.header.depends.is_none();
        let constraint_only = rf
            .refuse_scripts(&report_off)
            .expect_err("constraint refused");
        assert_eq!(constraint_only.problems.len(), 1);
        assert!(Feature::ScriptConstraint.is_script() && !Feature::SubTermConstraint.is_script());
    }
}
