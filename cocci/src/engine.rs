//! The real engine behind the driver: a rule file's code rules applied in order, each to the
//! output of the previous one (re-parsed in between), with the matcher finding matches and
//! the rewriter laying out the changes.
//!
//! Rule-system features slot in here: `depends on` is evaluated from the rules that matched
//! so far and the `-D` virtual names; each rule's matches keep their bindings (in
//! [`matcher::RuleOutcome::matches`]) for inheritance.

use crate::driver::{EngineConfig, FileInput, FileTransformer, TransformError, TransformResult};
use matcher::IsoSet;
use smpl_parser::{Dependency, Rule, RuleFile};
use std::collections::HashSet;
use std::sync::Arc;

/// How many times a rule is applied to its own output when some of its matches were nested
/// in others. spatch refuses nested changes ("already tagged token"); rcocci applies the
/// outer one and leaves the rest, as one round.
const NESTED_ROUNDS: usize = 1;

pub struct Engine {
    rules: Arc<RuleFile>,
    options: c_parser::ParseOptions,
    isos: IsoSet,
    defines: HashSet<String>,
}

/// Builds the engine for a parsed rule file.
pub fn build(rules: Arc<RuleFile>, config: &EngineConfig) -> Result<Engine, String> {
    let isos = if config.no_iso {
        IsoSet::none()
    } else if let Some(path) = &config.iso_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read isomorphism file: {e}", path.display()))?;
        IsoSet::from_iso_file(&text)
    } else {
        IsoSet::default()
    };
    Ok(Engine {
        rules,
        options: c_parser::ParseOptions {
            macros: config.macros.clone(),
            smpl: None,
        },
        isos,
        defines: config.defines.iter().cloned().collect(),
    })
}

impl Engine {
    fn depends_hold(&self, dep: &Dependency, matched: &HashSet<String>) -> bool {
        match dep {
            Dependency::Rule(name) | Dependency::Ever(name) => {
                matched.contains(name) || self.defines.contains(name)
            }
            Dependency::Never(name) => !(matched.contains(name) || self.defines.contains(name)),
            Dependency::Not(d) => !self.depends_hold(d, matched),
            Dependency::And(a, b) => self.depends_hold(a, matched) && self.depends_hold(b, matched),
            Dependency::Or(a, b) => self.depends_hold(a, matched) || self.depends_hold(b, matched),
            Dependency::FileIn(_) => true,
        }
    }

    fn applies(&self, rule: &Rule, matched: &HashSet<String>) -> bool {
        rule.body().is_some()
            && rule
                .header
                .depends
                .as_ref()
                .is_none_or(|d| self.depends_hold(d, matched))
    }
}

impl FileTransformer for Engine {
    fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
        let original = input.text;
        let mut current = original.to_string();
        let mut changed = false;
        let mut matched: HashSet<String> = HashSet::new();
        for rule in &self.rules.rules {
            if !self.applies(rule, &matched) {
                continue;
            }
            for round in 0..NESTED_ROUNDS {
                let parsed;
                let tree = match input.tree {
                    Some(t) if !changed => t,
                    _ => {
                        parsed = c_parser::parse(&current, &self.options);
                        &parsed
                    }
                };
                let out = matcher::apply_rule(rule, &tree.root, &current, &self.isos)?;
                if round == 0 && out.matched() {
                    matched.insert(rule.name.clone());
                }
                if std::env::var_os("RCOCCI_DEBUG_EDITS").is_some() {
                    eprintln!(
                        "rule {}: {} matches, edits {:?}",
                        rule.name,
                        out.matches.len(),
                        out.edits
                    );
                }
                if out.edits.is_empty() {
                    break;
                }
                let next = rewriter::apply_edits(&current, &out.edits)?;
                if next == current {
                    break;
                }
                current = next;
                changed = true;
                if out.conflicts == 0 {
                    break;
                }
            }
        }
        Ok(TransformResult {
            new_text: (changed && current != original).then_some(current),
            notes: Vec::new(),
        })
    }
}
