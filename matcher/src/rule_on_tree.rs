//! One rule on one tree (a file, or a macro body wrapped in a function, whose facts know the
//! file's types): its matches, the changes of those that do not collide, and the rewrite
//! that lays them out.

use crate::search::Match;
use crate::tree_facts::TreeFacts;
use crate::{
    attach, attributes, define_pattern, explain, flow, fresh, includes, multi_decl, node, pattern,
    prototypes, script, search, transform, Env, IsoSet, RuleOutcome, ScriptCallbacks, Seed,
};
use rewriter::{EditConflict, Rewrite};
use smpl_parser::Rule;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub(crate) fn rule_on_tree(
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
    let matches = find_rule_matches(&m, rule, facts, seeds);
    // A context rule's report shows starred code as removed: matches that share code (two
    // paths to one `return`) each mark theirs, and nothing is written.
    let context_rule = body
        .tokens
        .iter()
        .any(|t| t.mark == smpl_parser::Mark::Star);
    let accepted = accept_changes(&m.pat, &matches, facts, seeds, context_rule);
    let mut rw = Rewrite::with_tree(text, root);
    if facts.macro_body.is_some() {
        rw.keep_lines_unbroken();
    }
    // A context rule's report shows the lines it found, nothing tidied around them.
    if context_rule {
        rw.mark_matches_only();
    }
    lay_out_changes(&mut rw, &accepted);
    if !accepted.split_decls.is_empty() {
        complete_split_declarations(&mut rw, facts, &accepted);
    }
    // A context rule's report shows starred code as removed; it needs no braces.
    if !accepted.changes.is_empty() && !context_rule {
        follow_prototypes(&mut rw, facts, &accepted, options);
        brace_unbraced_bodies(&mut rw, facts, &accepted);
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
        conflicts: accepted.conflicts,
        over_budget,
        unwritten_in_macros: Vec::new(),
    })
}

