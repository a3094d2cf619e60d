//! The real engine behind the driver: a rule file's code rules applied in order, each to the
//! output of the previous one (re-parsed in between), with the matcher finding matches and
//! the rewriter laying out the changes.
//!
//! Rule-system features slot in here: `depends on` is evaluated from the rules that matched
//! so far and the `-D` virtual names; each rule's matches keep their bindings (in
//! [`matcher::RuleOutcome::matches`]) for inheritance.

use crate::driver::{
    EngineConfig, FileInput, FileNote, FileTransformer, LineIndex, RuleMatch, TransformError,
    TransformResult,
};
use matcher::prefilter::Requirement;
use matcher::IsoSet;
use smpl_parser::{Rule, RuleFile};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

mod inheritance;

use inheritance::{depends_hold_for, named_bindings, seeds_for, NamedBindings};

/// How many times a rule is applied to its own output when some of its matches were nested
/// in others. spatch refuses nested changes ("already tagged token"); rcocci applies the
/// outer one and leaves the rest, as one round.
const NESTED_ROUNDS: usize = 1;

pub struct Engine {
    rules: Arc<RuleFile>,
    options: c_parser::ParseOptions,
    isos: IsoSet,
    /// The `-D` names (virtual rules that hold).
    defines: HashSet<String>,
    /// `-D name=value`: the values of `virtual.name` metavariables.
    virtual_values: HashMap<String, String>,
    /// Per rule, the identifiers a file must contain for the rule to be worth trying; `None`
    /// with `--disable-worth-trying-opt`.
    requirements: Option<Vec<Requirement>>,
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
        options: c_parser::ParseOptions {
            macros: config.macros.clone(),
            smpl: None,
        },
        isos,
        defines: config
            .defines
            .iter()
            .map(|d| {
                d.split_once('=')
                    .map_or(d.as_str(), |(name, _)| name)
                    .to_string()
            })
            .collect(),
        virtual_values: config
            .defines
            .iter()
            .filter_map(|d| d.split_once('='))
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
        requirements: (!config.disable_worth_trying_opt)
            .then(|| rules.rules.iter().map(Requirement::of_rule).collect()),
        rules,
    })
}

impl FileTransformer for Engine {
    fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
        self.transform_until(input, None)
    }

    fn may_change(&self, text: &str) -> bool {
        let Some(requirements) = &self.requirements else {
            return true;
        };
        self.rules
            .rules
            .iter()
            .zip(requirements)
            .any(|(rule, req)| rule.body().is_some() && req.holds_in_text(text))
    }

    fn transform_until(
        &self,
        input: &FileInput<'_>,
        deadline: Option<Instant>,
    ) -> Result<TransformResult, TransformError> {
        let original = input.text;
        matcher::fresh::start_file();
        let mut current = original.to_string();
        let mut changed = false;
        // The tree of `current` once the text has changed; parsed again only after a change,
        // not once per rule.
        let mut reparsed: Option<c_parser::Parse> = None;
        // What the rules learn about the current tree (types, `#define` bodies...), kept
        // until a rule changes the text.
        let mut facts: Option<matcher::TreeFacts> = None;
        // Per rule, the bindings of each of its matches (metavariable name -> binding), for
        // the rules that inherit from it.
        let mut environments: HashMap<String, Vec<NamedBindings>> = HashMap::new();
        let mut matches: Vec<RuleMatch> = Vec::new();
        let mut last_run: Option<&str> = None;
        let mut rules_run = 0;
        let mut notes = Vec::new();
        // Context (`*`) rules change nothing: their starred code, shown as removed, makes
        // the report diff. Their edits are kept apart, relative to the text they matched.
        let mut context: Option<(String, Vec<rewriter::Edit>)> = None;
        for (index, rule) in self.rules.rules.iter().enumerate() {
            if let (Some(d), Some(last)) = (deadline, last_run) {
                if Instant::now() >= d {
                    return Err(TransformError::timed_out(last));
                }
            }
            if rule.body().is_none() {
                continue;
            }
            // A rule whose names are missing from the text cannot match: skipped, it did
            // not match, as far as `depends on` and inheritance can tell. (Searching the
            // text per name measured cheaper than building its word set for rule files of
            // a few dozen rules: 54 ms against 90 ms for 30 rules over Lustre 2.14.)
            if let Some(req) = self.requirements.as_ref().and_then(|r| r.get(index)) {
                if !req.holds_in_text(&current) {
                    continue;
                }
            }
            let mut seeds = seeds_for(&self.rules, rule, &environments, &self.virtual_values);
            // `depends on` is decided per environment: a rule matched for some values of
            // the inherited metavariables may not have for others.
            if let Some(dep) = &rule.header.depends {
                seeds.retain(|seed| {
                    depends_hold_for(&self.rules, rule, seed, dep, &environments, &self.defines)
                });
            }
            if seeds.is_empty() {
                continue;
            }
            last_run = Some(&rule.name);
            rules_run += 1;
            for round in 0..NESTED_ROUNDS {
                let tree_facts = facts.get_or_insert_with(|| {
                    let tree = match (input.tree, changed) {
                        (Some(t), false) => t,
                        _ => {
                            reparsed.get_or_insert_with(|| c_parser::parse(&current, &self.options))
                        }
                    };
                    matcher::TreeFacts::new(&tree.root, &current)
                });
                let out = matcher::apply_rule_to_facts(
                    rule,
                    tree_facts,
                    &self.isos,
                    &seeds,
                    &self.options,
                )?;
                for (offset, function) in &out.over_budget {
                    notes.push(FileNote::at_offset(
                        &current,
                        *offset,
                        format!(
                            "function {function}: rule {} not applied (control-flow search over its budget)",
                            rule.name
                        ),
                    ));
                }
                if round == 0 && out.matched() {
                    let edits = !out.edits.is_empty();
                    let lines = LineIndex::new(&current);
                    matches.extend(
                        out.matches.iter().map(|m| {
                            RuleMatch::in_text(&rule.name, &lines, m.range.clone(), edits)
                        }),
                    );
                    environments.insert(rule.name.clone(), named_bindings(rule, &out));
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
                if is_context_rule(rule) {
                    let (base, edits) =
                        context.get_or_insert_with(|| (current.clone(), Vec::new()));
                    if *base == current {
                        edits.extend(out.edits.iter().cloned());
                    }
                    break;
                }
                let next = rewriter::apply_edits(&current, &out.edits)?;
                // The added code must re-lex as the tokens the rule asked for: two tokens
                // glued into one (`returnrc`) or one split is refused, like a parse error.
                if let Err(glue) = rewriter::check_token_boundaries(&current, &out.edits, &next) {
                    return Err(TransformError::new(format!(
                        "rule {}: the rewrite would change the tokens at line {} ({} instead                          of {}); file left unchanged",
                        rule.name, glue.line, glue.found, glue.expected
                    )));
                }
                if next == current {
                    break;
                }
                current = next;
                changed = true;
                reparsed = None;
                facts = None;
                if out.conflicts == 0 {
                    break;
                }
            }
        }
        let context_text = context.and_then(|(base, mut edits)| {
            edits.sort_by_key(|e| (e.range.start, e.range.end));
            edits.dedup();
            rewriter::apply_edits(&base, &edits).ok()
        });
        Ok(TransformResult {
            new_text: (changed && current != original).then_some(current),
            context_text: context_text.filter(|t| t != original),
            notes,
            matches,
            rules_run,
        })
    }
}

