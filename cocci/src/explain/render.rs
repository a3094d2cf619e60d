//! The explanation as text: a line per rule saying what became of it at the target, then
//! the places involved, drawn by codespan-reporting in the rule file and the C file.

use super::target::Target;
use super::wording;
use super::{Run, Verdict};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::NoColor};
use matcher::explain::{DropReason, Failure, Reason};
use smpl_parser::{Rule, RuleFile};
use std::fmt::Write;
use std::ops::Range;

/// The C file being explained.
pub struct CFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub parse: &'a c_parser::Parse,
}

/// Words the verdicts on `target` of `c`, rule by rule in the order of the rule file.
pub fn render(
    rules: &RuleFile,
    c: &CFile,
    target: &Target,
    verdicts: &[(String, Verdict)],
) -> String {
    let mut out = String::new();
    let first_line = c.text[target.range.clone()].lines().next().unwrap_or("");
    let _ = writeln!(out, "{}:{}: `{first_line}`", c.name, target.line);
    out.push_str(&parse_problems(c, target));
    for rule in &rules.rules {
        let origin = rule_origin(rules, rule);
        let Some(verdict) = verdicts.iter().find(|(n, _)| *n == rule.name).map(|v| &v.1) else {
            let what = match rule.body() {
                Some(_) => "not run (an earlier rule stopped the file)",
                None => "a script rule: runs no pattern",
            };
            let _ = writeln!(out, "rule {} ({origin}): {what}", rule.name);
            continue;
        };
        let _ = write!(out, "rule {} ({origin}): ", rule.name);
        match verdict {
            Verdict::Prefilter { missing } => {
                let _ = writeln!(
                    out,
                    "skipped by the prefilter: the file does not contain {missing}, which \
                     every match needs"
                );
            }
            Verdict::NoEnvironment { parents } if parents.is_empty() => {
                let _ = writeln!(
                    out,
                    "not run: the rules it inherits from matched, but no environment of \
                     theirs binds all it inherits"
                );
            }
            Verdict::NoEnvironment { parents } => {
                let names: Vec<String> = parents.iter().map(|p| format!("`{p}`")).collect();
                let _ = writeln!(
                    out,
                    "not run: its inherited environment is empty ({} did not match)",
                    names.join(", ")
                );
            }
            Verdict::DependsFalse { why } => {
                let _ = writeln!(out, "not run: {why}");
            }
            Verdict::Ran(run) => out.push_str(&ran(rules, rule, c, run)),
        }
    }
    out
}

/// `r.cocci:3`: where a rule's header is.
fn rule_origin(rules: &RuleFile, rule: &Rule) -> String {
    let source = &rules.sources[rule.source];
    let line = source.text[..rule.span.start.min(source.text.len())]
        .matches('\n')
        .count()
        + 1;
    format!("{}:{line}", source.path.display())
}

/// Parse errors in the target, or in the function around it.
fn parse_problems(c: &CFile, target: &Target) -> String {
    let function = function_around(c.parse, target.range.start);
    let mut out = String::new();
    let mut lines_told = Vec::new();
    for e in &c.parse.errors {
        let at = usize::from(e.range.start());
        let line = line_of(c.text, at);
        if lines_told.contains(&line) {
            continue;
        }
        lines_told.push(line);
        let in_target = target.range.contains(&at);
        let in_function = function.as_ref().is_some_and(|f| f.contains(&at));
        if !in_target && !in_function {
            continue;
        }
        let what = if in_target {
            format!(
                "line {} did not parse ({}): no rule can match it",
                target.line, e.message
            )
        } else {
            format!(
                "the function around line {} did not parse at line {line} ({}): rules see \
                 the rest of it, not that region",
                target.line, e.message
            )
        };
        let _ = writeln!(out, "note: {what}");
        let files = [(c.name, c.text)];
        out.push_str(&snippets(&files, &[(0, at..at + 1, "not parsed".into())]));
    }
    out
}

fn function_around(parse: &c_parser::Parse, at: usize) -> Option<Range<usize>> {
    let offset = u32::try_from(at).ok()?.into();
    let token = parse.root.token_at_offset(offset).right_biased()?;
    let f = token
        .parent_ancestors()
        .find(|n| n.kind() == c_parser::SyntaxKind::FUNCTION_DEF)?;
    Some(usize::from(f.text_range().start())..usize::from(f.text_range().end()))
}

