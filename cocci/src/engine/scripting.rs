//! Script rules in the rule loop: `@script:...@` rules run once per distinct environment
//! of the metavariables they inherit, `@initialize@` / `@finalize@` rules once per run, and
//! the callbacks through which the matcher runs script constraints and names fresh
//! identifiers. The interpreters themselves are the `script-host` crate's.

use super::inheritance::NamedBindings;
use super::script_parents::parent_combinations;
use matcher::{Binding, ScriptArg};
use script_host::{Input, Language, Location, Script, ScriptError, ScriptHost, Value};
use smpl_parser::{MetavarKind, Rule, RuleFile, ScriptBinding, ScriptConstraint, ScriptPhase};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Mutex;

/// The script interpreters of a run and the rule file they serve.
#[derive(Clone)]
pub(super) struct Scripts {
    /// Shared by every pass of the run (iterations keep the scripts' state).
    host: std::sync::Arc<ScriptHost>,
    /// `-D` as given (`name` or `name=value`), for virtual metavariables.
    defines: Vec<String>,
}

/// The languages of the scripts in a rule file (rules, constraints, fresh identifiers), or
/// an error for a language rcocci cannot run.
pub(super) fn languages(rules: &RuleFile) -> Result<Vec<Language>, String> {
    let mut names: Vec<(&str, &Rule)> = Vec::new();
    for rule in &rules.rules {
        if let Some(s) = rule.script() {
            names.push((&s.language, rule));
        }
        for m in &rule.metavars {
            for c in &m.constraints {
                if let smpl_parser::Constraint::Script(sc) = c {
                    names.push((&sc.language, rule));
                }
            }
            if let MetavarKind::FreshIdentifier(Some(smpl_parser::FreshSeed::Script(sc))) = &m.kind
            {
                names.push((&sc.language, rule));
            }
        }
    }
    let mut out = Vec::new();
    for (name, rule) in names {
        let language = Language::from_name(name).ok_or_else(|| {
            format!(
                "rule {}: unknown script language `{name}` (python and ocaml are known)",
                rule.name
            )
        })?;
        if !out.contains(&language) {
            out.push(language);
        }
    }
    Ok(out)
}

