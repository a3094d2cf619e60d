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
use c_parser::incremental::{IncrementalTree, TextChange};
use matcher::prefilter::{BytesRequirement, Requirement};
use matcher::IsoSet;
use smpl_parser::{Dependency, Rule, RuleFile};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

mod file_in;
mod headers;
mod inheritance;
mod script_parents;
mod scripting;

pub use headers::IncludeMode;

use inheritance::{
    depends_hold_for, depends_hold_for_script, named_bindings, seeds_for, NamedBindings,
};
use scripting::{RuleText, Scripts};

pub use crate::explain::RuleObserver;

/// How many times a rule is applied to its own output when some of its matches were nested
/// in others. spatch refuses nested changes ("already tagged token"); rcocci applies the
/// outer one and leaves the rest, as one round.
const NESTED_ROUNDS: usize = 1;

#[derive(Clone)]
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
    /// The requirements made ready to be asked of the bytes of files as read; `None` for a
    /// requirement with a name beyond ASCII, asked of the decoded text instead.
    byte_requirements: Vec<Option<BytesRequirement>>,
    /// Per rule, whether it runs only after another rule matched in the same file (see
    /// [`needs_an_earlier_match`]).
    needs_earlier_match: Vec<bool>,
    /// The interpreters, when the rule file has scripts.
    scripts: Option<Scripts>,
    /// Some script rule reads no inherited metavariable: it runs on every file.
    script_runs_on_every_file: bool,
    /// Each re-parse after a change is checked against a full parse (`RCOCCI_VERIFY_REPARSE`
    /// set, and the tests): a difference is an internal error for the file.
    verify_reparse: bool,
    /// `RCOCCI_DEBUG_REPARSE`: each re-parse says how it was done, on stderr.
    debug_reparse: bool,
    /// The headers files include, read for their types.
    headers: Arc<headers::Headers>,
    /// The places `depends on file in` names, and how files are named for them.
    places: file_in::FilePlaces,
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
    let requirements: Option<Vec<Requirement>> = (!config.disable_worth_trying_opt)
        .then(|| rules.rules.iter().map(Requirement::of_rule).collect());
    let byte_requirements = requirements
        .iter()
        .flatten()
        .map(Requirement::for_bytes)
        .collect();
    let languages = scripting::languages(&rules)?;
    let scripts = match languages.is_empty() {
        true => None,
        false => Some(Scripts::start(
            &languages,
            &config.defines,
            &scripting::virtual_names(&rules),
        )?),
    };
    Ok(Engine {
        places: file_in::FilePlaces::new(&rules, &config.dirs),
        script_runs_on_every_file: rules.rules.iter().any(scripting::runs_on_every_file),
        verify_reparse: cfg!(test) || std::env::var_os("RCOCCI_VERIFY_REPARSE").is_some(),
        debug_reparse: std::env::var_os("RCOCCI_DEBUG_REPARSE").is_some(),
        scripts,
        options: c_parser::ParseOptions {
            macros: config.macros.clone(),
            smpl: None,
        },
        headers: Arc::new(headers::Headers::new(
            config.includes,
            &config.include_dirs,
            config.int_sizes,
            c_parser::ParseOptions {
                macros: config.macros.clone(),
                smpl: None,
            },
        )),
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
        requirements,
        byte_requirements,
        needs_earlier_match: rules
            .rules
            .iter()
            .map(|rule| {
                rule.header
                    .depends
                    .as_ref()
                    .is_some_and(|d| needs_an_earlier_match(d, &rules, &config.defines))
            })
            .collect(),
        rules,
    })
}

/// Whether `depends on dep` holds only after a rule of the file matched in the file being
/// transformed: `r` or `ever r` for a rule `r` that is not a `-D` name, in every branch of
/// a disjunction or in some part of a conjunction. Such a rule is never the first to match
/// in a file, and the first match needs its rule's names in the file as it was read; so
/// whether a file is worth parsing is decided without it. (A rule that depends on another
/// and has no names of its own, such as one over function definitions, made every file
/// worth parsing.)
fn needs_an_earlier_match(dep: &Dependency, rules: &RuleFile, defines: &[String]) -> bool {
    let needs = |d: &Dependency| needs_an_earlier_match(d, rules, defines);
    match dep {
        Dependency::Rule(name) | Dependency::Ever(name) => {
            rules.rule(name).is_some()
                && !defines
                    .iter()
                    .any(|d| d.split_once('=').map_or(d.as_str(), |(n, _)| n) == name)
        }
        Dependency::And(a, b) => needs(a) || needs(b),
        Dependency::Or(a, b) => needs(a) && needs(b),
        Dependency::Not(_) | Dependency::Never(_) | Dependency::FileIn(_) => false,
    }
}

