//! Matching SmPL patterns against C trees, and turning matches into edits.
//!
//! The work is split in four steps, so that control-flow matching (`...`, nests, `when`)
//! can replace the second without touching the others:
//!
//! 1. node-level matching ([`node`]): one pattern element against one C element with an
//!    environment of bindings, backtracking over disjunctions and list metavariables,
//!    isomorphisms ([`iso`]) as fallbacks;
//! 2. where patterns are tried ([`search`]): every node for a one-item pattern, runs of
//!    consecutive items of a block for a statement sequence;
//! 3. per match, the C ranges of the pattern tokens ([`env::Env::token_map`]): removed
//!    ranges and plus-code anchors ([`transform::match_changes`]);
//! 4. the rewriter's layout turns those into sorted, non-overlapping edits.
//!
//! ```no_run
//! let rules = smpl_parser::parse_rule_file(
//!     std::path::Path::new("r.cocci"),
//!     "@@\nexpression E;\n@@\n- foo(E);\n+ bar(E);\n",
//! ).unwrap();
//! let text = "void f(void)\n{\n\tfoo(1);\n}\n";
//! let parse = c_parser::parse(text, &c_parser::ParseOptions::default());
//! let out = matcher::apply_rule(&rules.rules[0], &parse.root, text, &matcher::IsoSet::default())
//!     .unwrap();
//! assert_eq!(rewriter::apply_edits(text, &out.edits).unwrap(), "void f(void)\n{\n\tbar(1);\n}\n");
//! ```

mod anchor;
mod attach;
mod attributes;
mod conditional_terms;
mod conj;
mod decl_specs;
mod declarers;
mod define_pattern;
pub mod directive;
pub mod env;
pub mod explain;
mod field_lists;
mod flow;
mod format;
pub mod fresh;
mod includes;
pub mod iso;
mod iso_array;
mod iso_chain;
mod iso_decl;
mod iso_expr;
mod iso_if;
mod iso_set;
mod lists;
mod macro_bodies;
mod meta_checks;
pub(crate) mod multi_decl;
pub mod node;
pub mod pattern;
pub mod prefilter;
mod prototypes;
mod regex;
mod scopes;
mod script;
pub mod search;
mod statement_directives;
pub mod syntax;
pub mod transform;
mod tree_facts;
pub mod types;

pub use env::{Binding, Env};
pub use iso::{Iso, IsoSet};
pub use script::{ScriptArg, ScriptCallbacks};
pub use search::Match;
pub use tree_facts::{OuterTypes, TreeFacts};

use c_parser::SyntaxNode;
use rewriter::{Edit, EditConflict, Rewrite};
use smpl_parser::Rule;
use std::collections::{HashMap, HashSet};

/// What a rule did to one file.
#[derive(Clone, Debug, Default)]
pub struct RuleOutcome {
    /// Every match found (with its bindings), including those whose changes were dropped.
    pub matches: Vec<Match>,
    /// The edits of the accepted matches, sorted and non-overlapping.
    pub edits: Vec<Edit>,
    /// Matches left out because their changes collided with an earlier match's (nested
    /// matches of a rule that rewrites its own metavariables).
    pub conflicts: usize,
    /// Functions where the rule was not fully tried: (offset of the function, its name),
    /// when a `...` ran out of its budget of control-flow nodes.
    pub over_budget: Vec<(usize, String)>,
    /// `#define` bodies (their offsets) where the rule matched but its changes were not
    /// written: they would have ended the directive early.
    pub unwritten_in_macros: Vec<usize>,
}

impl RuleOutcome {
    pub fn matched(&self) -> bool {
        !self.matches.is_empty()
    }
}

/// Bindings a rule starts from: values of its inherited metavariables (by index in
/// `Rule::metavars`), taken from one match of the rule that defines them.
pub type Seed = Vec<(usize, Binding)>;

/// Matches a code rule against a parsed C file and returns the edits it makes.
pub fn apply_rule(
    rule: &Rule,
    root: &SyntaxNode,
    text: &str,
    isos: &IsoSet,
) -> Result<RuleOutcome, EditConflict> {
    apply_rule_seeded(
        rule,
        root,
        text,
        isos,
        &[Seed::new()],
        &c_parser::ParseOptions::default(),
    )
}

/// Like [`apply_rule`], once per seed (the environments of the rules it inherits from); the
/// matches of all seeds together make the rule's outcome. `#define` bodies are parsed with
/// `options`, the file's own (so `--macro-file` knowledge reaches them too).
pub fn apply_rule_seeded(
    rule: &Rule,
    root: &SyntaxNode,
    text: &str,
    isos: &IsoSet,
    seeds: &[Seed],
    options: &c_parser::ParseOptions,
) -> Result<RuleOutcome, EditConflict> {
    apply_rule_to_facts(
        rule,
        &TreeFacts::new(root, text),
        isos,
        seeds,
        options,
        None,
    )
}