/// The virtual rule and identifier names of a rule file, those scripts read
/// (`x << virtual.name`) included.
pub(super) fn virtual_names(rules: &RuleFile) -> Vec<&str> {
    let mut names = rules.virtual_names();
    let read = rules
        .rules
        .iter()
        .filter_map(Rule::script)
        .flat_map(|s| &s.bindings)
        .filter_map(|b| b.source.as_ref())
        .filter(|m| m.rule.as_deref() == Some("virtual"))
        .map(|m| m.name.as_str());
    for name in read {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Whether `rule` is a script rule that inherits nothing, so runs on every file.
pub(super) fn runs_on_every_file(rule: &Rule) -> bool {
    matches!(
        rule.header.kind,
        smpl_parser::HeaderKind::Script {
            phase: ScriptPhase::Script,
            ..
        }
    ) && rule.script().is_some_and(|s| {
        s.bindings.iter().all(|b| {
            b.source
                .as_ref()
                .is_none_or(|m| m.rule.as_deref() == Some("virtual"))
        })
    })
}

impl Scripts {
    pub(super) fn start(
        languages: &[Language],
        defines: &[String],
        virtual_names: &[&str],
    ) -> Result<Scripts, String> {
        let host = ScriptHost::start(languages, virtual_names).map_err(|e| e.to_string())?;
        Ok(Scripts {
            host: std::sync::Arc::new(host),
            defines: defines.to_vec(),
        })
    }

    /// The same interpreters with other `-D` values (for an iteration).
    pub(super) fn with_defines(&self, defines: &[String]) -> Scripts {
        Scripts {
            host: self.host.clone(),
            defines: defines.to_vec(),
        }
    }

    /// The passes scripts registered since the last call.
    pub(super) fn take_iterations(&self) -> Result<Vec<script_host::Iteration>, String> {
        self.host.take_iterations().map_err(|e| e.to_string())
    }

    /// Runs the `@initialize@` (or `@finalize@`) rules the `-D` names let run, in order;
    /// what they printed.
    pub(super) fn run_phase(
        &self,
        rules: &RuleFile,
        phase: ScriptPhase,
        may_run: &dyn Fn(&Rule) -> bool,
    ) -> Result<String, ScriptError> {
        let mut stdout = String::new();
        for rule in rules.rules.iter().filter(|r| may_run(r)) {
            let Some(script) = rule.script() else {
                continue;
            };
            let smpl_parser::HeaderKind::Script { phase: p, .. } = &rule.header.kind else {
                continue;
            };
            if *p != phase {
                continue;
            }
            let mut inputs = Vec::new();
            let mut missing = false;
            for b in &script.bindings {
                match phase_input(b, &self.defines) {
                    Some(Some(input)) => inputs.extend(input),
                    Some(None) => missing = true,
                    None => {}
                }
            }
            // A virtual metavariable with no `-D` value: the rule does not exist.
            if missing {
                continue;
            }
            let language = rule_language(rule)?;
            let out = self
                .host
                .exec(language, &script_of(rules, rule, ""), &inputs, &[])?;
            stdout.push_str(&out.stdout);
        }
        Ok(stdout)
    }

    /// Runs a script rule for one file: once per distinct environment of the metavariables
    /// it inherits.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn run_rule(
        &self,
        rules: &RuleFile,
        rule: &Rule,
        environments: &HashMap<String, Vec<NamedBindings>>,
        texts: &HashMap<String, RuleText>,
        current: &str,
        c_file: &str,
        depends: &dyn Fn(&Inherited) -> bool,
    ) -> Result<ScriptRuleRun, ScriptError> {
        let mut run = ScriptRuleRun::default();
        let Some(script) = rule.script() else {
            return Ok(run);
        };
        let language = rule_language(rule)?;
        let outputs: Vec<String> = script
            .bindings
            .iter()
            .filter(|b| b.source.is_none())
            .filter_map(|b| b.locals.first().cloned())
            .collect();
        let code = script_of(rules, rule, c_file);
        for env in script_environments(script, rules, environments, &self.defines) {
            if !depends(&env.inherited) {
                continue;
            }
            let Some(inputs) = env.inputs(rules, texts) else {
                continue;
            };
            let out = self.host.exec(language, &code, &inputs, &outputs)?;
            run.stdout.push_str(&out.stdout);
            if !out.include_match {
                run.dropped.extend(env.inherited.iter().cloned());
            } else {
                // An output the script left unset is unbound for later rules (a rule that
                // declares it without using it still runs).
                run.matched = true;
                let bound: NamedBindings = out
                    .outputs
                    .into_iter()
                    .filter_map(|(name, v)| Some((name, out_binding(v?, current)?)))
                    .collect();
                if !bound.is_empty() {
                    run.provenance.push((bound.clone(), env.inherited.clone()));
                }
                if !bound.is_empty() && !run.environments.contains(&bound) {
                    run.environments.push(bound);
                }
            }
            if out.exit {
                run.exit = true;
                break;
            }
        }
        Ok(run)
    }
}

/// What a script rule did on one file.
#[derive(Default)]
pub(super) struct ScriptRuleRun {
    pub stdout: String,
    /// The environments its out-bindings (`coccinelle.y`) make, for later rules.
    pub environments: Vec<NamedBindings>,
    /// Each out-binding environment with the inherited bindings it was made from.
    pub provenance: Vec<Provenance>,
    /// It ran at least once and kept the match (for `depends on`).
    pub matched: bool,
    /// `cocci.exit()`: the file's remaining rules are skipped.
    pub exit: bool,
    /// `cocci.include_match(False)`: per parent rule, the bindings whose environments
    /// later rules no longer see.
    pub dropped: Vec<(String, NamedBindings)>,
}

/// A script's out-bindings and, per parent rule, the bindings it read to make them.
pub(super) type Provenance = (NamedBindings, Vec<(String, NamedBindings)>);

/// Whether a seed of `rule` is one environment, not a mix: a rule that inherits both a
/// script's out-binding (`identifier s.new;`) and what the script read (`identifier r.fn;`)
/// must get the `new` made from that `fn`, not every `new` with every `fn`. The same holds
/// between scripts: two scripts that read different variables of one match of `r` give
/// their outputs together only as made from that one match (spatch extends each
/// environment with the script's outputs, it does not cross them).
pub(super) fn seed_is_consistent(
    rule: &Rule,
    seed: &matcher::Seed,
    provenance: &HashMap<String, Vec<Provenance>>,
    environments: &HashMap<String, Vec<NamedBindings>>,
) -> bool {
    let inherited = |parent: &str, name: &str| {
        seed.iter().find_map(|(i, b)| {
            let m = &rule.metavars[*i].name;
            (m.rule.as_deref() == Some(parent) && m.name == name).then_some(b)
        })
    };
    // Per script the seed inherits from, the ways its outputs there were made.
    let mut choices: Vec<Vec<&[(String, NamedBindings)]>> = Vec::new();
    for (script, made) in provenance {
        let uses_script = seed
            .iter()
            .any(|(i, _)| rule.metavars[*i].name.rule.as_deref() == Some(script.as_str()));
        if !uses_script {
            continue;
        }
        let fitting: Vec<&[(String, NamedBindings)]> = made
            .iter()
            .filter(|(outputs, _)| {
                outputs
                    .iter()
                    .all(|(n, b)| inherited(script, n).is_none_or(|s| s.normalized == b.normalized))
            })
            .map(|(_, inputs)| inputs.as_slice())
            .collect();
        if fitting.is_empty() {
            return false;
        }
        choices.push(fitting);
    }
    if choices.is_empty() {
        return true;
    }
    let mut required = Requirements::default();
    for (i, b) in seed {
        if let Some(parent) = rule.metavars[*i].name.rule.as_deref() {
            required.insert(parent, &rule.metavars[*i].name.name, &b.normalized);
        }
    }
    one_environment(&choices, required, environments)
}

/// What a candidate environment must bind, per parent rule: name and normalized code.
#[derive(Clone, Default)]
struct Requirements<'a>(Vec<(&'a str, &'a str, &'a str)>);