/// A rule with `*` lines: it reports, it does not transform.
fn is_context_rule(rule: &Rule) -> bool {
    rule.body()
        .is_some_and(|b| b.tokens.iter().any(|t| t.mark == smpl_parser::Mark::Star))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(cocci: &str, c: &str) -> Option<String> {
        let rules = smpl_parser::parse_rule_file(Path::new("t.cocci"), cocci).unwrap();
        let config = EngineConfig {
            macros: Arc::new(c_parser::MacroTable::builtin()),
            defines: Vec::new(),
            include_dirs: Vec::new(),
            iso_file: None,
            no_iso: false,
            disable_worth_trying_opt: false,
        };
        let engine = build(Arc::new(rules), &config).unwrap();
        let input = FileInput {
            path: Path::new("t.c"),
            text: c,
            tree: None,
        };
        engine.transform(&input).unwrap().new_text
    }

    #[test]
    fn inherited_identifier_limits_the_second_rule() {
        let cocci = "@r@\nidentifier fn;\n@@\n  fn(...) {\n  ...\n  LBUG();\n  ...\n  }\n\n\
                     @@\nidentifier r.fn;\n@@\n- static int fn(void)\n+ static void fn(void)\n  { ... }\n";
        let c = "static int osd_die(void)\n{\n\tLBUG();\n\treturn 0;\n}\n\n\
                 static int osd_live(void)\n{\n\treturn 0;\n}\n";
        assert_eq!(
            run(cocci, c).as_deref(),
            Some(
                "static void osd_die(void)\n{\n\tLBUG();\n\treturn 0;\n}\n\n\
                 static int osd_live(void)\n{\n\treturn 0;\n}\n"
            )
        );
    }

    #[test]
    fn depends_on_a_rule_that_did_not_match() {
        let cocci = "@a@\n@@\n- never_called();\n\n@depends on a@\n@@\n- LBUG();\n+ BUG();\n";
        assert_eq!(run(cocci, "void f(void)\n{\n\tLBUG();\n}\n"), None);
    }

    #[test]
    fn a_rule_skipped_by_the_prefilter_counts_as_not_matched() {
        let cocci = "@a@\n@@\n- never_called();\n\n@depends on !a@\n@@\n- LBUG();\n+ BUG();\n";
        assert_eq!(
            run(cocci, "void f(void)\n{\n\tLBUG();\n}\n").as_deref(),
            Some("void f(void)\n{\n\tBUG();\n}\n")
        );
    }

    #[test]
    fn each_rule_sees_the_previous_output() {
        let cocci = "@@\n@@\n- OBD_FREE_PTR(p);\n+ kfree(p);\n\n@@\nexpression e;\n@@\n- kfree(e);\n+ kvfree(e);\n";
        assert_eq!(
            run(cocci, "void f(void *p)\n{\n\tOBD_FREE_PTR(p);\n}\n").as_deref(),
            Some("void f(void *p)\n{\n\tkvfree(p);\n}\n")
        );
    }
}
