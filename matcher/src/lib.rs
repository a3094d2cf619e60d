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
mod dots_and_nests;
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
mod iso_uniform;
mod lists;
mod macro_bodies;
mod meta_checks;
pub(crate) mod multi_decl;
pub mod node;
pub mod pattern;
pub mod prefilter;
mod prototypes;
mod regex;
mod rule_on_tree;
mod scopes;
mod script;
pub mod search;
mod sequence;
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
use rewriter::{Edit, EditConflict};
use smpl_parser::Rule;

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
        None => rule_on_tree::rule_on_tree(rule, facts, isos, seeds, options, scripts, explain)?,
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
        let inner =
            rule_on_tree::rule_on_tree(rule, body_facts, isos, seeds, options, scripts, None)?;
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