impl<'a> Requirements<'a> {
    /// Adds one requirement; `false` when it contradicts one already there.
    fn insert(&mut self, parent: &'a str, name: &'a str, value: &'a str) -> bool {
        match self.0.iter().find(|(p, n, _)| *p == parent && *n == name) {
            Some((_, _, v)) => *v == value,
            None => {
                self.0.push((parent, name, value));
                true
            }
        }
    }

    /// Whether each parent has an environment agreeing with what is required of it (a name
    /// it does not bind there does not disagree).
    fn satisfiable(&self, environments: &HashMap<String, Vec<NamedBindings>>) -> bool {
        self.0.iter().all(|(parent, _, _)| {
            let Some(envs) = environments.get(*parent) else {
                return true;
            };
            envs.iter().any(|env| {
                self.0
                    .iter()
                    .filter(|(p, _, _)| p == parent)
                    .all(|(_, n, v)| {
                        env.iter()
                            .find(|(name, _)| name == n)
                            .is_none_or(|(_, b)| b.normalized == *v)
                    })
            })
        })
    }
}

/// Whether one way of making each script's outputs (one entry per element of `choices`)
/// reads a single environment of each parent rule, together with `required`.
fn one_environment<'a>(
    choices: &[Vec<&'a [(String, NamedBindings)]>],
    required: Requirements<'a>,
    environments: &HashMap<String, Vec<NamedBindings>>,
) -> bool {
    if !required.satisfiable(environments) {
        return false;
    }
    let Some((first, rest)) = choices.split_first() else {
        return true;
    };
    first.iter().any(|inputs| {
        let mut next = required.clone();
        let agrees = inputs.iter().all(|(parent, bindings)| {
            bindings
                .iter()
                .all(|(n, b)| next.insert(parent, n, &b.normalized))
        });
        agrees && one_environment(rest, next, environments)
    })
}

