//! One file through the rules: the current text and its tree, followed incrementally after
//! each change, what each rule found for the rules after it, and the result.

use super::inheritance::{depends_hold_for, seeds_for, NamedBindings};
use super::match_environments::named_bindings;
use super::scripting::{self, RuleText};
use super::{Engine, RuleObserver};
use crate::driver::{FileInput, FileNote, LineIndex, RuleMatch, TransformError, TransformResult};
use c_parser::incremental::{IncrementalTree, TextChange};
use smpl_parser::Rule;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

/// One file on its way through the rules.
struct FileRun<'i> {
    input: &'i FileInput<'i>,
    /// The text as the rules so far left it.
    current: String,
    /// Some rule changed the text.
    changed: bool,
    /// The tree of `current` when the driver's tree is not it (the text changed, or the
    /// driver parsed nothing): kept up to date after each change by re-parsing only the
    /// items that changed.
    tree: Option<IncrementalTree>,
    /// The last change, which `tree` has not followed yet: the next rule that reads the tree
    /// brings it up to date, and after the file's last change only the new parse errors are
    /// worked out (without building the tree nobody reads).
    unfollowed: Option<Unfollowed>,
    /// What the rules learn about the current tree (types, `#define` bodies...), kept until
    /// a rule changes the text.
    facts: Option<matcher::TreeFacts>,
    state: RuleState,
    outer_types: Option<matcher::OuterTypes>,
    script_output: String,
    matches: Vec<RuleMatch>,
    rules_run: usize,
    notes: Vec<FileNote>,
    /// Context (`*`) rules change nothing: their starred code, shown as removed, makes the
    /// report diff. Their edits are kept apart, relative to the text they matched.
    context: Option<(String, Vec<rewriter::Edit>)>,
}

impl Engine {
    /// The rules applied in order to one file; `observer` (`--explain`) is told what became
    /// of each rule.
    pub fn run_rules(
        &self,
        input: &FileInput<'_>,
        deadline: Option<Instant>,
        mut observer: Option<&mut dyn RuleObserver>,
    ) -> Result<TransformResult, TransformError> {
        matcher::fresh::start_file();
        let mut run = FileRun {
            input,
            current: input.text.to_string(),
            changed: false,
            tree: None,
            unfollowed: None,
            facts: None,
            state: RuleState::default(),
            outer_types: self.outer_types(input),
            script_output: String::new(),
            matches: Vec::new(),
            rules_run: 0,
            notes: Vec::new(),
            context: None,
        };
        let file_name = self.places.name_of(input.path);
        let file_in = |place: &str| self.places.holds(place, &file_name);
        let mut last_run: Option<&str> = None;
        for (index, rule) in self.rules.rules.iter().enumerate() {
            if let (Some(d), Some(last)) = (deadline, last_run) {
                if Instant::now() >= d {
                    return Err(TransformError::timed_out(last));
                }
            }
            if rule.script().is_some() {
                let (current, state) = (&run.current, &mut run.state);
                if self.script_rule(rule, input.path, current, state, &mut run.script_output)? {
                    break;
                }
                continue;
            }
            if rule.body().is_none() {
                continue;
            }
            let Some(seeds) =
                self.seeds_to_run(index, rule, &mut run, observer.as_deref_mut(), &file_in)
            else {
                continue;
            };
            last_run = Some(&rule.name);
            run.rules_run += 1;
            self.apply_to_file(index, rule, &seeds, &mut run, observer.as_deref_mut())?;
        }
        self.finish_file(run)
    }

