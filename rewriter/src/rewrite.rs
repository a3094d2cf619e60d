//! From a match's removed tokens and added code to byte-range edits with Coccinelle's layout:
//! removed code takes its line along when the line empties, added lines take the indentation of
//! their context, an unbraced body that grows to several statements gets braces.

use crate::added::{AddedCode, AddedLine};
use crate::braces::{brace_body, AddedStatements, Enclosing, SortedEdits, Surroundings};
use crate::edit::{normalize_edits, Edit, EditConflict};
use crate::file_tokens;
use crate::lines::{
    indent_after_open, indent_before_close, is_blank, is_trivia, line_end, line_indent, line_start,
};
use crate::steps::IndentSteps;
use crate::tidy::{drop_dangling_commas, tidy_blank_lines};
use crate::wrap::{wrap_long_line, MarkedText};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

/// Where added code goes relative to its anchor offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Written exactly at the offset, inside the line (a replaced identifier or argument).
    Inline,
    /// On lines of its own before the line of the token starting at the offset.
    LinesBefore,
    /// On lines of its own after the token ending at the offset.
    LinesAfter,
}

/// Code to add at a token boundary of the original text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Addition {
    pub at: usize,
    pub code: AddedCode,
    pub placement: Placement,
}

/// Collects what one or more matches do to a file's text, then lays it out as edits.
///
/// Offsets are byte offsets into `text`, at token boundaries. Several matches may be collected
/// into one `Rewrite`: removing the same token twice is harmless.
#[derive(Clone, Debug)]
pub struct Rewrite<'t> {
    text: &'t str,
    removals: Vec<Range<usize>>,
    additions: Vec<Addition>,
    /// Unbraced bodies, each with the start of its statement (`if`, `else`, loop) when the
    /// caller knows it from the tree.
    unbraced_bodies: Vec<(Range<usize>, Option<usize>)>,
    raw: Vec<Edit>,
    /// For additions placed after a whole statement: (addition index, statement range).
    after_statement: Vec<(usize, Range<usize>)>,
    /// For additions of lines indented as another line: (addition index, an offset on it).
    level_of: HashMap<usize, usize>,
    /// The file's indentation steps, indexed on first use.
    steps: OnceCell<IndentSteps>,
    /// Code replaced inside a line stays on that line, however long (a `#define` body).
    unbroken_lines: bool,
    /// A context rule's report: the matched lines are shown as removed, whole, and nothing around
    /// them is tidied (blank lines, comments and commas stay as they are).
    marks_only: bool,
    /// The tree of `text`: layout reads the C code around edits from its tokens, and token
    /// seams are lexed near the edits only.
    tree: c_parser::SyntaxNode,
}

/// One run of removed code, after merging and line extension.
pub(crate) struct RemovedRun {
    /// The removed tokens (and the trivia between them).
    pub(crate) tokens: Range<usize>,
    /// What is actually deleted: `tokens` plus whitespace, or whole lines.
    pub(crate) extent: Range<usize>,
    pub(crate) whole_lines: bool,
}

impl<'t> Rewrite<'t> {
    /// A rewrite of `text`, which is parsed here (callers without a tree: tests, benchmarks).
    pub fn new(text: &'t str) -> Self {
        let tree = c_parser::parse(text, &c_parser::ParseOptions::default()).root;
        Rewrite::with_tree(text, &tree)
    }

    /// A rewrite of `text`, whose tree is `tree` (a cheap handle: it is kept).
    pub fn with_tree(text: &'t str, tree: &c_parser::SyntaxNode) -> Self {
        debug_assert_eq!(usize::from(tree.text_range().end()), text.len());
        Rewrite {
            text,
            removals: Vec::new(),
            additions: Vec::new(),
            unbraced_bodies: Vec::new(),
            unbroken_lines: false,
            marks_only: false,
            raw: Vec::new(),
            after_statement: Vec::new(),
            level_of: HashMap::new(),
            steps: OnceCell::new(),
            tree: tree.clone(),
        }
    }

    /// The file's indentation step near `at`.
    fn step_near(&self, at: usize) -> String {
        self.indent_steps().near(self.text, at)
    }