/// Removes, from each parent rule's environments, those that agree with a dropped one.
pub(super) fn drop_environments(
    environments: &mut HashMap<String, Vec<NamedBindings>>,
    dropped: &[(String, NamedBindings)],
) {
    for (parent, gone) in dropped {
        if let Some(envs) = environments.get_mut(parent) {
            envs.retain(|env| {
                !gone.iter().all(|(name, b)| {
                    env.iter()
                        .any(|(n, v)| n == name && v.normalized == b.normalized)
                })
            });
        }
    }
}

/// An out-binding as later rules inherit it: code, or the first place of a position in
/// the file's current text (a place in another file, or past its end, binds nothing).
fn out_binding(value: Value, current: &str) -> Option<Binding> {
    match value {
        Value::Code(text) | Value::Parameters { code: text, .. } => Some(code_binding(text)),
        Value::List(items) => Some(code_binding(items.join(", "))),
        Value::Integer(n) => Some(code_binding(n.to_string())),
        Value::Merge(_) => None,
        Value::Positions(places) => {
            let p = places.first()?;
            let start = offset_of(current, p.line, p.column)?;
            let end = offset_of(current, p.line_end, p.column_end)?.max(start);
            Some(Binding {
                text: String::new(),
                normalized: format!("@{start}..{end}"),
                range: start..end,
            })
        }
    }
}

/// The byte offset of a 1-based line and 0-based character column of `text`.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = match line {
        0 => return None,
        1 => 0,
        n => text.match_indices('\n').nth(n - 2)?.0 + 1,
    };
    let rest = &text[start..];
    let line_text = &rest[..rest.find('\n').unwrap_or(rest.len())];
    match line_text.char_indices().nth(column) {
        Some((i, _)) => Some(start + i),
        None => (line_text.chars().count() == column).then_some(start + line_text.len()),
    }
}

/// A script's value as a binding: code without a place, compared token by token.
fn code_binding(text: String) -> Binding {
    Binding {
        normalized: rewriter::scan::tokens(&text)
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" "),
        text,
        range: 0..0,
    }
}

fn rule_language(rule: &Rule) -> Result<Language, ScriptError> {
    let name = rule.script().map_or("", |s| s.language.as_str());
    Language::from_name(name).ok_or_else(|| ScriptError::Failed {
        rule: rule.name.clone(),
        message: format!("unknown script language `{name}`"),
    })
}

fn script_of<'a>(rules: &'a RuleFile, rule: &'a Rule, c_file: &'a str) -> Script<'a> {
    let (file, text) = rules
        .sources
        .get(rule.source)
        .map_or((Path::new(""), ""), |s| (s.path.as_path(), s.text.as_str()));
    let (code, offset) = rule
        .script()
        .map_or(("", 0), |s| (s.code.as_str(), s.code_offset));
    Script {
        rule: &rule.name,
        file,
        line: smpl_parser::line_col(text, offset).0,
        code,
        c_file,
    }
}

/// The input of an initialize/finalize rule for one binding: `None` for an output;
/// `Some(None)` for a virtual metavariable `-D` does not set.
fn phase_input(b: &ScriptBinding, defines: &[String]) -> Option<Option<Vec<Input>>> {
    let source = b.source.as_ref()?;
    let local = b.locals.first()?.clone();
    let value = match source.rule.as_deref() {
        Some("merge") => Some(Value::Merge(source.name.clone())),
        Some("virtual") => virtual_value(&source.name, defines).map(Value::Code),
        _ => None,
    };
    Some(value.map(|value| vec![Input { name: local, value }]))
}

/// The value `-D name=value` gives a virtual metavariable.
fn virtual_value(name: &str, defines: &[String]) -> Option<String> {
    defines.iter().find_map(|d| {
        let (n, v) = d.split_once('=')?;
        (n == name).then(|| v.to_string())
    })
}

/// The text a rule matched in and the functions of that text, for the positions its
/// bindings hold.
pub(super) struct RuleText {
    pub path: String,
    pub text: std::sync::Arc<String>,
    /// The elements positions are in (`current_element`): each function definition's range
    /// and name, then each other top-level item's range (named `something_else`, as spatch
    /// names code outside functions).
    pub elements: Vec<(Range<usize>, String)>,
}