impl Engine {
    /// Runs the initialize or finalize rules whose `depends on` the `-D` names satisfy.
    fn run_phase(&self, phase: smpl_parser::ScriptPhase) -> Result<String, String> {
        let Some(scripts) = &self.scripts else {
            return Ok(String::new());
        };
        let none = HashMap::new();
        let may_run = |r: &Rule| {
            r.header.depends.as_ref().is_none_or(|d| {
                // Initialize and finalize rules see no file.
                depends_hold_for(
                    &self.rules,
                    r,
                    &Vec::new(),
                    d,
                    &none,
                    &self.defines,
                    &|_| true,
                )
            })
        };
        scripts
            .run_phase(&self.rules, phase, &may_run)
            .map_err(|e| e.to_string())
    }

    /// Runs a script rule on one file; `true` when it called `cocci.exit()`.
    fn script_rule(
        &self,
        rule: &Rule,
        path: &std::path::Path,
        current: &str,
        state: &mut RuleState,
        script_output: &mut String,
    ) -> Result<bool, TransformError> {
        let Some(scripts) = &self.scripts else {
            return Ok(false);
        };
        let is_script = matches!(
            rule.header.kind,
            smpl_parser::HeaderKind::Script {
                phase: smpl_parser::ScriptPhase::Script,
                ..
            }
        );
        if !is_script {
            return Ok(false);
        }
        // `depends on` is decided for each environment the script runs with, as for a
        // rule's seeds.
        let environments = &state.environments;
        let depends = |inherited: &scripting::Inherited| {
            rule.header.depends.as_ref().is_none_or(|d| {
                depends_hold_for_script(&self.rules, inherited, d, environments, &self.defines)
            })
        };
        let run = scripts
            .run_rule(
                &self.rules,
                rule,
                &state.environments,
                &state.texts,
                current,
                &path.display().to_string(),
                &depends,
            )
            .map_err(|e| match e {
                script_host::ScriptError::TimedOut { .. } => TransformError::timed_out(&rule.name),
                e => TransformError::new(e.to_string()),
            })?;
        script_output.push_str(&run.stdout);
        scripting::drop_environments(&mut state.environments, &run.dropped);
        // A rule all of whose environments a script dropped no longer counts as matched
        // (`depends on` looks at the environments left).
        if run.matched {
            state.provenance.insert(rule.name.clone(), run.provenance);
            state
                .environments
                .insert(rule.name.clone(), run.environments);
        }
        Ok(run.exit)
    }
}
impl FileTransformer for Engine {
    fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
        self.transform_until(input, None)
    }

    fn may_change(&self, bytes: &[u8]) -> bool {
        let Some(requirements) = &self.requirements else {
            return true;
        };
        // Only a rule name beyond ASCII needs the decoded text.
        let text = std::cell::OnceCell::new();
        let holds = |(req, ready): (&Requirement, &Option<BytesRequirement>)| match ready {
            Some(ready) => ready.holds_in_bytes(bytes),
            None => req.holds_in_text(
                text.get_or_init(|| c_parser::SourceText::decode(bytes))
                    .as_str(),
            ),
        };
        self.script_runs_on_every_file
            || self
                .rules
                .rules
                .iter()
                .zip(requirements.iter().zip(&self.byte_requirements))
                .zip(&self.needs_earlier_match)
                .any(|((rule, req), needs_earlier_match)| {
                    rule.body().is_some() && !needs_earlier_match && holds(req)
                })
    }

    fn initialize(&self) -> Result<String, String> {
        self.run_phase(smpl_parser::ScriptPhase::Initialize)
    }

    fn finalize(&self) -> Result<String, String> {
        self.run_phase(smpl_parser::ScriptPhase::Finalize)
    }

    fn next_passes(&self) -> Result<Vec<crate::driver::Pass>, String> {
        let Some(scripts) = &self.scripts else {
            return Ok(Vec::new());
        };
        let passes = scripts.take_iterations()?;
        Ok(passes
            .into_iter()
            .map(|it| {
                let mut defines = it.virtual_rules.clone();
                if it.extend_virtual_identifiers {
                    defines.extend(
                        self.defines
                            .iter()
                            .filter(|d| {
                                d.split_once('=').is_some_and(|(name, _)| {
                                    !it.virtual_identifiers.iter().any(|(n, _)| n == name)
                                })
                            })
                            .cloned(),
                    );
                }
                defines.extend(
                    it.virtual_identifiers
                        .iter()
                        .map(|(name, value)| format!("{name}={value}")),
                );
                let mut engine = self.clone();
                engine.scripts = Some(scripts.with_defines(&defines));
                engine.defines = defines.into_iter().collect();
                crate::driver::Pass {
                    engine: Arc::new(engine),
                    files: it
                        .files
                        .map(|fs| fs.into_iter().map(std::path::PathBuf::from).collect()),
                }
            })
            .collect())
    }

    fn transform_until(
        &self,
        input: &FileInput<'_>,
        deadline: Option<Instant>,
    ) -> Result<TransformResult, TransformError> {
        // A script still running at the deadline is stopped by the script host.
        script_host::with_deadline(deadline, || self.run_rules(input, deadline, None))
    }
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
        let original = input.text;
        matcher::fresh::start_file();
        let mut current = original.to_string();
        let mut changed = false;
        // The tree of `current` when the driver's tree is not it (the text changed, or the
        // driver parsed nothing): kept up to date after each change by re-parsing only the
        // items that changed.
        let mut tree: Option<IncrementalTree> = None;
        // The last change, which `tree` has not followed yet: the next rule that reads the
        // tree brings it up to date, and after the file's last change only the new parse
        // errors are worked out (without building the tree nobody reads).
        let mut unfollowed: Option<Unfollowed> = None;
        // What the rules learn about the current tree (types, `#define` bodies...), kept
        // until a rule changes the text.
        let mut facts: Option<matcher::TreeFacts> = None;
        let mut state = RuleState::default();
        let outer_types = self.outer_types(input);
        let mut script_output = String::new();
        let mut matches: Vec<RuleMatch> = Vec::new();
        let mut last_run: Option<&str> = None;
        let mut rules_run = 0;
        let mut notes = Vec::new();
        // Context (`*`) rules change nothing: their starred code, shown as removed, makes
        // the report diff. Their edits are kept apart, relative to the text they matched.
        let mut context: Option<(String, Vec<rewriter::Edit>)> = None;
        let file_name = self.places.name_of(input.path);
        let file_in = |place: &str| self.places.holds(place, &file_name);
        for (index, rule) in self.rules.rules.iter().enumerate() {
            if let (Some(d), Some(last)) = (deadline, last_run) {
                if Instant::now() >= d {
                    return Err(TransformError::timed_out(last));
                }
            }
            if rule.script().is_some() {
                if self.script_rule(rule, input.path, &current, &mut state, &mut script_output)? {
                    break;
                }
                continue;
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
                    if let Some(o) = observer.as_deref_mut() {
                        o.prefilter_skipped(rule, req, &current);
                    }
                    continue;
                }
            }
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
                notes.push(FileNote::at_offset(
                    &current,
                    0,
                    format!(
                        "rule {}: {} combinations of inherited metavariables not tried (at most 64 per rule)",
                        rule.name, inherited.dropped
                    ),
                ));
            }
            let mut seeds = inherited.seeds;
            let inherited_count = seeds.len();
            // `depends on` is decided per environment: a rule matched for some values of
            // the inherited metavariables may not have for others.
            if let Some(dep) = &rule.header.depends {
                seeds.retain(|seed| {
                    depends_hold_for(
                        &self.rules,
                        rule,
                        seed,
                        dep,
                        &state.environments,
                        &self.defines,
                        &file_in,
                    )
                });
            }
            if seeds.is_empty() {
                if let Some(o) = observer.as_deref_mut() {
                    let matched: Vec<&str> =
                        state.environments.keys().map(String::as_str).collect();
                    o.not_run(rule, inherited_count, &matched, &self.defines, &file_in);
                }
                continue;
            }
            last_run = Some(&rule.name);
            rules_run += 1;
            for round in 0..NESTED_ROUNDS {
                if let (Some(change), Some(owned)) = (unfollowed.take(), tree.as_mut()) {
                    self.follow_change(owned, &change.old, &current, &change.edits)?;
                }
                let tree_facts = facts.get_or_insert_with(|| {
                    let parse = self.tree_of_current(&mut tree, input.tree, &current);
                    match &outer_types {
                        Some(outer) => {
                            matcher::TreeFacts::within(&parse.root, &current, outer.clone())
                        }
                        None => matcher::TreeFacts::new(&parse.root, &current),
                    }
                });
                let rule_text = self.scripts.as_ref().map(|_| {
                    RuleText::new(input.path, Arc::new(current.clone()), tree_facts.root())
                });
                let callbacks = match (&self.scripts, &rule_text) {
                    (Some(s), Some(t)) => Some(scripting::Callbacks::new(
                        s,
                        &self.rules,
                        rule,
                        t,
                        &state.environments,
                    )),
                    _ => None,
                };
                let recorder = observer.as_deref_mut().map(|o| o.recorder(rule, &current));
                let out = matcher::apply_rule_explained(
                    rule,
                    tree_facts,
                    &self.isos,
                    &seeds,
                    &self.options,
                    callbacks
                        .as_ref()
                        .map(|c| c as &dyn matcher::ScriptCallbacks),
                    recorder.as_ref(),
                )?;
                if let (Some(o), Some(r)) = (observer.as_deref_mut(), recorder) {
                    o.ran(rule, &current, &out, r.into_trace());
                }
                if let Some(c) = callbacks {
                    let (printed, failure) = c.finish();
                    script_output.push_str(&printed);
                    if let Some(e) = failure {
                        return Err(TransformError::new(e.to_string()));
                    }
                }
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
                for offset in &out.unwritten_in_macros {
                    notes.push(FileNote::at_offset(
                        &current,
                        *offset,
                        format!(
                            "#define body: rule {} matched but its change was not written (it would end the macro's continued lines or lose a `, ##` paste)",
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
                    state
                        .environments
                        .insert(rule.name.clone(), named_bindings(rule, &out));
                    if let Some(t) = rule_text {
                        state.texts.insert(rule.name.clone(), t);
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
                let old_tree = &self.tree_of_current(&mut tree, input.tree, &current).root;
                // The added code must re-lex as the tokens the rule asked for: two tokens
                // glued into one (`returnrc`) or one split is refused, like a parse error.
                if let Err(glue) =
                    rewriter::check_token_boundaries_near(old_tree, &current, &out.edits, &next)
                {
                    return Err(TransformError::new(format!(
                        "rule {}: the rewrite would change the tokens at line {} ({} instead                          of {}); file left unchanged",
                        rule.name, glue.line, glue.found, glue.expected
                    )));
                }
                if next == current {
                    break;
                }
                tree.get_or_insert_with(|| {
                    IncrementalTree::new(
                        input
                            .tree
                            .cloned()
                            .unwrap_or_else(|| c_parser::parse(&current, &self.options)),
                    )
                });
                unfollowed = Some(Unfollowed {
                    old: std::mem::replace(&mut current, next),
                    edits: out.edits,
                });
                changed = true;
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
        let changed = changed && current != original;
        let new_problems = match (tree.filter(|_| changed), unfollowed) {
            (Some(mut t), Some(change)) => Some(self.errors_after(&mut t, &change, &current)?),
            (Some(t), None) => Some(crate::driver::parse_problems(&t.parse().errors)),
            (None, _) => None,
        };
        Ok(TransformResult {
            new_problems,
            new_text: changed.then_some(current),
            context_text: context_text.filter(|t| t != original),
            notes,
            matches,
            rules_run,
            script_output,
        })
    }
}

impl Engine {
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
struct RuleState {
    /// Per rule, the bindings of each of its matches (metavariable name -> binding), for
    /// the rules that inherit from it.
    environments: HashMap<String, Vec<NamedBindings>>,
    /// Per rule that matched, the text it matched in (with scripts only: positions are
    /// shown to scripts as lines and columns of that text).
    texts: HashMap<String, RuleText>,
    /// Per script rule, how its out-bindings were made (see
    /// [`scripting::seed_is_consistent`]).
    provenance: HashMap<String, Vec<scripting::Provenance>>,
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
        transform(cocci, c).new_text
    }

    fn config() -> EngineConfig {
        EngineConfig::new(Arc::new(c_parser::MacroTable::builtin()))
    }

    fn transform(cocci: &str, c: &str) -> TransformResult {
        let rules = smpl_parser::parse_rule_file(Path::new("t.cocci"), cocci).unwrap();
        let engine = build(Arc::new(rules), &config()).unwrap();
        let input = FileInput {
            path: Path::new("t.c"),
            text: c,
            tree: None,
        };
        engine.transform(&input).unwrap()
    }

    /// Every rule file of `rules/` on each of its fixtures, with each re-parse after a
    /// change checked against a full parse (`verify_reparse` is on in tests): the spliced
    /// trees are the full parse's, and the rules still change their fixtures.
    #[test]
    fn rule_fixtures_reparse_like_a_full_parse() {
        let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
        let mut changed = 0;
        let mut entries: Vec<_> = std::fs::read_dir(&rules_dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for entry in entries {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "cocci") {
                continue;
            }
            let cocci = std::fs::read_to_string(&path).unwrap();
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            let Ok(fixtures) = std::fs::read_dir(rules_dir.join("fixtures").join(&stem)) else {
                continue;
            };
            for fixture in fixtures.flatten() {
                let c_path = fixture.path();
                if c_path.extension().is_none_or(|e| e != "c") {
                    continue;
                }
                let c = std::fs::read_to_string(&c_path).unwrap();
                let rules = smpl_parser::parse_rule_file(&path, &cocci).unwrap();
                let engine = build(Arc::new(rules), &config()).unwrap();
                let input = FileInput {
                    path: &c_path,
                    text: &c,
                    tree: None,
                };
                match engine.transform(&input) {
                    Ok(out) => changed += usize::from(out.new_text.is_some()),
                    Err(e) => panic!("{}: {e}", c_path.display()),
                }
            }
        }
        assert!(changed >= 20, "only {changed} fixtures changed");
    }

    #[test]
    fn inherited_environments_past_the_limit_are_reported() {
        // Two parents of 9 matches each: 81 combinations, 64 tried, 17 reported.
        let cocci = "@a@\nexpression E;\n@@\n  get(E);\n\n@b@\nexpression F;\n@@\n  put(F);\n\n\
                     @@\nexpression a.E, b.F;\n@@\n- swap(E, F);\n+ exchange(E, F);\n";
        let mut c = String::from("void f(void)\n{\n");
        for i in 0..9 {
            c.push_str(&format!("\tget(g{i});\n\tput(p{i});\n"));
        }
        c.push_str("\tswap(g0, p0);\n}\n");
        let out = transform(cocci, &c);
        assert!(out
            .new_text
            .is_some_and(|t| t.contains("exchange(g0, p0);")));
        let notes: Vec<&str> = out.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            notes,
            ["rule rule_3: 17 combinations of inherited metavariables not tried (at most 64 per rule)"]
        );
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

    /// A rule that depends on another and names nothing (a function-definition pattern
    /// with a nest) does not make a file worth parsing: only the rule it depends on does,
    /// and that one finds its name in the file as read.
    #[test]
    fn a_rule_that_needs_an_earlier_match_does_not_make_a_file_worth_parsing() {
        let cocci = "@first@\nexpression e;\n@@\n- lock_it(e);\n+ take_lock(e);\n\n@second depends on first@\nidentifier f;\nstatement S;\n@@\nf(...) {\n+ note();\n<+... S ...+>\n}\n\n@either depends on first || !first@\n@@\n- gone();\n";
        let rules = smpl_parser::parse_rule_file(Path::new("t.cocci"), cocci).unwrap();
        let engine = build(Arc::new(rules), &config()).unwrap();
        assert_eq!(engine.needs_earlier_match, [false, true, false]);
        assert!(!engine.may_change(b"void f(void)\n{\n\tunlock_it(x);\n}\n"));
        assert!(engine.may_change(b"void f(void)\n{\n\tlock_it(x);\n}\n"));
        // `either` runs whether or not `first` matched.
        assert!(engine.may_change(b"void f(void)\n{\n\tgone();\n}\n"));
        // A `-D` name is not a match of the file.
        let mut set = config();
        set.defines = vec!["first".to_string()];
        let rules = smpl_parser::parse_rule_file(Path::new("t.cocci"), cocci).unwrap();
        let engine = build(Arc::new(rules), &set).unwrap();
        assert_eq!(engine.needs_earlier_match, [false, false, false]);
    }
}