/// [`apply_rule_seeded`] on a tree whose facts earlier rules may have computed already (a
/// caller applying rule after rule to one tree keeps one [`TreeFacts`] until the text
/// changes), with `scripts` running the rule's script constraints and naming its
/// script-named fresh identifiers (without it, both are taken as absent).
pub fn apply_rule_to_facts(
    rule: &Rule,
    facts: &TreeFacts,
    isos: &IsoSet,
    seeds: &[Seed],
    options: &c_parser::ParseOptions,
    scripts: Option<&dyn ScriptCallbacks>,
) -> Result<RuleOutcome, EditConflict> {
    apply_rule_explained(rule, facts, isos, seeds, options, scripts, None)
}

/// [`apply_rule_to_facts`] with a recorder noting why the pattern fails at its target
/// (`rcocci --explain`); `None` is an ordinary run.
pub fn apply_rule_explained(
    rule: &Rule,
    facts: &TreeFacts,
    isos: &IsoSet,
    seeds: &[Seed],
    options: &c_parser::ParseOptions,
    scripts: Option<&dyn ScriptCallbacks>,
    explain: Option<&explain::Recorder>,
) -> Result<RuleOutcome, EditConflict> {
    let define_pattern = rule.body().and_then(|b| b.define.as_ref());
    let mut outcome = match define_pattern {
        // A `#define` pattern matches directives only.
        Some(_) => RuleOutcome::default(),
        None => rule_on_tree(rule, facts, isos, seeds, options, scripts, explain)?,
    };
    // Macro bodies: spatch matches the code of `#define`s too. A body without the rule's
    // names cannot match, and is not even parsed.
    // Worked out only for a file with macro bodies.
    let requirement = std::cell::OnceCell::new();
    for define in facts.defines() {
        let requirement = requirement.get_or_init(|| prefilter::Requirement::of_rule(rule));
        if !requirement.holds_in_text(&define.body.text) {
            continue;
        }
        let header_seeds;
        let seeds = match define_pattern {
            Some(pattern) => {
                header_seeds = define_pattern::seeds(pattern, &rule.metavars, &define.body, seeds);
                if header_seeds.is_empty() {
                    continue;
                }
                &header_seeds[..]
            }
            None => seeds,
        };
        let Some((wrapped, body_facts)) = define.facts(options, &facts.types) else {
            continue;
        };
        // A macro body's offsets are not the file's: its failures would be misplaced.
        let inner = rule_on_tree(rule, body_facts, isos, seeds, options, scripts, None)?;
        let edits = match macro_bodies::shift_edits(&inner.edits, wrapped, &define.body) {
            Ok(edits) => edits,
            Err(macro_bodies::Unshifted::OutsideBody) => continue,
            Err(macro_bodies::Unshifted::WouldBreakMacro) => {
                outcome.unwritten_in_macros.push(define.body.offset);
                continue;
            }
        };
        outcome.matches.extend(inner.matches.into_iter().map(|m| {
            let m = macro_bodies::shift_match(m, wrapped, &define.body);
            match define_pattern {
                Some(pattern) => define_pattern::with_header_ranges(m, pattern, &define.body),
                None => m,
            }
        }));
        outcome.edits.extend(edits);
    }
    outcome.edits.sort_by_key(|e| (e.range.start, e.range.end));
    Ok(outcome)
}