/// What a rule that ran did at the target.
fn ran(rules: &RuleFile, rule: &Rule, c: &CFile, run: &Run) -> String {
    let mut out = String::new();
    let overlaps = |r: &Range<usize>| r.start < run.target.end && run.target.start < r.end;
    let here: Vec<&matcher::Match> = run
        .outcome
        .matches
        .iter()
        .filter(|m| overlaps(&m.range))
        .collect();
    let elsewhere: Vec<usize> = run
        .outcome
        .matches
        .iter()
        .filter(|m| !overlaps(&m.range))
        .map(|m| line_of(&run.text, m.range.start))
        .collect();
    let source = &rules.sources[rule.source];
    let files = [
        (
            source.path.to_str().unwrap_or("rule file"),
            source.text.as_str(),
        ),
        (c.name, run.text.as_str()),
    ];
    let changed_before = run.text != c.text;
    if changed_before {
        out.push_str("(on the file as the earlier rules changed it) ");
    }
    if !here.is_empty() {
        out.push_str(&matched(rule, &files, run, &here));
        return out;
    }
    out.push_str("no match here");
    if !elsewhere.is_empty() {
        let lines: Vec<String> = elsewhere.iter().take(8).map(usize::to_string).collect();
        let _ = write!(out, " (it matched at line {})", lines.join(", "));
    }
    out.push('\n');
    let mut was_dropped = false;
    for d in run.trace.dropped.iter().filter(|d| overlaps(&d.range)) {
        out.push_str(&dropped(rule, &files, d));
        was_dropped = true;
    }
    if was_dropped {
        // The pattern matched: how other attempts failed is beside the point.
        return out;
    }
    // A refusal (a constraint, a type, a `when`) is the answer more often than the token
    // where the farthest attempt stopped; both are shown.
    let refusal = run.trace.refusals.iter().max_by_key(|f| f.pattern_token);
    let shown = refusal.or(run.trace.farthest.as_ref());
    if let Some(f) = shown {
        let lead = match refusal {
            Some(_) => "refused",
            None => "the pattern got farthest here",
        };
        out.push_str(&failure(rule, &files, f, lead));
    }
    if let Some(f) = run.trace.farthest.as_ref().filter(|f| Some(*f) != shown) {
        out.push_str(&failure(
            rule,
            &files,
            f,
            "also, the pattern got farthest here",
        ));
    }
    for r in run.trace.refusals.iter().filter(|r| Some(*r) != shown) {
        out.push_str(&failure(rule, &files, r, "also refused"));
    }
    if shown.is_none() {
        out.push_str(&not_reached(rule, &files, run));
    }
    out
}

/// No attempt of the pattern concerned the target.
fn not_reached(rule: &Rule, files: &[(&str, &str); 2], run: &Run) -> String {
    let mut out = String::new();
    let statement = &run.text[run.target.clone()];
    let requirement = matcher::prefilter::Requirement::of_rule(rule);
    let tried_here = requirement.holds_in_text(statement);
    if !tried_here {
        let missing = wording::missing_names(&requirement, statement);
        let _ = writeln!(
            out,
            "  the pattern was not tried here: this code does not contain {missing}, which \
             every match contains"
        );
    } else {
        let _ = writeln!(out, "  no attempt of the pattern reached this code");
    }
    // Where the pattern stops elsewhere helps when it could have matched here, or matched
    // nowhere (the place may be the wrong one); not beside its real matches.
    let relevant = tried_here || !run.outcome.matched();
    if let Some(f) = run.trace.farthest_anywhere.as_ref().filter(|_| relevant) {
        let from = f.attempt.map(|a| line_of(&run.text, a));
        let label = match from {
            Some(line) => format!("elsewhere, the attempt from line {line} got farthest"),
            None => "elsewhere, the farthest attempt".to_string(),
        };
        out.push_str(&failure(rule, files, f, &label));
    }
    out
}

