//! `rcocci --explain FILE:LINE`: why each rule of a rule file did or did not match the
//! statement at a line.
//!
//! The engine runs the rules as it always does, told to report to a [`RuleObserver`]: which
//! rules the prefilter skipped, which did not run (no inherited environment, a false
//! `depends on`), and, for those that ran, the matcher's own [`Trace`] of the failures at
//! the target (see `matcher::explain`) along with the rule's outcome. [`Explainer`] keeps
//! one [`Verdict`] per rule; [`render`] words them, with code snippets located in the rule
//! file and the C file.

mod render;
mod target;
mod wording;

pub use render::{render, CFile};
pub use target::{Target, TargetError};

use matcher::explain::{Recorder, Trace};
use matcher::prefilter::Requirement;
use smpl_parser::Rule;
use std::collections::HashSet;
use std::ops::Range;

/// What the engine tells an observer about each code rule, in rule order.
pub trait RuleObserver {
    /// The text lacks identifiers every match of the rule contains.
    fn prefilter_skipped(&mut self, rule: &Rule, requirement: &Requirement, text: &str);
    /// The rule did not run: `inherited` environments came from the rules it inherits from
    /// (none: one of them did not match) and `depends on` kept none of them. `matched`: the
    /// rules that matched so far; `defines`: the `-D` names; `file_in`: whether `file in
    /// "p"` holds for the file.
    fn not_run(
        &mut self,
        rule: &Rule,
        inherited: usize,
        matched: &[&str],
        defines: &HashSet<String>,
        file_in: &dyn Fn(&str) -> bool,
    );
    /// The rule is about to run on `text`: the recorder for its matcher.
    fn recorder(&mut self, rule: &Rule, text: &str) -> Recorder;
    /// The rule ran on `text`.
    fn ran(&mut self, rule: &Rule, text: &str, outcome: &matcher::RuleOutcome, trace: Trace);
}

/// What became of one rule.
#[derive(Debug)]
pub enum Verdict {
    /// The prefilter skipped the file: the identifiers it lacked, worded.
    Prefilter { missing: String },
    /// The rules it inherits from that did not match (empty: they matched, but no
    /// environment of theirs reached this rule).
    NoEnvironment { parents: Vec<String> },
    /// `depends on` was false: why, worded.
    DependsFalse { why: String },
    /// The rule ran.
    Ran(Box<Run>),
}

/// One run of a rule on the file, as far as the target is concerned.
#[derive(Debug)]
pub struct Run {
    /// The text the rule ran on (the file with the earlier rules' changes).
    pub text: String,
    /// The target in that text.
    pub target: Range<usize>,
    pub outcome: matcher::RuleOutcome,
    pub trace: Trace,
}

/// The observer behind `--explain`: a verdict per rule, the target followed through the
/// earlier rules' changes.
pub struct Explainer {
    target: Range<usize>,
    /// The text the target is in, and the edits the last rule made to it.
    text: String,
    pending_edits: Vec<rewriter::Edit>,
    pub verdicts: Vec<(String, Verdict)>,
}

impl Explainer {
    pub fn new(target: &Target, text: &str) -> Explainer {
        Explainer {
            target: target.range.clone(),
            text: text.to_string(),
            pending_edits: Vec::new(),
            verdicts: Vec::new(),
        }
    }

    /// The target in `text`: where it was, moved by the edits that made `text`.
    fn follow(&mut self, text: &str) -> Range<usize> {
        if text != self.text {
            let edits = std::mem::take(&mut self.pending_edits);
            self.target = target::moved(&self.target, &edits);
            self.text = text.to_string();
        }
        self.target.clone()
    }
}

impl RuleObserver for Explainer {
    fn prefilter_skipped(&mut self, rule: &Rule, requirement: &Requirement, text: &str) {
        let missing = wording::missing_names(requirement, text);
        self.verdicts
            .push((rule.name.clone(), Verdict::Prefilter { missing }));
    }

    fn not_run(
        &mut self,
        rule: &Rule,
        inherited: usize,
        matched: &[&str],
        defines: &HashSet<String>,
        file_in: &dyn Fn(&str) -> bool,
    ) {
        let verdict = match (inherited, &rule.header.depends) {
            (n, Some(dep)) if n > 0 => Verdict::DependsFalse {
                why: wording::false_dependency(dep, matched, defines, file_in),
            },
            _ => {
                let mut parents: Vec<String> = Vec::new();
                for m in rule.metavars.iter().filter(|m| m.is_inherited()) {
                    let Some(parent) = m.name.rule.clone() else {
                        continue;
                    };
                    if !matched.contains(&parent.as_str()) && !parents.contains(&parent) {
                        parents.push(parent);
                    }
                }
                Verdict::NoEnvironment { parents }
            }
        };
        self.verdicts.push((rule.name.clone(), verdict));
    }

    fn recorder(&mut self, _rule: &Rule, text: &str) -> Recorder {
        Recorder::new(self.follow(text))
    }

    fn ran(&mut self, rule: &Rule, text: &str, outcome: &matcher::RuleOutcome, trace: Trace) {
        let target = self.follow(text);
        self.pending_edits = outcome.edits.clone();
        let run = Run {
            text: text.to_string(),
            target,
            outcome: outcome.clone(),
            trace,
        };
        self.verdicts
            .push((rule.name.clone(), Verdict::Ran(Box::new(run))));
    }
}
