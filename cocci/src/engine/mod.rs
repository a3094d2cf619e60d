//! The real engine behind the driver: a rule file's code rules applied in order, each to the
//! output of the previous one (re-parsed in between), with the matcher finding matches and
//! the rewriter laying out the changes.
//!
//! Rule-system features slot in here: `depends on` is evaluated from the rules that matched
//! so far and the `-D` virtual names; each rule's matches keep their bindings (in
//! [`matcher::RuleOutcome::matches`]) for inheritance.

use crate::driver::{EngineConfig, FileInput, FileTransformer, TransformError, TransformResult};
use matcher::prefilter::{BytesRequirement, Requirement};
use matcher::IsoSet;
use smpl_parser::{Dependency, Rule, RuleFile};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

mod file_in;
mod file_run;
mod headers;
mod inheritance;
mod match_environments;
mod script_parents;
mod scripting;

pub use headers::IncludeMode;

use file_run::RuleState;
use inheritance::{depends_hold_for, depends_hold_for_script};
use scripting::Scripts;

pub use crate::explain::RuleObserver;

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
    /// Per rule, the names of its metavariables later rules and scripts read: the rest is
    /// left out of its environments.
    used_later: Vec<HashSet<String>>,
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
        used_later: rules
            .rules
            .iter()
            .map(|r| match_environments::used_later(&rules, r))
            .collect(),
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