/// A failed comparison, with the pattern token and the code.
fn failure(rule: &Rule, files: &[(&str, &str); 2], f: &Failure, lead: &str) -> String {
    let Some(body) = rule.body() else {
        return String::new();
    };
    let (rule_text, code_text) = (files[0].1, files[1].1);
    let token = &body.tokens[f.pattern_token];
    let token_range = token.file_offset..token.file_offset + token.len;
    let pattern = rule_text.get(token_range.clone()).unwrap_or("?");
    let code = first_line(code_text.get(f.code.clone()).unwrap_or("?"));
    let name = |mv: usize| rule.metavars[mv].name.to_string();
    let code_label = match f.code.is_empty() {
        true => "code: the list ends here".to_string(),
        false => format!("code: `{code}`"),
    };
    let mut labels = vec![
        (0, token_range, format!("pattern: `{pattern}`")),
        (1, f.code.clone(), code_label),
    ];
    let why = match &f.reason {
        Reason::TokenDiffers => format!("the pattern's `{pattern}` does not match `{code}`"),
        Reason::Shape {
            pattern: p,
            code: k,
        } => format!(
            "the pattern has {} where the code has {}",
            wording::construct(*p),
            wording::construct(*k)
        ),
        Reason::MetavarKind { metavar } => format!(
            "`{code}` is not {}, as metavariable `{}` must be",
            wording::metavar_kind(&rule.metavars[*metavar].kind),
            name(*metavar)
        ),
        Reason::Constraint {
            metavar,
            constraint,
        } => {
            let decl = &rule.metavars[*metavar];
            labels.push((0, decl.span.clone(), "declared here".into()));
            let is_position = matches!(decl.kind, smpl_parser::MetavarKind::Position { .. });
            match constraint.and_then(|i| decl.constraints.get(i)) {
                Some(c) if is_position => format!(
                    "position `{}` refused the place of `{code}`: constraint `{}`",
                    name(*metavar),
                    wording::constraint(c)
                ),
                Some(c) => format!(
                    "metavariable `{}` refused `{code}`: constraint `{}`",
                    name(*metavar),
                    wording::constraint(c)
                ),
                None => format!(
                    "metavariable `{}` refused `{code}`: its script constraint is false",
                    name(*metavar)
                ),
            }
        }
        Reason::Type { metavar, found } => {
            let decl = &rule.metavars[*metavar];
            labels.push((0, decl.span.clone(), "declared here".into()));
            let wanted = match &decl.kind {
                smpl_parser::MetavarKind::Expression { types, .. }
                | smpl_parser::MetavarKind::IdExpression { types, .. }
                | smpl_parser::MetavarKind::Constant { types } => types.join("`, `"),
                _ => String::new(),
            };
            match found {
                Some(t) => format!(
                    "`{code}` has type `{t}`, not `{wanted}` as metavariable `{}` requires",
                    name(*metavar)
                ),
                None => format!(
                    "the type of `{code}` is unknown, and metavariable `{}` requires `{wanted}`",
                    name(*metavar)
                ),
            }
        }
        Reason::Inconsistent { metavar, bound } => format!(
            "metavariable `{}` is bound to `{}` already, and here the code is `{code}`",
            name(*metavar),
            first_line(bound)
        ),
        Reason::When => format!("a `when` clause of `{pattern}` forbids `{code}`"),
        Reason::PathEnds => format!(
            "a path after the dots reaches the end of the block without `{pattern}`: the rule \
             is `forall` (a transformation's default), so every path must reach it"
        ),
        Reason::ListEnds => format!("the code's list ends where the pattern has `{pattern}`"),
        Reason::ListGoesOn => {
            format!("the pattern has `{pattern}` where the code's list goes on with `{code}`")
        }
    };
    let mut out = format!("  {lead}: {why}\n");
    out.push_str(&snippets(files, &labels));
    out
}

/// A match found and then dropped.
fn dropped(rule: &Rule, files: &[(&str, &str); 2], d: &matcher::explain::Dropped) -> String {
    let code = first_line(files[1].1.get(d.range.clone()).unwrap_or("?"));
    let mut labels = vec![(1, d.range.clone(), "matched".to_string())];
    let why = match &d.why {
        DropReason::Attached {
            pattern_token,
            metavar,
        } => {
            let decl = &rule.metavars[*metavar];
            labels.push((0, decl.span.clone(), "declared here".into()));
            if let Some(t) = rule.body().and_then(|b| b.tokens.get(*pattern_token)) {
                labels.push((
                    0,
                    t.file_offset..t.file_offset + t.len,
                    "attached here".into(),
                ));
            }
            let constraints: Vec<String> =
                decl.constraints.iter().map(wording::constraint).collect();
            match constraints.is_empty() {
                true => format!(
                    "`{}` attached with `@` is bound to other code already",
                    decl.name
                ),
                false => format!(
                    "position `{}` refused the place: constraint `{}`",
                    decl.name,
                    constraints.join(" ")
                ),
            }
        }
        DropReason::Script => "a script constraint refused the match".to_string(),
    };
    let mut out = format!("  the pattern matched `{code}`, but {why}\n");
    out.push_str(&snippets(files, &labels));
    out
}