    fn indent_steps(&self) -> &IndentSteps {
        self.steps.get_or_init(IndentSteps::new)
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Removes a token (or any range of tokens): a minus token of the rule.
    pub fn remove(&mut self, range: Range<usize>) {
        if !range.is_empty() {
            self.removals.push(range);
        }
    }

    /// Adds code written in the line at `at` (a plus token run replacing or beside a token).
    pub fn add_inline(&mut self, at: usize, code: impl Into<AddedCode>) {
        self.additions.push(Addition {
            at,
            code: code.into(),
            placement: Placement::Inline,
        });
    }

    /// Adds whole lines of code before the token starting at `at`.
    pub fn add_lines_before(&mut self, at: usize, code: impl Into<AddedCode>) {
        self.additions.push(Addition {
            at,
            code: code.into(),
            placement: Placement::LinesBefore,
        });
    }

    /// Adds whole lines of code after the token ending at `at`.
    pub fn add_lines_after(&mut self, at: usize, code: impl Into<AddedCode>) {
        self.additions.push(Addition {
            at,
            code: code.into(),
            placement: Placement::LinesAfter,
        });
    }

    /// Adds whole lines of code after the statement spanning `statement` (its last token ends
    /// where the statement does). Unlike [`Self::add_lines_after`], this says that the code
    /// follows the whole statement: after `if (x) y = 1;` it does not go into the `if`'s body,
    /// which then gets no braces.
    pub fn add_lines_after_statement(
        &mut self,
        statement: Range<usize>,
        code: impl Into<AddedCode>,
    ) {
        self.after_statement
            .push((self.additions.len(), statement.clone()));
        self.add_lines_after(statement.end, code);
    }

    /// Adds whole lines of code after the token ending at `at`, indented as the line holding
    /// `level_from`: code after a whole `if` (starting at `level_from`) whose unbraced body
    /// ends at `at` goes at the `if`'s level, not at its body's.
    pub fn add_lines_after_at_level_of(
        &mut self,
        at: usize,
        level_from: usize,
        code: impl Into<AddedCode>,
    ) {
        self.level_of.insert(self.additions.len(), level_from);
        self.add_lines_after(at, code);
    }

    pub fn add(&mut self, addition: Addition) {
        self.additions.push(addition);
    }

    /// The places the collected edits touch: each removed range, and the empty range at each
    /// addition. Laid out, an edit stays within the lines of the places it came from.
    pub fn touched(&self) -> Vec<Range<usize>> {
        self.removals
            .iter()
            .cloned()
            .chain(self.additions.iter().map(|a| a.at..a.at))
            .chain(self.raw.iter().map(|e| e.range.clone()))
            .collect()
    }

    /// Declares that `range` (a whole statement) is the unbraced body of an `if`, `else`,
    /// loop: braces are added if it ends up holding several statements.
    /// The new braces line up with the first line of the statement, found from the text.
    pub fn mark_unbraced_body(&mut self, range: Range<usize>) {
        self.unbraced_bodies.push((range, None));
    }

    /// [`Rewrite::mark_unbraced_body`] for a body whose statement starts at
    /// `statement_start`, as a syntax tree says: a header spread over several lines
    /// (`if (f(a,\n\t      b))`) is then no guess.
    pub fn mark_unbraced_body_of(&mut self, range: Range<usize>, statement_start: usize) {
        self.unbraced_bodies.push((range, Some(statement_start)));
    }

    /// Code replaced inside a line is never broken over several lines, as a line of a
    /// `#define` needs (a break there would need a continuation backslash).
    pub fn keep_lines_unbroken(&mut self) {
        self.unbroken_lines = true;
    }

    /// The removals only mark what a context rule found: see `marks_only`.
    pub fn mark_matches_only(&mut self) {
        self.marks_only = true;
    }

    /// An edit taken as is (no layout).
    pub fn push_edit(&mut self, edit: Edit) {
        self.raw.push(edit);
    }

    /// The edits, sorted and non-overlapping.
    pub fn into_edits(self) -> Result<Vec<Edit>, EditConflict> {
        let text = self.text;
        let mut runs = self.removed_runs();
        let (order, statement_of) = self.addition_order();
        let (taken, absorbed) = self.additions_of_runs(&runs, &order);
        if !self.marks_only {
            drop_dangling_commas(text, &self.tree, &mut runs, &taken);
            tidy_blank_lines(text, &self.tree, &mut runs, &taken);
        }
        let mut laid = LaidEdits::default();
        for (run, mine) in runs.iter().zip(&taken) {
            if run.extent.is_empty() && mine.is_empty() {
                // Taken into a neighbouring run.
                continue;
            }
            laid.push(
                self.lay_out_run(run, mine),
                AddedStatements::of(mine.iter().map(|a| &a.code)),
            );
        }
        for &i in order.iter().filter(|&&i| !absorbed[i]) {
            self.lay_out_addition_alone(i, statement_of.get(&i), &mut laid);
        }
        let edits = self.brace_bodies(laid)?;
        Ok(crate::boundaries::separate_tokens_in_tree(
            text,
            edits,
            Some(&self.tree),
        ))
    }

    /// The additions in the order they are laid out (by offset, stable; at one offset, code
    /// after an inner statement before code after the statement around it), and the
    /// statement each addition after a whole statement goes after.
    fn addition_order(&self) -> (Vec<usize>, HashMap<usize, Range<usize>>) {
        let mut statement_of: HashMap<usize, Range<usize>> = HashMap::new();
        for (i, statement) in self.after_statement.iter().rev() {
            // The first one given for an addition counts.
            statement_of.insert(*i, statement.clone());
        }
        let mut order: Vec<usize> = (0..self.additions.len()).collect();
        order.sort_by_key(|&i| {
            let start = statement_of.get(&i).map_or(usize::MAX, |s| s.start);
            (self.additions[i].at, std::cmp::Reverse(start))
        });
        (order, statement_of)
    }

    /// The additions each removed run takes into its own edit, and which additions were
    /// taken so.
    fn additions_of_runs(
        &self,
        runs: &[RemovedRun],
        order: &[usize],
    ) -> (Vec<Vec<&Addition>>, Vec<bool>) {
        let mut absorbed = vec![false; self.additions.len()];
        let mut taken: Vec<Vec<&Addition>> = Vec::with_capacity(runs.len());
        for run in runs {
            let mut mine: Vec<&Addition> = Vec::new();
            // Only additions between the run's lowest and highest offsets can be its own:
            // found by bisection, so that many runs and additions cost n log n.
            let low = run.tokens.start.min(run.extent.start);
            let high = run.tokens.end.max(run.extent.end);
            let first = order.partition_point(|&i| self.additions[i].at < low);
            for &i in order[first..]
                .iter()
                .take_while(|&&i| self.additions[i].at <= high)
            {
                let a = &self.additions[i];
                let touches_tokens = run.tokens.start <= a.at && a.at <= run.tokens.end;
                let strictly_inside = run.extent.start < a.at && a.at < run.extent.end;
                // In-line code next to removed code whose spacing went with it (`return` +
                // ` PAGE_SIZE`) takes its place, so that the space stays.
                let inline_at_edge = a.placement == Placement::Inline
                    && run.extent.start <= a.at
                    && a.at <= run.extent.end;
                if !absorbed[i] && (touches_tokens || strictly_inside || inline_at_edge) {
                    absorbed[i] = true;
                    mine.push(a);
                }
            }
            taken.push(mine);
        }
        (taken, absorbed)
    }

    /// Addition `i`, which no removed run took: at its place, or, when it goes after a whole
    /// `statement`, with that statement.
    fn lay_out_addition_alone(
        &self,
        i: usize,
        statement: Option<&Range<usize>>,
        laid: &mut LaidEdits,
    ) {
        let text = self.text;
        let a = &self.additions[i];
        let Some(stmt) = statement.cloned() else {
            let level = self
                .level_of
                .get(&i)
                .map(|&l| line_indent(text, l).to_string());
            laid.push(
                self.lay_out_addition(a, level),
                AddedStatements::of([&a.code]),
            );
            return;
        };
        // After a whole statement: at the indentation of its first line.
        let indent = line_indent(text, stmt.start).to_string();
        let edit = match self.line_after_inner_body(a, &stmt) {
            Some(next_line) => self.lay_out_lines_at(a, next_line, &indent),
            None => self.lay_out_addition(a, Some(indent)),
        };
        // Code after statements that end together, at one place: one edit, so that the
        // same code after each is not taken for one addition made twice.
        if let Some((last, last_stmt)) = laid.enclosing.last_mut() {
            if *last == edit && *last_stmt != stmt && laid.edits.last() == Some(last) {
                last.replacement.push_str(&edit.replacement);
                if let Some(e) = laid.edits.last_mut() {
                    e.replacement.push_str(&edit.replacement);
                }
                if let Some(n) = laid.statements.last_mut() {
                    *n = n.and(AddedStatements::of([&a.code]));
                }
                return;
            }
        }
        laid.enclosing.push((edit.clone(), stmt));
        laid.push(edit, AddedStatements::of([&a.code]));
    }

    /// The laid-out edits with the raw ones, normalized, the unbraced bodies that now hold
    /// several statements braced (innermost first: an inner body that gets braces is one
    /// statement for the body around it), and kept bodies of removed headers dedented.
    fn brace_bodies(&self, laid: LaidEdits) -> Result<Vec<Edit>, EditConflict> {
        let text = self.text;
        let LaidEdits {
            mut edits,
            statements,
            enclosing,
        } = laid;
        // The statements each edit adds, for the bodies it may be put in.
        let added_statements: HashMap<Edit, AddedStatements> = edits
            .iter()
            .cloned()
            .zip(statements)
            .filter(|(_, n)| *n != AddedStatements::default())
            .collect();
        edits.extend(self.raw.iter().cloned());
        let edits = normalize_edits(text, &edits)?;
        let mut bodies = self.unbraced_bodies.clone();
        bodies.sort_by_key(|(b, _)| (b.end.saturating_sub(b.start), b.start));
        bodies.dedup_by_key(|(b, _)| b.clone());
        let mut statements_before: Enclosing = HashMap::new();
        for (edit, statement) in enclosing {
            statements_before
                .entry(edit)
                .or_default()
                .push(statement.start);
        }
        let mut sorted = SortedEdits::new(edits);
        let around = Surroundings {
            text,
            root: &self.tree,
            enclosing: &statements_before,
            added_statements: &added_statements,
            steps: self.indent_steps(),
        };
        for (body, statement_start) in bodies {
            brace_body(&around, body, statement_start, &mut sorted)?;
        }
        let edits = normalize_edits(text, &sorted.into_vec())?;
        if self.marks_only {
            return Ok(edits);
        }
        // Code that ends with a header (`if (b)`) may take the kept body as its own.
        let headers_at: Vec<usize> = self
            .additions
            .iter()
            .filter(|a| !a.code.ends_a_statement())
            .map(|a| a.at)
            .collect();
        Ok(crate::dedent::dedent_unwrapped_bodies(
            text,
            &self.tree,
            &self.removals,
            &headers_at,
            edits,
        ))
    }

    /// Applies the laid-out edits.
    pub fn apply(self) -> Result<String, EditConflict> {
        let text = self.text;
        let edits = self.into_edits()?;
        crate::edit::apply_edits(text, &edits)
    }

    fn removed_runs(&self) -> Vec<RemovedRun> {
        let text = self.text;
        let mut ranges: Vec<Range<usize>> = self
            .removals
            .iter()
            .filter(|r| {
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
            })
            .cloned()
            .collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in ranges {
            if let Some(last) = merged.last_mut() {
                // Code removed on both sides of a comment takes the comment along; a blank
                // line keeps statements apart (each keeps its own replacement and spacing).
                let gap = &text[last.end.min(r.start)..r.start];
                // A statement ending a line ends the run there: the next line's statement is
                // laid out (and braced) on its own.
                // (A comment between two removed statements still goes with them.)
                let statement_ends = gap.contains('\n')
                    && is_blank(gap)
                    && text[..last.end].trim_end().ends_with([';', '}']);
                // A conditional directive between removed code goes with it when the
                // conditional it belongs to is removed too (no `#endif` left alone).
                let gap_range = last.end.min(r.start)..r.start;
                let closes_removed_conditional = !has_blank_line(gap)
                    && file_tokens::only_comments_and_directives(
                        &self.tree,
                        text,
                        gap_range.clone(),
                    )
                    && file_tokens::conditionals_balanced(&self.tree, text, last.start..r.end);
                // A pragma between removed statements goes with them.
                let pragma_between = !has_blank_line(gap)
                    && file_tokens::only_comments_and_pragmas(&self.tree, text, gap_range);
                // A report marks only what was found: code between stays unmarked.
                let joins = if self.marks_only {
                    is_blank(gap) && !has_blank_line(gap) && !statement_ends
                } else {
                    (is_trivia(gap) && !has_blank_line(gap) && !statement_ends)
                        || closes_removed_conditional
                        || pragma_between
                };
                if r.start <= last.end || joins {
                    last.end = last.end.max(r.end);
                    continue;
                }
            }
            merged.push(r);
        }
        merged
            .into_iter()
            .map(|tokens| {
                let ls = line_start(text, tokens.start);
                let le = line_end(text, tokens.end);
                let before = &text[ls..tokens.start];
                let after = &text[tokens.end..le];
                // A report marks whole lines, as spatch shows them.
                if is_blank(before) && is_blank(after) || self.marks_only {
                    let end = if le < text.len() { le + 1 } else { le };
                    return RemovedRun {
                        tokens,
                        extent: ls..end,
                        whole_lines: true,
                    };
                }
                let lead = before.len() - before.trim_end_matches([' ', '\t']).len();
                let trail = after.len() - after.trim_start_matches([' ', '\t']).len();
                let extent = if is_blank(before) {
                    tokens.start..tokens.end + trail
                } else if is_blank(after) {
                    tokens.start - lead..tokens.end
                } else {
                    let prev = before.chars().last().unwrap_or(' ');
                    let next = after
                        .trim_start_matches([' ', '\t'])
                        .chars()
                        .next()
                        .unwrap_or(' ');
                    if trail > 0 && (lead > 0 || matches!(prev, '(' | '[')) {
                        tokens.start..tokens.end + trail
                    } else if lead > 0 && matches!(next, ')' | ']' | ';' | ',') {
                        tokens.start - lead..tokens.end
                    } else {
                        tokens.clone()
                    }
                };
                RemovedRun {
                    tokens,
                    extent,
                    whole_lines: false,
                }
            })
            .collect()
    }

    /// The edit for a run of removed code and the additions that take its place.
    fn lay_out_run(&self, run: &RemovedRun, additions: &[&Addition]) -> Edit {
        let text = self.text;
        if additions.is_empty() {
            return Edit::delete(run.extent.clone());
        }
        let indent = line_indent(text, run.tokens.start).to_string();
        if run.whole_lines {
            return self.lay_out_whole_lines(run, additions, &indent);
        }
        // Code continues after the removed tokens on their line (`LASSERT_OLD(` replaced by
        // `LASSERT(` before `x);`): added code that does not end a statement joins it.
        let code_follows = !is_trivia(&text[run.tokens.end..line_end(text, run.tokens.end)]);
        let expression_only = additions.iter().all(|a| a.code.is_expression());
        if additions.iter().any(|a| a.placement == Placement::Inline)
            || (code_follows && expression_only)
        {
            return self.lay_out_in_line(run, additions, &indent);
        }
        self.lay_out_lines_in_line(run, additions, &indent)
    }

    /// Removed lines replaced by the additions' lines.
    fn lay_out_whole_lines(&self, run: &RemovedRun, additions: &[&Addition], indent: &str) -> Edit {
        let text = self.text;
        let mut out = String::new();
        let step = self.step_near(run.tokens.start);
        // Additions anchored on different lines of the run (two statements replaced one
        // after the other) keep the indentation of their own line.
        let mut groups: Vec<(usize, Vec<&Addition>)> = Vec::new();
        for a in additions {
            let anchor_line = line_start(text, a.at.clamp(run.tokens.start, run.tokens.end));
            match groups.last_mut() {
                Some((line, group)) if *line == anchor_line || a.placement == Placement::Inline => {
                    group.push(a)
                }
                _ => groups.push((anchor_line, vec![a])),
            }
        }
        for (anchor_line, group) in groups {
            let group_indent = line_indent(text, anchor_line);
            let group_indent = if group_indent.is_empty() {
                indent
            } else {
                group_indent
            };
            for line in indented(group_indent, &addition_lines(&group), &step) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        if run.extent.end == text.len() && !text.ends_with('\n') {
            out.pop();
        }
        Edit::replace(run.extent.clone(), out)
    }

    /// Code replaced inside a line: the surrounding spacing kept exactly.
    fn lay_out_in_line(&self, run: &RemovedRun, additions: &[&Addition], indent: &str) -> Edit {
        let text = self.text;
        let ls = line_start(text, run.tokens.start);
        // Code replaced inside a line: keep the surrounding spacing exactly.
        let mut marked = MarkedText::default();
        for a in additions {
            marked.join_apart(
                &join_with_indent(&a.code.text, indent),
                &a.code.break_marks,
                a.code.last_token,
            );
        }
        let out = &marked.text;
        let before = &text[ls..run.tokens.start];
        let first_line_rest = &text[run.tokens.start..line_end(text, run.tokens.start)];
        if !is_blank(before)
            && run.tokens.end > line_end(text, run.tokens.start)
            && first_line_rest.trim() == "{"
        {
            // Removed code from the end of one line (`if (a) {`) into the next: the added
            // code goes where the next line's code stood.
            let next = line_end(text, run.tokens.start) + 1;
            let inner = line_indent(text, next).to_string();
            let lead = before.len() - before.trim_end_matches([' ', '\t']).len();
            let out = format!("\n{inner}{}", out.trim_start());
            return Edit::replace(run.tokens.start - lead..run.tokens.end, out);
        }
        let out = if self.unbroken_lines {
            marked.text
        } else {
            wrap_inline(text, &self.tree, run.tokens.clone(), marked)
        };
        Edit::replace(inside_parentheses(text, run.tokens.clone()), out)
    }

    /// Lines of added code where removed code began or ended inside a line.
    fn lay_out_lines_in_line(
        &self,
        run: &RemovedRun,
        additions: &[&Addition],
        indent: &str,
    ) -> Edit {
        let text = self.text;
        let ls = line_start(text, run.tokens.start);
        let step = self.step_near(run.tokens.start);
        let lines = addition_lines(additions);
        let starts_line = is_blank(&text[ls..run.extent.start]);
        let ends_line = is_blank(&text[run.extent.end..line_end(text, run.extent.end)]);
        if !starts_line && ends_line && lines.len() == 1 && !text[run.tokens.clone()].contains('\n')
        {
            // One line of code after kept code on its line (`static` before a replaced
            // declaration, `if (x)` before a replaced call) takes the removed code's place.
            return Edit::replace(run.tokens.clone(), lines[0].text.trim_start().to_string());
        }
        if !starts_line && ends_line {
            // Removed code from the middle of a line (`if (x) {` ...) to the end of a line.
            let replacement = if lines.first().is_some_and(|l| l.text.starts_with('{')) {
                // An added `{` stays on the line the removed code began on.
                let all = indented(indent, &lines, &step);
                let mut out = format!(" {}", all[0].trim_start());
                for line in &all[1..] {
                    out.push('\n');
                    out.push_str(line);
                }
                out
            } else {
                // Lines go where the first removed line stood.
                let inner = text[run.tokens.clone()]
                    .find('\n')
                    .map(|p| line_indent(text, run.tokens.start + p + 1))
                    .filter(|i| !i.is_empty())
                    .unwrap_or(indent)
                    .to_string();
                indented(&inner, &lines, &step)
                    .iter()
                    .map(|l| format!("\n{l}"))
                    .collect()
            };
            return Edit::replace(run.extent.clone(), replacement);
        }
        // The first line continues where the removed code began (after the indentation).
        let body = indented(indent, &lines, &step).join("\n");
        let body = body.strip_prefix(indent).unwrap_or(&body).to_string();
        let rest = &text[run.tokens.end..line_end(text, run.tokens.end)];
        if is_blank(&text[ls..run.tokens.start]) && !is_blank(rest) && is_trivia(rest) {
            // A statement with a trailing comment replaced by lines: the comment stays at the
            // end of the last one (spatch's layout).
            return Edit::replace(run.tokens.clone(), body);
        }
        let replacement = match (starts_line, ends_line) {
            (true, false) => format!("{body}\n{indent}"),
            (false, true) => format!("\n{indent}{body}"),
            _ => body,
        };
        Edit::replace(run.extent.clone(), replacement)
    }

    /// The edit for code added beside kept code.
    /// Where code after `statement` goes when an unbraced body marked inside the statement
    /// ends where the code is added: on the next line (the end of the body's line is given),
    /// after the braces the body may get (code after the body itself goes inside them).
    fn line_after_inner_body(&self, a: &Addition, statement: &Range<usize>) -> Option<usize> {
        let text = self.text;
        let at = a.at.min(text.len());
        let inner_body_ends_here = self
            .unbraced_bodies
            .iter()
            .any(|(b, _)| b.end == at && b.start > statement.start);
        if a.placement != Placement::LinesAfter
            || !inner_body_ends_here
            || !text.is_char_boundary(at)
            || !is_blank(&text[at..line_end(text, at)])
        {
            return None;
        }
        Some(line_end(text, at))
    }

    /// Whole lines of code inserted after the line ending at `line_end`.
    fn lay_out_lines_at(&self, a: &Addition, line_end: usize, indent: &str) -> Edit {
        let text = self.text;
        let mut out = String::new();
        let at_end = line_end >= text.len();
        for l in indented(indent, &a.code.lines(), &self.step_near(a.at)) {
            if at_end {
                out.push('\n');
            }
            out.push_str(&l);
            if !at_end {
                out.push('\n');
            }
        }
        Edit::insert(line_end.min(text.len()) + usize::from(!at_end), out)
    }

    fn lay_out_addition(&self, a: &Addition, indent_override: Option<String>) -> Edit {
        let text = self.text;
        let mut at = a.at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        // Lines of one expression given beside code on the same line can only be in-line
        // (`return x` + `== 0` before `;`).
        let placement = match a.placement {
            Placement::LinesBefore
                if a.code.is_expression() && !is_blank(&text[line_start(text, at)..at]) =>
            {
                return Edit::insert(at, format!("{} ", a.code.text.trim()));
            }
            Placement::LinesAfter
                if a.code.is_expression() && !is_trivia(&text[at..line_end(text, at)]) =>
            {
                let code = a.code.text.trim();
                let sep = if a.code.starts_with_separator()
                    || file_tokens::ends_with_open_bracket(&self.tree, line_start(text, at), at)
                {
                    ""
                } else {
                    " "
                };
                return Edit::insert(at, format!("{sep}{code}"));
            }
            p => p,
        };
        match placement {
            Placement::Inline => {
                let code = join_with_indent(&a.code.text, line_indent(text, at));
                Edit::insert(at, code)
            }
            Placement::LinesBefore => {
                let indent = if text[at..].starts_with('}') {
                    indent_before_close(text, at, self.indent_steps())
                } else {
                    line_indent(text, at).to_string()
                };
                let ls = line_start(text, at);
                let lines = a.code.lines();
                if is_blank(&text[ls..at]) {
                    let mut out = String::new();
                    for line in indented(&indent, &lines, &self.step_near(at)) {
                        out.push_str(&line);
                        out.push('\n');
                    }
                    Edit::insert(ls, out)
                } else if let Some(brace) = text[ls..at].trim_end().strip_suffix('{') {
                    self.beside_open_brace(at, ls + brace.len(), &lines)
                } else {
                    let mut out = String::new();
                    for line in &lines {
                        out.push_str(&line.text);
                        out.push('\n');
                        out.push_str(&indent);
                    }
                    Edit::insert(at, out)
                }
            }
            Placement::LinesAfter
                if text[..at].ends_with('{')
                    && !is_trivia(&text[at..line_end(text, at)])
                    && indent_override.is_none() =>
            {
                let code_at =
                    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len();
                self.beside_open_brace(code_at, at - 1, &a.code.lines())
            }
            Placement::LinesAfter => {
                let indent = if let Some(indent) = indent_override {
                    indent
                } else if text[..at].ends_with('{') {
                    indent_after_open(text, at - 1, self.indent_steps())
                } else {
                    crate::lines::statement_indent(text, &self.tree, at).to_string()
                };
                // Right after the token: a comment that ended its line now ends the added
                // code's last line, as with spatch.
                let mut out = String::new();
                for line in indented(&indent, &a.code.lines(), &self.step_near(at)) {
                    out.push('\n');
                    out.push_str(&line);
                }
                Edit::insert(at, out)
            }
        }
    }

    /// Lines added first in a block whose `{` (at `brace`) has code after it on its line
    /// (`f() { return; }`), before that code (at `at`): the first line goes beside the
    /// brace, the others and the code one step inside it, as spatch lays them out.
    fn beside_open_brace(&self, at: usize, brace: usize, lines: &[AddedLine]) -> Edit {
        let indent = indent_after_open(self.text, brace, self.indent_steps());
        let mut out = String::new();
        if let Some((first, rest)) = lines.split_first() {
            out.push_str(&first.text);
            out.push('\n');
            for line in indented(&indent, rest, &self.step_near(at)) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out.push_str(&indent);
        Edit::insert(at, out)
    }
}

/// The lines that a group of additions make, in order: line additions give their own lines,
/// neighbouring in-line additions are joined into one line.
fn addition_lines(additions: &[&Addition]) -> Vec<AddedLine> {
    let mut lines: Vec<AddedLine> = Vec::new();
    let mut inline_open = false;
    // The last token of the code the last line ends with.
    let mut last_token = None;
    for a in additions {
        match a.placement {
            Placement::Inline => {
                let mut parts = a.code.lines().into_iter();
                if inline_open {
                    if let (Some(first), Some(last)) = (parts.next(), lines.last_mut()) {
                        let mut joined = MarkedText {
                            text: std::mem::take(&mut last.text),
                            marks: std::mem::take(&mut last.break_marks),
                            ends_with_callee: crate::wrap::is_callee_end(last_token),
                        };
                        joined.join_apart(&first.text, &first.break_marks, None);
                        last.text = joined.text;
                        last.break_marks = joined.marks;
                    }
                }
                lines.extend(parts);
                inline_open = true;
            }
            _ => {
                lines.extend(a.code.lines());
                inline_open = false;
            }
        }
        if !a.code.text.trim().is_empty() {
            last_token = a.code.last_token;
        }
    }
    lines
}

/// Whether a stretch of text holds an empty line (two line ends with only blanks between).
fn has_blank_line(gap: &str) -> bool {
    // Lines between the gap's first and last newline (called for every gap the layout
    // looks at: no allocation).
    let mut lines = gap.split('\n').skip(1).peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_some() && line.trim().is_empty() {
            return true;
        }
    }
    false
}

/// In-line code whose line reaches 80 columns is broken as spatch breaks added calls, when the
/// call being broken is the added code's own (the line around it stays as it was).
fn wrap_inline(
    text: &str,
    tree: &c_parser::SyntaxNode,
    replaced: Range<usize>,
    code: MarkedText,
) -> String {
    let ls = line_start(text, replaced.start);
    let le = line_end(text, replaced.end);
    let prefix = &text[ls..replaced.start];
    let suffix = &text[replaced.end..le];
    if code.text.contains('\n')
        || prefix.contains('\n')
        || suffix.contains('\n')
        || !crate::wrap::reaches_limit(&format!("{prefix}{}{suffix}", code.text))
    {
        return code.text;
    }
    let around = crate::wrap::CLine::new(text, tree, ls..le);
    // A trailing comment does not count towards the width (spatch measures the code).
    let suffix = &suffix[..around.code_end(replaced.end) - replaced.end];
    let full = format!("{prefix}{}{suffix}", code.text);
    let mut marks = around.marks_in(ls..replaced.start);
    marks.extend(crate::wrap::shifted(
        &code.marks,
        prefix.len(),
        (!prefix.trim().is_empty()).then_some(around.ends_with_callee(replaced.start)),
    ));
    let suffix_before = match code.text.trim().is_empty() {
        true => (!prefix.trim().is_empty()).then_some(around.ends_with_callee(replaced.start)),
        false => Some(code.ends_with_callee),
    };
    marks.extend(crate::wrap::shifted(
        &around.marks_in(replaced.end..replaced.end + suffix.len()),
        prefix.len() + code.text.len(),
        suffix_before,
    ));
    let wrapped = wrap_long_line(&full, &marks);
    if wrapped.len() < 2 {
        return code.text;
    }
    let joined = wrapped.join("\n");
    match joined
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
    {
        // The break must fall inside the added code.
        Some(middle) if !middle.trim().is_empty() && code.text.contains('(') => middle.to_string(),
        _ => code.text,
    }
}

/// Replaced code right inside parentheses takes the blanks between it and them along, as
/// spatch writes it: `if ( p == NULL )` with the test replaced by `!p` is `if (!p)`.
fn inside_parentheses(text: &str, replaced: Range<usize>) -> Range<usize> {
    let before = &text[..replaced.start];
    // Line breaks too: code replaced at the start of a line right after `(` (the first
    // argument on a line of its own) moves up to the parenthesis, as spatch writes it.
    let left = before.trim_end_matches([' ', '\t', '\n', '\r']);
    let after = &text[replaced.end..];
    let right = after.trim_start_matches([' ', '\t']);
    let start = if left.ends_with('(') {
        left.len()
    } else {
        replaced.start
    };
    let end = if right.starts_with(')') {
        text.len() - right.len()
    } else {
        replaced.end
    };
    start..end
}

/// Added lines at the context's indentation (empty lines get none), long ones broken as
/// spatch breaks them.
fn indented(indent: &str, lines: &[AddedLine], step: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    for AddedLine {
        text: line,
        is_label,
        break_marks,
    } in lines
    {
        if line.is_empty() {
            out.push(String::new());
        } else if line.trim_start().starts_with('#') {
            // Preprocessor lines start in column 0.
            out.push(line.trim_start().to_string());
        } else if *is_label {
            // A label stands one level out from the statements, where the block's brace is
            // (column 0 in a kernel function).
            let outer = indent
                .strip_suffix(step)
                .or_else(|| indent.strip_suffix('\t'))
                .unwrap_or(indent);
            out.push(format!("{outer}{}", line.trim_start()));
        } else {
            // Levels of the added code (tabs from the layout) in the file's own step.
            let content = line.trim_start_matches('\t');
            let levels = line.len() - content.len();
            let line_indent = format!("{indent}{}", step.repeat(levels));
            let marks: Vec<_> = break_marks
                .iter()
                .map(|&(at, m)| (at - levels + line_indent.len(), m))
                .collect();
            out.extend(wrap_long_line(&format!("{line_indent}{content}"), &marks));
        }
    }
    out
}

/// Edits laid out so far, with the statements each adds and, for code after whole
/// statements, the statement it follows.
#[derive(Default)]
struct LaidEdits {
    edits: Vec<Edit>,
    /// The statements of the added code in each edit of `edits`.
    statements: Vec<AddedStatements>,
    /// Insertions that belong after a whole statement, with that statement.
    enclosing: Vec<(Edit, Range<usize>)>,
}

impl LaidEdits {
    fn push(&mut self, edit: Edit, statements: AddedStatements) {
        self.edits.push(edit);
        self.statements.push(statements);
    }
}

/// Appends one line of code after the indentation (an empty line gets none).
pub(crate) fn push_line(out: &mut String, indent: &str, line: &str) {
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(line);
    }
}

/// In-line code is written as it comes: it is mostly code bound to metavariables, copied from
/// the file with its own line breaks (and possibly directives and comments between them).
fn join_with_indent(code: &str, _indent: &str) -> String {
    code.to_string()
}

#[cfg(test)]
mod tests;