/// The rule's matches for every seed, with their attached code and script constraints
/// checked, kept to the macro body the tree is, and their fresh identifiers bound.
fn find_rule_matches(
    m: &node::Matcher,
    rule: &Rule,
    facts: &TreeFacts,
    seeds: &[Seed],
) -> Vec<Match> {
    let (root, text) = (&facts.root, facts.text.as_str());
    let (scripts, explain) = (m.scripts, m.explain);
    let mut matches = Vec::new();
    for seed in seeds {
        let base = Env {
            bindings: seed.clone(),
            ..Env::default()
        };
        let found = search::find_matches(m, root, &base);
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
    let body = m.pat.body;
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
    matches
}

/// The changes of a rule's matches that are written: those that collide with no earlier
/// match's, with code added the same way twice at one place joined.
#[derive(Default)]
struct Accepted {
    changes: Vec<transform::MatchChanges>,
    /// Per accepted match, where its `++` lines go among those of the others.
    stack_keys: Vec<StackKey>,
    /// Code added after statements that end where others do, with its statement.
    after_statements: Vec<(rewriter::Addition, Range<usize>)>,
    /// Shared declarations some accepted match took a declarator out of.
    split_decls: Vec<Range<usize>>,
    /// Matches left out for a collision.
    conflicts: usize,
}

impl Accepted {
    fn removals(&self) -> Vec<Range<usize>> {
        self.changes
            .iter()
            .flat_map(|ch| ch.removals.iter().cloned())
            .collect()
    }

    /// Every addition of the accepted matches, `++` code included.
    fn additions(&self) -> impl Iterator<Item = &rewriter::Addition> {
        self.changes.iter().flat_map(|ch| {
            ch.additions
                .iter()
                .chain(&ch.repeatable)
                .chain(&ch.stacked_after)
        })
    }
}

fn accept_changes(
    pat: &pattern::Pattern,
    matches: &[Match],
    facts: &TreeFacts,
    seeds: &[Seed],
    context_rule: bool,
) -> Accepted {
    let mut accepted = Accepted::default();
    // What the accepted matches change, indexed: thousands of matches in one file are each
    // checked in log time, not against every other.
    let mut accepted_changes = rewriter::AcceptedChanges::new();
    // Where each addition was first accepted (match, addition): the same code after nested
    // statements that end together is written there once per statement.
    let mut first_added: HashMap<rewriter::Addition, (usize, usize)> = HashMap::new();
    let inherited: HashSet<usize> = seeds.iter().flatten().map(|(mv, _)| *mv).collect();
    let c_code = transform::CCode {
        text: facts.text.as_str(),
        root: &facts.root,
        macro_body: facts.macro_body.clone(),
    };
    for mt in matches {
        let mut ch = transform::match_changes(pat, mt, &c_code);
        if ch.is_empty() {
            continue;
        }
        if !context_rule && accepted_changes.collides(&ch.removals, &ch.additions, &ch.after_ranges)
        {
            // Only nested removals are worth another round on the result; a collision of
            // pure additions would add the code twice.
            if !ch.removals.is_empty() {
                accepted.conflicts += 1;
            }
            continue;
        }
        let repeats = accepted_changes.repeated(&ch.additions);
        accepted_changes.accept(&ch.removals, &ch.additions, &ch.after_ranges);
        accepted
            .split_decls
            .extend(multi_decl::split_decls(&mt.env));
        for i in repeats.into_iter().rev() {
            let again = ch.additions.remove(i);
            if let Some(&first) = first_added.get(&again) {
                join_repeated_addition(&mut accepted, first, &ch, again);
            }
        }
        for (i, a) in ch.additions.iter().enumerate() {
            first_added
                .entry(a.clone())
                .or_insert((accepted.changes.len(), i));
        }
        accepted.changes.push(ch);
        accepted.stack_keys.push(StackKey::of(mt, &inherited));
    }
    accepted
}

/// Code a match adds where an accepted one (`first`: match, addition) added the same: once
/// more there, or, after statements that end together (`if (x) y();` and `y();`), each
/// addition of whole statements after its own statement, which the rewriter tells apart (a
/// `}` closing a block the rule opens before them stays as it is).
fn join_repeated_addition(
    accepted: &mut Accepted,
    (m, a): (usize, usize),
    ch: &transform::MatchChanges,
    again: rewriter::Addition,
) {
    let earlier_statement = accepted.changes[m].statement_before(&accepted.changes[m].additions[a]);
    let statement = ch.statement_before(&again);
    if let (Some(earlier_statement), Some(statement)) = (earlier_statement, statement) {
        if earlier_statement != statement && again.code.braces_balance {
            let earlier = &mut accepted.changes[m].additions[a];
            if !earlier.code.is_empty() {
                let moved = (earlier.clone(), earlier_statement);
                earlier.code = rewriter::AddedCode::default();
                accepted.after_statements.push(moved);
            }
            accepted.after_statements.push((again, statement));
            return;
        }
    }
    let earlier = &mut accepted.changes[m].additions[a];
    earlier.code = repeat_code(&earlier.code, &again);
}

/// The accepted removals and additions into the rewrite; `++` code of several matches at
/// one place in spatch's order of their environments.
fn lay_out_changes(rw: &mut Rewrite, accepted: &Accepted) {
    for ch in &accepted.changes {
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
    for (a, statement) in &accepted.after_statements {
        rw.add_lines_after_statement(statement.clone(), a.code.clone());
    }
    let keyed = |of: fn(&transform::MatchChanges) -> &Vec<rewriter::Addition>| {
        accepted
            .stack_keys
            .iter()
            .zip(&accepted.changes)
            .flat_map(move |(key, ch)| of(ch).iter().map(move |a| (key, a)))
            .collect::<Vec<_>>()
    };
    let mut repeated = keyed(|ch| &ch.repeatable);
    repeated.sort_by(|(ka, a), (kb, b)| (a.at, *ka).cmp(&(b.at, *kb)));
    for a in once_per_way(repeated.into_iter().map(|(_, a)| a)) {
        rw.add(a);
    }
    let mut stacked = keyed(|ch| &ch.stacked_after);
    stacked.sort_by(|(ka, a), (kb, b)| (a.at, *ka, &a.code).cmp(&(b.at, *kb, &b.code)));
    for a in once_per_way(stacked.into_iter().map(|(_, a)| a)) {
        rw.add(a);
    }
}

/// The commas and declarations left over where matches took declarators out of a shared
/// declaration.
fn complete_split_declarations(rw: &mut Rewrite, facts: &TreeFacts, accepted: &Accepted) {
    let inline_additions: Vec<usize> = accepted
        .changes
        .iter()
        .flat_map(|ch| ch.additions.iter().chain(&ch.repeatable))
        .filter(|a| a.placement == rewriter::Placement::Inline)
        .map(|a| a.at)
        .collect();
    for r in multi_decl::complete_removals(
        &facts.root,
        &facts.text,
        &accepted.split_decls,
        &accepted.removals(),
        &inline_additions,
    ) {
        rw.remove(r);
    }
}

/// The prototypes of functions whose definitions the rule changed, changed the same way.
fn follow_prototypes(
    rw: &mut Rewrite,
    facts: &TreeFacts,
    accepted: &Accepted,
    options: &c_parser::ParseOptions,
) {
    let text = facts.text.as_str();
    let added: Vec<rewriter::Addition> = accepted.additions().cloned().collect();
    let (more_removals, more_additions) =
        prototypes::follow_definitions(&facts.root, text, &accepted.removals(), &added, || {
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

/// Marks the unbraced bodies near the changes that need braces: a body that becomes
/// several statements, or a block body with code added beside it.
fn brace_unbraced_bodies(rw: &mut Rewrite, facts: &TreeFacts, accepted: &Accepted) {
    // Looked up per body: many bodies and many matches must not cost their product.
    let added_at: HashSet<usize> = accepted.additions().map(|a| a.at).collect();
    let after_statement: HashSet<usize> = accepted
        .changes
        .iter()
        .flat_map(|ch| ch.after_statement.iter().map(|s| s.end))
        .collect();
    // Per end offset, the earliest start of a range that plus code is added after.
    let mut after_range_start: HashMap<usize, usize> = HashMap::new();
    for r in accepted
        .changes
        .iter()
        .flat_map(|ch| ch.after_ranges.iter())
    {
        let start = after_range_start.entry(r.end).or_insert(r.start);
        *start = (*start).min(r.start);
    }
    let replaced_bodies: HashSet<(usize, usize)> = accepted
        .changes
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
        let after_body = accepted
            .after_statements
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