/// One rule on one tree (a file, or a macro body wrapped in a function, whose facts know the
/// file's types).
fn rule_on_tree(
    rule: &Rule,
    facts: &TreeFacts,
    isos: &IsoSet,
    seeds: &[Seed],
    options: &c_parser::ParseOptions,
    scripts: Option<&dyn ScriptCallbacks>,
    explain: Option<&explain::Recorder>,
) -> Result<RuleOutcome, EditConflict> {
    let Some(body) = rule.body() else {
        return Ok(RuleOutcome::default());
    };
    let (root, text) = (&facts.root, facts.text.as_str());
    let isos = isos.without(&rule.header.disabled_isos);
    let m = node::Matcher {
        pat: pattern::Pattern::new(body, &rule.metavars),
        text,
        types: &facts.types,
        isos: &isos,
        steps_left: std::cell::Cell::new(node::STEP_BUDGET),
        total_left: std::cell::Cell::new(node::TOTAL_BUDGET),
        flow: Some(flow::FlowCtx::new(
            options.macros.clone(),
            path_quantifier(rule, body),
        )),
        root: Some(root.clone()),
        rule: Some(rule),
        scripts,
        explain,
    };
    let mut matches = Vec::new();
    for seed in seeds {
        let base = Env {
            bindings: seed.clone(),
            ..Env::default()
        };
        let found = search::find_matches(&m, root, &base);
        matches.extend(
            found
                .into_iter()
                .filter(|mt| !attributes::strands_attribute(&m.pat, &mt.env))
                .filter_map(|mt| {
                    let why = |mt: &Match| explain::attached_refusal(&m.pat, mt);
                    explain::kept(explain, mt, why, |mt| {
                        attach::bind_attached(&m.pat, root, text, mt)
                    })
                })
                .filter_map(|mt| {
                    let why = |_: &Match| explain::DropReason::Script;
                    explain::kept(explain, mt, why, |mt| {
                        script::finish_match(scripts, &rule.metavars, mt)
                    })
                }),
        );
    }
    if let Some(own) = &facts.macro_body {
        matches.retain(|mt| own.start <= mt.range.start && mt.range.end <= own.end);
        if body.define.is_some() {
            matches.retain(|mt| define_pattern::covers_body(text, own, &mt.range));
        }
    }
    if includes::adds_beside_includes(body) {
        matches = includes::once_per_file(body, text, matches);
    }
    for mt in &mut matches {
        fresh::bind_fresh(&m.pat, &mut mt.env);
    }
    let mut accepted: Vec<transform::MatchChanges> = Vec::new();
    // What the accepted matches change, indexed: thousands of matches in one file are each
    // checked in log time, not against every other.
    let mut accepted_changes = rewriter::AcceptedChanges::new();
    let mut conflicts = 0;
    // Where each addition was first accepted (match, addition): the same code after nested
    // statements that end together is written there once per statement.
    let mut first_added: HashMap<rewriter::Addition, (usize, usize)> = HashMap::new();
    // Shared declarations some accepted match took a declarator out of.
    let mut split_decls = Vec::new();
    // A context rule's report shows starred code as removed: matches that share code (two
    // paths to one `return`) each mark theirs, and nothing is written.
    let context_rule = body
        .tokens
        .iter()
        .any(|t| t.mark == smpl_parser::Mark::Star);
    // Per accepted match, where its `++` lines go among those of the others.
    let inherited: HashSet<usize> = seeds.iter().flatten().map(|(mv, _)| *mv).collect();
    let mut stack_keys: Vec<StackKey> = Vec::new();
    // Code added after statements that end where others do, with its statement.
    let mut after_statements: Vec<(rewriter::Addition, std::ops::Range<usize>)> = Vec::new();
    for mt in &matches {
        let ch = transform::match_changes(
            &m.pat,
            mt,
            &transform::CCode {
                text,
                root,
                macro_body: facts.macro_body.clone(),
            },
        );
        if ch.is_empty() {
            continue;
        }
        if !context_rule && accepted_changes.collides(&ch.removals, &ch.additions, &ch.after_ranges)
        {
            // Only nested removals are worth another round on the result; a collision of
            // pure additions would add the code twice.
            if !ch.removals.is_empty() {
                conflicts += 1;
            }
            continue;
        }
        let repeats = accepted_changes.repeated(&ch.additions);
        accepted_changes.accept(&ch.removals, &ch.additions, &ch.after_ranges);
        split_decls.extend(multi_decl::split_decls(&mt.env));
        let mut ch = ch;
        for i in repeats.into_iter().rev() {
            let again = ch.additions.remove(i);
            if let Some(&(m, a)) = first_added.get(&again) {
                let earlier_statement = accepted[m].statement_before(&accepted[m].additions[a]);
                let statement = ch.statement_before(&again);
                // After statements that end together (`if (x) y();` and `y();`): each
                // addition of whole statements goes after its own, which the rewriter tells
                // apart (a `}` closing a block the rule opens before them stays as it is).
                if let (Some(earlier_statement), Some(statement)) = (earlier_statement, statement) {
                    if earlier_statement != statement && again.code.braces_balance {
                        let earlier = &mut accepted[m].additions[a];
                        if !earlier.code.is_empty() {
                            after_statements.push((earlier.clone(), earlier_statement));
                            earlier.code = rewriter::AddedCode::default();
                        }
                        after_statements.push((again, statement));
                        continue;
                    }
                }
                let earlier: &mut rewriter::Addition = &mut accepted[m].additions[a];
                earlier.code = repeat_code(&earlier.code, &again);
            }
        }
        for (i, a) in ch.additions.iter().enumerate() {
            first_added.entry(a.clone()).or_insert((accepted.len(), i));
        }
        accepted.push(ch);
        stack_keys.push(StackKey::of(mt, &inherited));
    }
    let mut rw = Rewrite::with_tree(text, root);
    if facts.macro_body.is_some() {
        rw.keep_lines_unbroken();
    }
    // A context rule's report shows the lines it found, nothing tidied around them.
    if context_rule {
        rw.mark_matches_only();
    }
    for ch in &accepted {
        for r in &ch.removals {
            rw.remove(r.clone());
        }
        for a in &ch.additions {
            // Empty: moved to `after_statements`.
            if a.code.is_empty() {
                continue;
            }
            let whole = ch
                .after_statement
                .iter()
                .filter(|s| {
                    s.start < s.end
                        && s.end == a.at
                        && a.placement == rewriter::Placement::LinesAfter
                })
                .min_by_key(|s| s.start);
            match whole {
                Some(statement) => {
                    rw.add_lines_after_at_level_of(a.at, statement.start, a.code.clone())
                }
                None => rw.add(a.clone()),
            }
        }
    }
    for (a, statement) in &after_statements {
        rw.add_lines_after_statement(statement.clone(), a.code.clone());
    }
    // `++` code of several matches at one place, in spatch's order of their environments.
    let mut repeated: Vec<(&StackKey, &rewriter::Addition)> = stack_keys
        .iter()
        .zip(&accepted)
        .flat_map(|(key, ch)| ch.repeatable.iter().map(move |a| (key, a)))
        .collect();
    repeated.sort_by(|(ka, a), (kb, b)| (a.at, *ka).cmp(&(b.at, *kb)));
    for a in once_per_way(repeated.into_iter().map(|(_, a)| a)) {
        rw.add(a);
    }
    let mut stacked: Vec<(&StackKey, &rewriter::Addition)> = stack_keys
        .iter()
        .zip(&accepted)
        .flat_map(|(key, ch)| ch.stacked_after.iter().map(move |a| (key, a)))
        .collect();
    stacked.sort_by(|(ka, a), (kb, b)| (a.at, *ka, &a.code).cmp(&(b.at, *kb, &b.code)));
    for a in once_per_way(stacked.into_iter().map(|(_, a)| a)) {
        rw.add(a);
    }
    if !split_decls.is_empty() {
        let removed: Vec<std::ops::Range<usize>> = accepted
            .iter()
            .flat_map(|ch| ch.removals.iter().cloned())
            .collect();
        let inline_additions: Vec<usize> = accepted
            .iter()
            .flat_map(|ch| ch.additions.iter().chain(&ch.repeatable))
            .filter(|a| a.placement == rewriter::Placement::Inline)
            .map(|a| a.at)
            .collect();
        for r in
            multi_decl::complete_removals(root, text, &split_decls, &removed, &inline_additions)
        {
            rw.remove(r);
        }
    }
    // A context rule's report shows starred code as removed; it needs no braces.
    if !accepted.is_empty() && !context_rule {
        let removed: Vec<std::ops::Range<usize>> = accepted
            .iter()
            .flat_map(|ch| ch.removals.iter().cloned())
            .collect();
        let added: Vec<rewriter::Addition> = accepted
            .iter()
            .flat_map(|ch| {
                ch.additions
                    .iter()
                    .chain(&ch.repeatable)
                    .chain(&ch.stacked_after)
                    .cloned()
            })
            .collect();
        let (more_removals, more_additions) =
            prototypes::follow_definitions(root, text, &removed, &added, || {
                let edits = rw.clone().into_edits().ok()?;
                let changed = rewriter::apply_edits(text, &edits).ok()?;
                Some(c_parser::parse(&changed, options).root)
            });
        for r in more_removals {
            rw.remove(r);
        }
        for a in more_additions {
            rw.add(a);
        }
    }
    if !accepted.is_empty() && !context_rule {
        // Looked up per body: many bodies and many matches must not cost their product.
        let added_at: HashSet<usize> = accepted
            .iter()
            .flat_map(|ch| {
                ch.additions
                    .iter()
                    .chain(&ch.repeatable)
                    .chain(&ch.stacked_after)
                    .map(|a| a.at)
            })
            .collect();
        let after_statement: HashSet<usize> = accepted
            .iter()
            .flat_map(|ch| ch.after_statement.iter().map(|s| s.end))
            .collect();
        // Per end offset, the earliest start of a range that plus code is added after.
        let mut after_range_start: HashMap<usize, usize> = HashMap::new();
        for r in accepted.iter().flat_map(|ch| ch.after_ranges.iter()) {
            let start = after_range_start.entry(r.end).or_insert(r.start);
            *start = (*start).min(r.start);
        }
        let replaced_bodies: HashSet<(usize, usize)> = accepted
            .iter()
            .flat_map(|ch| ch.replaced_bodies.iter().map(|r| (r.start, r.end)))
            .collect();
        for unbraced in facts.unbraced_bodies_near(&rw.touched()) {
            let body = unbraced.range.clone();
            if replaced_bodies.contains(&(body.start, body.end)) {
                continue;
            }
            // A block body needs new braces only when code is added beside it.
            let beside = added_at.contains(&body.start) || added_at.contains(&body.end);
            // Code added after a statement metavariable that matched the whole `if` (or
            // after the pattern's own `if`) goes after the statement, not into its body.
            let after_whole_statement = after_statement.contains(&body.end)
                || after_range_start
                    .get(&body.end)
                    .is_some_and(|&start| start < body.start);
            // Unless code is also added after the body's own statement.
            let after_body = after_statements
                .iter()
                .any(|(_, s)| s.start == body.start && s.end == body.end);
            if after_whole_statement && !after_body {
                continue;
            }
            if !unbraced.is_block || beside {
                rw.mark_unbraced_body_of(body, unbraced.statement_start);
            }
        }
    }
    let edits = rw.into_edits()?;
    let over_budget = m
        .flow
        .as_ref()
        .map(|f| f.over_budget.take())
        .unwrap_or_default();
    Ok(RuleOutcome {
        matches,
        edits,
        conflicts,
        over_budget,
        unwritten_in_macros: Vec::new(),
    })
}