impl RuleText {
    pub(super) fn new(
        path: &Path,
        text: std::sync::Arc<String>,
        root: &c_parser::SyntaxNode,
    ) -> Self {
        let range = |n: &c_parser::SyntaxNode| {
            let r = n.text_range();
            u32::from(r.start()) as usize..u32::from(r.end()) as usize
        };
        let mut elements: Vec<(Range<usize>, String)> = root
            .descendants()
            .filter(|n| n.kind() == c_parser::SyntaxKind::FUNCTION_DEF)
            .filter_map(|n| {
                let name = <c_parser::ast::FunctionDef as c_parser::ast::AstNode>::cast(n.clone())?
                    .name()?;
                Some((range(&n), name.text().to_string()))
            })
            .collect();
        elements.extend(
            root.children()
                .filter(|n| n.kind() != c_parser::SyntaxKind::FUNCTION_DEF)
                .map(|n| (range(&n), "something_else".to_string())),
        );
        RuleText {
            path: path.display().to_string(),
            text,
            elements,
        }
    }

    fn location(&self, range: &Range<usize>) -> Location {
        let lines = crate::driver::LineIndex::new(&self.text);
        let (line, column) = lines.line_column(range.start);
        let (line_end, column_end) = lines.line_column(range.end);
        let function = self
            .elements
            .iter()
            .find(|(r, _)| r.start <= range.start && range.end <= r.end);
        let (current_element, (fl, fc), (fle, fce)) = match function {
            Some((r, name)) => (
                name.clone(),
                lines.line_column(r.start),
                lines.line_column(r.end),
            ),
            None => ("something_else".to_string(), (0, 1), (0, 1)),
        };
        Location {
            file: self.path.clone(),
            current_element,
            current_element_line: fl,
            current_element_column: fc - 1,
            current_element_line_end: fle,
            current_element_column_end: fce - 1,
            line,
            column: column - 1,
            line_end,
            column_end: column_end - 1,
        }
    }
}

/// One environment a script rule runs in: per script variable, the parent rule and the
/// binding (or its default).
/// The bindings a script inherits for one run, per parent rule.
pub(super) type Inherited = [(String, NamedBindings)];

struct ScriptEnv<'a> {
    values: Vec<(&'a ScriptBinding, Option<(String, Binding)>)>,
    virtuals: Vec<Input>,
    /// The inherited bindings, per parent rule (what `include_match(False)` drops).
    inherited: Vec<(String, NamedBindings)>,
}

impl ScriptEnv<'_> {
    /// The script's inputs; `None` when a variable is unbound and has no default.
    fn inputs(&self, rules: &RuleFile, texts: &HashMap<String, RuleText>) -> Option<Vec<Input>> {
        let mut inputs = self.virtuals.clone();
        for (b, value) in &self.values {
            let local = match b.locals.as_slice() {
                [one] => one.clone(),
                [text, ast] => format!("({text},{ast})"),
                _ => continue,
            };
            let value = match value {
                Some((parent, binding)) => {
                    let kind = b
                        .source
                        .as_ref()
                        .and_then(|s| rules.rule(parent)?.metavar(&s.name))
                        .map(|m| &m.kind);
                    binding_value(kind, binding, texts.get(parent))
                }
                None => default_value(b.default.as_deref()?),
            };
            inputs.push(Input { name: local, value });
        }
        Some(inputs)
    }
}

fn binding_value(kind: Option<&MetavarKind>, b: &Binding, text: Option<&RuleText>) -> Value {
    match (kind, text) {
        // A position bound at several places (a nest's occurrences, the ends of the
        // paths) is the list of them all.
        (Some(MetavarKind::Position { .. }), Some(t)) => Value::Positions(
            b.positions()
                .unwrap_or_else(|| vec![b.range.clone()])
                .iter()
                .map(|r| t.location(r))
                .collect(),
        ),
        // A value a script made is given back as it was made; a statement list keeps its
        // lines; other code is given as spatch gives it, tokens separated by single spaces.
        (Some(MetavarKind::StatementList(_)), _) => Value::Code(b.text.clone()),
        (Some(MetavarKind::ParameterList(_)), _) => Value::Parameters {
            code: match b.range.is_empty() {
                true => b.text.clone(),
                false => b.normalized.clone(),
            },
            names: parameter_names(&b.text),
        },
        (Some(MetavarKind::ListLength), _) => match b.text.parse() {
            Ok(n) => Value::Integer(n),
            Err(_) => Value::Code(b.text.clone()),
        },
        _ if b.range.is_empty() => Value::Code(b.text.clone()),
        _ => Value::Code(b.normalized.clone()),
    }
}