/// A rule that matched at the target: the match, its bindings, and its change.
fn matched(rule: &Rule, files: &[(&str, &str); 2], run: &Run, here: &[&matcher::Match]) -> String {
    let text = files[1].1;
    let mut out = String::from("matched here\n");
    for m in here {
        let code = first_line(text.get(m.range.clone()).unwrap_or("?"));
        let _ = writeln!(
            out,
            "  match: `{code}` at line {}",
            line_of(text, m.range.start)
        );
        let mut bindings: Vec<String> = m
            .env
            .bindings
            .iter()
            .filter(|(mv, _)| {
                !matches!(
                    rule.metavars[*mv].kind,
                    smpl_parser::MetavarKind::Position { .. }
                )
            })
            .map(|(mv, b)| format!("{} = `{}`", rule.metavars[*mv].name, first_line(&b.text)))
            .collect();
        bindings.sort();
        if !bindings.is_empty() {
            let _ = writeln!(out, "  bindings: {}", bindings.join(", "));
        }
    }
    let span = here.iter().fold(run.target.clone(), |acc, m| {
        acc.start.min(m.range.start)..acc.end.max(m.range.end)
    });
    out.push_str(&change(text, &run.outcome.edits, span, is_context(rule)));
    out
}

fn is_context(rule: &Rule) -> bool {
    rule.body()
        .is_some_and(|b| b.tokens.iter().any(|t| t.mark == smpl_parser::Mark::Star))
}

/// The lines the edits touching `span` change, before and after.
fn change(text: &str, edits: &[rewriter::Edit], span: Range<usize>, context: bool) -> String {
    let touching: Vec<rewriter::Edit> = edits
        .iter()
        .filter(|e| e.range.start <= span.end && span.start <= e.range.end)
        .cloned()
        .collect();
    if touching.is_empty() {
        return "  change: none here (the rule changes nothing at this match)\n".into();
    }
    let from = text[..touching[0].range.start]
        .rfind('\n')
        .map_or(0, |n| n + 1);
    let last = touching.iter().map(|e| e.range.end).max().unwrap_or(from);
    // The line of the last byte changed (an edit may end just after its line's newline).
    let last_byte = last.saturating_sub(1).max(from);
    let to = text[last_byte..]
        .find('\n')
        .map_or(text.len(), |n| last_byte + n + 1);
    let shifted: Vec<rewriter::Edit> = touching
        .iter()
        .map(|e| {
            rewriter::Edit::replace(
                e.range.start - from..e.range.end - from,
                e.replacement.clone(),
            )
        })
        .collect();
    let before = &text[from..to];
    let Ok(after) = rewriter::apply_edits(before, &shifted) else {
        return "  change: the edits here overlap (not shown)\n".into();
    };
    let mut out = String::from(if context {
        "  reported (a `*` rule changes nothing; shown as its report diff):\n"
    } else {
        "  change:\n"
    });
    for l in before.lines() {
        let _ = writeln!(out, "  -{l}");
    }
    if !context {
        for l in after.lines() {
            let _ = writeln!(out, "  +{l}");
        }
    }
    out
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// Code snippets with labels (file index, range, message), drawn by codespan-reporting, each
/// line indented by two spaces.
fn snippets(files: &[(&str, &str)], labels: &[(usize, Range<usize>, String)]) -> String {
    let mut db = SimpleFiles::new();
    let ids: Vec<usize> = files.iter().map(|(n, t)| db.add(*n, *t)).collect();
    let labels: Vec<Label<usize>> = labels
        .iter()
        .enumerate()
        .map(|(i, (file, range, message))| {
            let text = files[*file].1;
            let start = floor_char_boundary(text, range.start);
            let end = floor_char_boundary(text, range.end.max(start)).max(start);
            let label = if i == 0 {
                Label::primary(ids[*file], start..end)
            } else {
                Label::secondary(ids[*file], start..end)
            };
            label.with_message(message.clone())
        })
        .collect();
    let diagnostic = Diagnostic::note().with_labels(labels);
    let mut out = NoColor::new(Vec::new());
    if term::emit(&mut out, &term::Config::default(), &db, &diagnostic).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&out.into_inner())
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("  {l}\n"))
        .collect()
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