/// Where a match's `++` code goes among that of the rule's other matches at the same place,
/// as spatch writes it: first in the order of the environments inherited from earlier
/// rules, sorted on their values, the greatest first (`++ long x;` after `{` gives
/// `long sent; long recv; long dropped;`, whatever their order in the file); then, within
/// one inherited environment, in the order of the code the matches start at, and, after a
/// kept token, of the added code (so of the rule's own bindings) for matches at the same
/// place (`int b, a;` gives the lines for `a` first).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct StackKey {
    inherited: std::cmp::Reverse<Vec<(usize, String)>>,
    start: usize,
}

impl StackKey {
    fn of(mt: &Match, inherited: &HashSet<usize>) -> StackKey {
        let mut values: Vec<(usize, String)> = mt
            .env
            .bindings
            .iter()
            .filter(|(mv, _)| inherited.contains(mv))
            .map(|(mv, b)| (*mv, b.normalized.clone()))
            .collect();
        values.sort();
        StackKey {
            inherited: std::cmp::Reverse(values),
            start: mt.range.start,
        }
    }
}

/// `++` additions in order, those that repeat the one before (the same code at one place
/// from another way of matching, as `g(...,e,...)` through two arguments of one value)
/// joined to it: spatch adds such code once per way, and the rewriter would take identical
/// insertions for one made twice.
fn once_per_way<'a>(
    additions: impl Iterator<Item = &'a rewriter::Addition>,
) -> Vec<rewriter::Addition> {
    let mut joined: Vec<(&rewriter::Addition, rewriter::Addition)> = Vec::new();
    for a in additions {
        match joined.last_mut() {
            Some((first, code)) if *first == a => code.code = repeat_code(&code.code, a),
            _ => joined.push((a, a.clone())),
        }
    }
    joined.into_iter().map(|(_, a)| a).collect()
}

/// The code of an addition with the same code once more, for a nested statement: code after
/// the inner statement comes first, code before it last.
fn repeat_code(code: &rewriter::AddedCode, again: &rewriter::Addition) -> rewriter::AddedCode {
    match again.placement {
        rewriter::Placement::LinesAfter | rewriter::Placement::LinesBefore => {
            code.followed_by("\n", &again.code)
        }
        rewriter::Placement::Inline => code.followed_by("", &again.code),
    }
}

/// How a rule's `...` quantify over paths: as its header says, else `exists` for a
/// context (`*`) rule and `forall` for a transformation.
fn path_quantifier(rule: &Rule, body: &smpl_parser::RuleBody) -> smpl_parser::Quantifier {
    rule.header.quantifier.unwrap_or_else(|| {
        if body
            .tokens
            .iter()
            .any(|t| t.mark == smpl_parser::Mark::Star)
        {
            smpl_parser::Quantifier::Exists
        } else {
            smpl_parser::Quantifier::Forall
        }
    })
}