/// The name each parameter of a parameter list declares (`None` for an unnamed one), read
/// from the list parsed as a prototype's.
fn parameter_names(list: &str) -> Vec<Option<String>> {
    use c_parser::SyntaxKind;
    let prototype = format!("void f({list});");
    let root = c_parser::parse(&prototype, &c_parser::ParseOptions::default()).root;
    let Some(parameters) = root
        .descendants()
        .find(|n| n.kind() == SyntaxKind::PARAM_LIST)
    else {
        return Vec::new();
    };
    parameters
        .children()
        .filter(|p| p.kind() == SyntaxKind::PARAM)
        .map(|p| {
            // The declarator's name, not the names of a function pointer's own parameters.
            let mut names = p.children().filter(|c| c.kind() != SyntaxKind::DECL_SPECS);
            names.find_map(|d| declared_name(&d))
        })
        .collect()
}

fn declared_name(declarator: &c_parser::SyntaxNode) -> Option<String> {
    use c_parser::SyntaxKind;
    match declarator.kind() {
        SyntaxKind::NAME => Some(declarator.text().to_string().trim().to_string()),
        SyntaxKind::PARAM_LIST => None,
        _ => declarator.children().find_map(|c| declared_name(&c)),
    }
}

/// A default as written: `"text"` or `[]` (no position).
fn default_value(written: &str) -> Value {
    let w = written.trim();
    if w == "[]" {
        return Value::Positions(Vec::new());
    }
    let unquoted = w
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(w);
    Value::Code(unquoted.replace("\\\"", "\""))
}

/// The distinct environments a script rule runs in: one per combination of its parents'
/// environments that belong together ([`parent_combinations`]), reduced to the variables
/// it reads.
fn script_environments<'a>(
    script: &'a smpl_parser::ScriptRule,
    rules: &RuleFile,
    environments: &HashMap<String, Vec<NamedBindings>>,
    defines: &[String],
) -> Vec<ScriptEnv<'a>> {
    let mut virtuals = Vec::new();
    let mut parents: Vec<&str> = Vec::new();
    for b in &script.bindings {
        let Some(source) = &b.source else { continue };
        match source.rule.as_deref() {
            Some("virtual") => {
                let Some(local) = b.locals.first() else {
                    continue;
                };
                match virtual_value(&source.name, defines) {
                    Some(v) => virtuals.push(Input {
                        name: local.clone(),
                        value: Value::Code(v),
                    }),
                    None => return Vec::new(),
                }
            }
            Some(r) if !parents.contains(&r) => parents.push(r),
            _ => {}
        }
    }
    let combos = parent_combinations(script, rules, &parents, environments);
    combos
        .into_iter()
        .map(|inherited| {
            let values = script
                .bindings
                .iter()
                .filter(|b| {
                    b.source
                        .as_ref()
                        .is_some_and(|s| !matches!(s.rule.as_deref(), Some("virtual") | None))
                })
                .map(|b| {
                    let found = b.source.as_ref().and_then(|s| {
                        let parent = s.rule.as_deref()?;
                        let (_, env) = inherited.iter().find(|(p, _)| p == parent)?;
                        let (_, binding) = env.iter().find(|(n, _)| *n == s.name)?;
                        Some((parent.to_string(), binding.clone()))
                    });
                    (b, found)
                })
                .collect();
            ScriptEnv {
                values,
                virtuals: virtuals.clone(),
                inherited,
            }
        })
        .collect()
}

