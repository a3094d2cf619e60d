//! From a match's removed tokens and added code to byte-range edits with Coccinelle's layout:
//! removed code takes its line along when the line empties, added lines take the indentation of
//! their context, an unbraced body that grows to several statements gets braces.
//!
//! Here the collection of what matches do, and the order in which it is laid out; the layout
//! itself is in the submodules.

mod body_braces;
mod indentation;
mod inline_wrap;
mod insertion;
mod removed_runs;
mod replacement;

pub(crate) use indentation::push_line;
pub(crate) use removed_runs::RemovedRun;

use crate::added::AddedCode;
use crate::braces::AddedStatements;
use crate::edit::{Edit, EditConflict};
use crate::steps::IndentSteps;
use crate::tidy::{drop_dangling_commas, tidy_blank_lines};
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

    /// Applies the laid-out edits.
    pub fn apply(self) -> Result<String, EditConflict> {
        let text = self.text;
        let edits = self.into_edits()?;
        crate::edit::apply_edits(text, &edits)
    }
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

#[cfg(test)]
mod tests;