    /// The environments `rule` runs with on this file, or `None` when it does not run: its
    /// names are missing from the text, a rule it inherits from did not match, or `depends
    /// on` holds for none of them.
    fn seeds_to_run(
        &self,
        index: usize,
        rule: &Rule,
        run: &mut FileRun,
        observer: Option<&mut (dyn RuleObserver + '_)>,
        file_in: &dyn Fn(&str) -> bool,
    ) -> Option<Vec<matcher::Seed>> {
        // A rule whose names are missing from the text cannot match: skipped, it did not
        // match, as far as `depends on` and inheritance can tell. (Searching the text per
        // name measured cheaper than building its word set for rule files of a few dozen
        // rules: 54 ms against 90 ms for 30 rules over Lustre 2.14.)
        if let Some(req) = self.requirements.as_ref().and_then(|r| r.get(index)) {
            // The searchers built once per run, where every name is ASCII (for the text,
            // valid UTF-8, the bytes' answer is the text's).
            let holds = match self.byte_requirements.get(index) {
                Some(Some(ready)) => ready.holds_in_bytes(run.current.as_bytes()),
                _ => req.holds_in_text(&run.current),
            };
            if !holds {
                if let Some(o) = observer {
                    o.prefilter_skipped(rule, req, &run.current);
                }
                return None;
            }
        }
        let state = &run.state;
        let consistent = |s: &matcher::Seed| {
            scripting::seed_is_consistent(rule, s, &state.provenance, &state.environments)
        };
        let inherited = seeds_for(
            &self.rules,
            rule,
            &state.environments,
            &self.virtual_values,
            &consistent,
        );
        if inherited.dropped > 0 {
            run.notes.push(FileNote::at_offset(
                &run.current,
                0,
                format!(
                    "rule {}: {} combinations of inherited metavariables not tried (at most 64 per rule)",
                    rule.name, inherited.dropped
                ),
            ));
        }
        let mut seeds = inherited.seeds;
        let inherited_count = seeds.len();
        // `depends on` is decided per environment: a rule matched for some values of the
        // inherited metavariables may not have for others.
        if let Some(dep) = &rule.header.depends {
            seeds.retain(|seed| {
                depends_hold_for(
                    &self.rules,
                    rule,
                    seed,
                    dep,
                    &run.state.environments,
                    &self.defines,
                    file_in,
                )
            });
        }
        if seeds.is_empty() {
            if let Some(o) = observer {
                let matched: Vec<&str> =
                    run.state.environments.keys().map(String::as_str).collect();
                o.not_run(rule, inherited_count, &matched, &self.defines, file_in);
            }
            return None;
        }
        Some(seeds)
    }

    /// Applies `rule` to the current text once. spatch refuses nested changes ("already
    /// tagged token"); rcocci applies the outer one and leaves the rest.
    fn apply_to_file(
        &self,
        index: usize,
        rule: &Rule,
        seeds: &[matcher::Seed],
        run: &mut FileRun,
        observer: Option<&mut (dyn RuleObserver + '_)>,
    ) -> Result<(), TransformError> {
        let (out, rule_text) = self.match_rule(rule, seeds, run, observer)?;
        note_functions_skipped(rule, &out, &run.current, &mut run.notes);
        if out.matched() {
            let edits = !out.edits.is_empty();
            let lines = LineIndex::new(&run.current);
            run.matches.extend(
                out.matches
                    .iter()
                    .map(|m| RuleMatch::in_text(&rule.name, &lines, m.range.clone(), edits)),
            );
            run.state.environments.insert(
                rule.name.clone(),
                named_bindings(rule, &out, &self.used_later[index]),
            );
            if let Some(t) = rule_text {
                run.state.texts.insert(rule.name.clone(), t);
            }
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
            return Ok(());
        }
        if is_context_rule(rule) {
            let (base, edits) = run
                .context
                .get_or_insert_with(|| (run.current.clone(), Vec::new()));
            if *base == run.current {
                edits.extend(out.edits.iter().cloned());
            }
            return Ok(());
        }
        self.take_edits(rule, out.edits, run)
    }

    /// The rule's matches on the current tree (brought up to date first), with its scripts
    /// run and `observer` told; the text the rule matched in, for the scripts of later
    /// rules.
    fn match_rule(
        &self,
        rule: &Rule,
        seeds: &[matcher::Seed],
        run: &mut FileRun,
        mut observer: Option<&mut (dyn RuleObserver + '_)>,
    ) -> Result<(matcher::RuleOutcome, Option<RuleText>), TransformError> {
        if let (Some(change), Some(owned)) = (run.unfollowed.take(), run.tree.as_mut()) {
            self.follow_change(owned, &change.old, &run.current, &change.edits)?;
        }
        let (tree, input_tree, current) = (&mut run.tree, run.input.tree, &run.current);
        let tree_facts = run.facts.get_or_insert_with(|| {
            let parse = self.tree_of_current(tree, input_tree, current);
            match &run.outer_types {
                Some(outer) => matcher::TreeFacts::within(&parse.root, current, outer.clone()),
                None => matcher::TreeFacts::new(&parse.root, current),
            }
        });
        let rule_text = self
            .scripts
            .as_ref()
            .map(|_| RuleText::new(run.input.path, Arc::new(current.clone()), tree_facts.root()));
        let callbacks = match (&self.scripts, &rule_text) {
            (Some(s), Some(t)) => Some(scripting::Callbacks::new(
                s,
                &self.rules,
                rule,
                t,
                &run.state.environments,
            )),
            _ => None,
        };
        let recorder = observer.as_deref_mut().map(|o| o.recorder(rule, current));
        let out = matcher::apply_rule_explained(
            rule,
            tree_facts,
            &self.isos,
            seeds,
            &self.options,
            callbacks
                .as_ref()
                .map(|c| c as &dyn matcher::ScriptCallbacks),
            recorder.as_ref(),
        )?;
        if let (Some(o), Some(r)) = (observer, recorder) {
            o.ran(rule, current, &out, r.into_trace());
        }
        if let Some(c) = callbacks {
            let (printed, failure) = c.finish();
            run.script_output.push_str(&printed);
            if let Some(e) = failure {
                return Err(TransformError::new(e.to_string()));
            }
        }
        Ok((out, rule_text))
    }

    /// The text after `edits`, checked for glued tokens, becomes the current one; the tree
    /// follows it when a rule next reads it.
    fn take_edits(
        &self,
        rule: &Rule,
        edits: Vec<rewriter::Edit>,
        run: &mut FileRun,
    ) -> Result<(), TransformError> {
        let next = rewriter::apply_edits(&run.current, &edits)?;
        let old_tree = &self
            .tree_of_current(&mut run.tree, run.input.tree, &run.current)
            .root;
        // The added code must re-lex as the tokens the rule asked for: two tokens glued
        // into one (`returnrc`) or one split is refused, like a parse error.
        if let Err(glue) =
            rewriter::check_token_boundaries_near(old_tree, &run.current, &edits, &next)
        {
            return Err(glued_tokens(rule, &glue));
        }
        if next == run.current {
            return Ok(());
        }
        let (input_tree, current) = (run.input.tree, &run.current);
        run.tree.get_or_insert_with(|| {
            IncrementalTree::new(
                input_tree
                    .cloned()
                    .unwrap_or_else(|| c_parser::parse(current, &self.options)),
            )
        });
        run.unfollowed = Some(Unfollowed {
            old: std::mem::replace(&mut run.current, next),
            edits,
        });
        run.changed = true;
        run.facts = None;
        Ok(())
    }

    /// What the rules made of the file: its new text and new parse errors, the report of
    /// its context rules, the notes, matches and script output.
    fn finish_file(&self, run: FileRun) -> Result<TransformResult, TransformError> {
        let original = run.input.text;
        let context_text = run.context.and_then(|(base, mut edits)| {
            edits.sort_by_key(|e| (e.range.start, e.range.end));
            edits.dedup();
            rewriter::apply_edits(&base, &edits).ok()
        });
        let current = run.current;
        let changed = run.changed && current != original;
        let new_problems = match (run.tree.filter(|_| changed), run.unfollowed) {
            (Some(mut t), Some(change)) => Some(self.errors_after(&mut t, &change, &current)?),
            (Some(t), None) => Some(crate::driver::parse_problems(&t.parse().errors)),
            (None, _) => None,
        };
        Ok(TransformResult {
            new_problems,
            new_text: changed.then_some(current),
            context_text: context_text.filter(|t| t != original),
            notes: run.notes,
            matches: run.matches,
            rules_run: run.rules_run,
            script_output: run.script_output,
        })
    }

    /// What gives the file's trees the types of its headers, read once per file and only
    /// if a rule asks for a type.
    fn outer_types(&self, input: &FileInput<'_>) -> Option<matcher::OuterTypes> {
        if !self.headers.matter() {
            return None;
        }
        let headers = self.headers.clone();
        let path = input.path.to_path_buf();
        let text = input.text.to_string();
        let found = std::cell::OnceCell::new();
        Some(std::rc::Rc::new(move || {
            found.get_or_init(|| headers.around(&path, &text)).clone()
        }))
    }

    /// The tree of `current`: the driver's while the text is the input, else the one kept in
    /// `tree` (made from the driver's tree or by parsing, the first time).
    fn tree_of_current<'t>(
        &self,
        tree: &'t mut Option<IncrementalTree>,
        input_tree: Option<&'t c_parser::Parse>,
        current: &str,
    ) -> &'t c_parser::Parse {
        match (tree, input_tree) {
            (Some(t), _) => t.parse(),
            (slot, Some(t)) if slot.is_none() => t,
            (slot, _) => slot
                .insert(IncrementalTree::new(c_parser::parse(
                    current,
                    &self.options,
                )))
                .parse(),
        }
    }

    /// The parse errors of `new`, which `change` made from the text of `tree`, without
    /// building its tree; with `verify_reparse`, checked against a full parse.
    fn errors_after(
        &self,
        tree: &mut IncrementalTree,
        change: &Unfollowed,
        new: &str,
    ) -> Result<Vec<crate::driver::SyntaxProblem>, TransformError> {
        let changes = text_changes(&change.old, &change.edits)?;
        let (errors, how) = tree.errors_after(&change.old, new, &changes, &self.options);
        if self.debug_reparse {
            eprintln!("re-parse (errors only): {how:?}");
        }
        if self.verify_reparse && c_parser::parse(new, &self.options).errors != errors {
            return Err(TransformError::new(format!(
                "internal: the errors of the re-parse ({how:?}) differ from a full parse's"
            )));
        }
        Ok(crate::driver::parse_problems(&errors))
    }

    /// Brings `tree` from `old` to `new`, which `edits` made; with `verify_reparse`, checks
    /// the result against a full parse.
    fn follow_change(
        &self,
        tree: &mut IncrementalTree,
        old: &str,
        new: &str,
        edits: &[rewriter::Edit],
    ) -> Result<(), TransformError> {
        let changes = text_changes(old, edits)?;
        let how = tree.apply(old, new, &changes, &self.options);
        if self.debug_reparse {
            eprintln!("re-parse: {how:?}");
        }
        if self.verify_reparse {
            let full = c_parser::parse(new, &self.options);
            if full.root.green() != tree.parse().root.green() || full.errors != tree.parse().errors
            {
                let differs = full
                    .root
                    .children_with_tokens()
                    .zip(tree.parse().root.children_with_tokens())
                    .find(|(a, b)| {
                        a.to_string() != b.to_string()
                            || a.kind() != b.kind()
                            || a.as_node().map(|n| n.green().into_owned())
                                != b.as_node().map(|n| n.green().into_owned())
                    })
                    .map_or(0, |(a, _)| usize::from(a.text_range().start()));
                return Err(TransformError::new(format!(
                    "internal: the re-parse ({how:?}) differs from a full parse (line {})",
                    crate::driver::FileNote::at_offset(new, differs, "").line
                )));
            }
        }
        Ok(())
    }
}

/// The changes `edits` made to `old`, sorted and disjoint, for the incremental re-parse.
fn text_changes(old: &str, edits: &[rewriter::Edit]) -> Result<Vec<TextChange>, TransformError> {
    Ok(rewriter::normalize_edits(old, edits)?
        .iter()
        .map(|e| TextChange {
            old: e.range.clone(),
            new_len: e.replacement.len(),
        })
        .collect())
}

/// A rule's change that the file's tree has not followed yet.
struct Unfollowed {
    /// The text before the change.
    old: String,
    /// The rule's edits of `old`.
    edits: Vec<rewriter::Edit>,
}

/// What the rules run so far on a file leave for the next ones.
#[derive(Default)]
pub(super) struct RuleState {
    /// Per rule, the bindings of each of its matches (metavariable name -> binding), for
    /// the rules that inherit from it.
    pub(super) environments: HashMap<String, Vec<NamedBindings>>,
    /// Per rule that matched, the text it matched in (with scripts only: positions are
    /// shown to scripts as lines and columns of that text).
    pub(super) texts: HashMap<String, RuleText>,
    /// Per script rule, how its out-bindings were made (see
    /// [`scripting::seed_is_consistent`]).
    pub(super) provenance: HashMap<String, Vec<scripting::Provenance>>,
}

/// A rule with `*` lines: it reports, it does not transform.
fn is_context_rule(rule: &Rule) -> bool {
    rule.body()
        .is_some_and(|b| b.tokens.iter().any(|t| t.mark == smpl_parser::Mark::Star))
}

/// Notes for the functions where the rule was not fully tried, and for the `#define`
/// bodies where its changes were not written.
fn note_functions_skipped(
    rule: &Rule,
    out: &matcher::RuleOutcome,
    current: &str,
    notes: &mut Vec<FileNote>,
) {
    for (offset, function) in &out.over_budget {
        notes.push(FileNote::at_offset(
            current,
            *offset,
            format!(
                "function {function}: rule {} not applied (control-flow search over its budget)",
                rule.name
            ),
        ));
    }
    for offset in &out.unwritten_in_macros {
        notes.push(FileNote::at_offset(
            current,
            *offset,
            format!(
                "#define body: rule {} matched but its change was not written (it would end the macro's continued lines or lose a `, ##` paste)",
                rule.name
            ),
        ));
    }
}

/// The error for a rewrite that would glue two tokens into one, or split one.
fn glued_tokens(rule: &Rule, glue: &rewriter::TokenGlue) -> TransformError {
    TransformError::new(format!(
        "rule {}: the rewrite would change the tokens at line {} ({} instead of {}); file left unchanged",
        rule.name, glue.line, glue.found, glue.expected
    ))
}

#[cfg(test)]
mod tests {
    use super::glued_tokens;

    #[test]
    fn glued_tokens_are_reported_with_both_readings_on_one_line() {
        let rules = smpl_parser::parse_rule_file(
            std::path::Path::new("r.cocci"),
            "@ret@\nexpression E;\n@@\n- RETURN(E);\n+ return E;\n",
        )
        .expect("rule parses");
        let glue = rewriter::TokenGlue {
            offset: 40,
            line: 3,
            expected: "return rc".to_string(),
            found: "returnrc".to_string(),
        };
        assert_eq!(
            glued_tokens(&rules.rules[0], &glue).message,
            "rule ret: the rewrite would change the tokens at line 3 (returnrc instead of return rc); file left unchanged"
        );
    }
}