/// The matcher's way to the scripts while one rule matches in one file: constraints and
/// fresh names run in the rule file's interpreters; what they print and the first failure
/// are kept for the file.
pub(super) struct Callbacks<'a> {
    pub scripts: &'a Scripts,
    pub rules: &'a RuleFile,
    pub rule: &'a Rule,
    pub text: &'a RuleText,
    /// The environments of the rules run so far, for parameters the rule does not declare.
    pub environments: &'a HashMap<String, Vec<NamedBindings>>,
    pub stdout: Mutex<String>,
    pub error: Mutex<Option<ScriptError>>,
}

impl<'a> Callbacks<'a> {
    pub(super) fn new(
        scripts: &'a Scripts,
        rules: &'a RuleFile,
        rule: &'a Rule,
        text: &'a RuleText,
        environments: &'a HashMap<String, Vec<NamedBindings>>,
    ) -> Self {
        Callbacks {
            scripts,
            rules,
            rule,
            text,
            environments,
            stdout: Mutex::new(String::new()),
            error: Mutex::new(None),
        }
    }

    /// What the callbacks printed, and their first failure.
    pub(super) fn finish(self) -> (String, Option<ScriptError>) {
        (
            self.stdout.into_inner().unwrap_or_else(|e| e.into_inner()),
            self.error.into_inner().unwrap_or_else(|e| e.into_inner()),
        )
    }

    fn script_for<'s>(&'s self, sc: &'s ScriptConstraint) -> Script<'s> {
        let owner = self.rule.metavars.iter().find(|m| {
            m.constraints.iter().any(|c| match c {
                smpl_parser::Constraint::Script(s) => std::ptr::eq(s, sc),
                _ => false,
            }) || matches!(&m.kind, MetavarKind::FreshIdentifier(Some(smpl_parser::FreshSeed::Script(s))) if std::ptr::eq(s, sc))
        });
        let (file, text) = self
            .rules
            .sources
            .get(self.rule.source)
            .map_or((Path::new(""), ""), |s| (s.path.as_path(), s.text.as_str()));
        let line = owner.map_or(1, |m| smpl_parser::line_col(text, m.span.start).0);
        Script {
            rule: &self.rule.name,
            file,
            line,
            code: &sc.code,
            c_file: &self.text.path,
        }
    }

    fn inputs(&self, args: &[ScriptArg<'_>]) -> Vec<Input> {
        args.iter()
            .map(|a| Input {
                name: a.name.to_string(),
                value: binding_value(a.kind, &a.binding, Some(self.text)),
            })
            .collect()
    }

    fn keep<T>(&self, result: Result<script_host::EvalOutcome<T>, ScriptError>) -> Option<T> {
        match result {
            Ok(out) => {
                self.stdout
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_str(&out.stdout);
                Some(out.value)
            }
            Err(e) => {
                self.error
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get_or_insert(e);
                None
            }
        }
    }

    fn language(&self, sc: &ScriptConstraint) -> Option<Language> {
        let language = Language::from_name(&sc.language);
        if language.is_none() {
            self.error
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get_or_insert(ScriptError::Failed {
                    rule: self.rule.name.clone(),
                    message: format!("unknown script language `{}`", sc.language),
                });
        }
        language
    }
}

impl matcher::ScriptCallbacks for Callbacks<'_> {
    /// The first match's binding: a rule that inherits the parameter through its
    /// declarations would run once per value instead.
    fn inherited(&self, param: &smpl_parser::MetaName) -> Option<Binding> {
        let envs = self.environments.get(param.rule.as_deref()?)?;
        envs.iter()
            .find_map(|env| env.iter().find(|(n, _)| *n == param.name))
            .map(|(_, b)| b.clone())
    }

    fn constraint_holds(&self, sc: &ScriptConstraint, args: &[ScriptArg<'_>]) -> bool {
        let Some(language) = self.language(sc) else {
            return false;
        };
        let script = self.script_for(sc);
        let inputs = self.inputs(args);
        self.keep(self.scripts.host.eval_bool(language, &script, &inputs))
            .unwrap_or(false)
    }

    fn fresh_name(&self, sc: &ScriptConstraint, args: &[ScriptArg<'_>]) -> Option<String> {
        let language = self.language(sc)?;
        let script = self.script_for(sc);
        let inputs = self.inputs(args);
        self.keep(self.scripts.host.eval_string(language, &script, &inputs))
    }
}
