//! What the parser knows about macros it cannot expand: the built-in kernel/Lustre set and
//! `--macro-file` files of `#define`s (in the spirit of Coccinelle's standard.h).
//!
//! The parser asks `MacroTable::lookup(name)` at the points where a heuristic needs a hint;
//! the control-flow graph builder asks it what a macro call does to control flow.

use std::collections::HashMap;

/// How a macro behaves syntactically, when it is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MacroShape {
    /// `list_for_each_entry(pos, head, member) stmt`: a loop header taking a body statement.
    Iterator,
    /// `DEFINE_MUTEX(x);`, `EXPORT_SYMBOL(f);`, `INTERVAL_TREE_DEFINE(...)` (semicolon optional):
    /// declares something at top level or among declarations.
    Declarer,
    /// `__user`, `__rcu`, `__init`, `__must_hold(x)`: an annotation inside declarations.
    Attribute { takes_args: bool },
    /// `DFID`, `LPU64`: expands to a string literal, so it concatenates with literals.
    StringLiteral,
    /// `ENTRY`, `EXIT`, `LBUG()`: a statement on its own (the semicolon may be absent).
    Statement,
    /// `container_of(p, struct foo, m)`, `min_t(type, a, b)`: an expression whose arguments at
    /// these (0-based) positions are type names.
    TypeArguments(Vec<usize>),
    /// Defined in a macro file with a body the parser may use as a hint.
    Defined,
}

/// What a macro call does to control flow (used by the CFG builder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MacroFlow {
    /// Falls through like a call.
    Normal,
    /// `RETURN(x)`: returns, with the argument at this position as the value.
    Return { value_arg: Option<usize> },
    /// `GOTO(label, rc)`: jumps to the label at `label_arg`, evaluating `value_arg` first.
    Goto { label_arg: usize, value_arg: Option<usize> },
    /// `LBUG()`, `BUG()`: never returns.
    NoReturn,
}

/// Everything known about one macro name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MacroInfo {
    pub shape: MacroShape,
    pub flow: MacroFlow,
    /// Parameter names and body text, when the macro came from a `#define`.
    pub params: Option<Vec<String>>,
    pub body: Option<String>,
}

/// An error in a macro file, located by line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MacroFileError {
    pub line: usize,
    pub message: String,
}

/// Macro knowledge: the built-in set plus any macro files, later definitions winning.
#[derive(Clone, Debug, Default)]
pub struct MacroTable {
    macros: HashMap<String, MacroInfo>,
}

impl MacroTable {
    /// An empty table (no heuristic hints at all).
    pub fn empty() -> Self {
        Self::default()
    }

    /// The built-in set of common kernel and Lustre macros.
    pub fn builtin() -> Self {
        // Filled in by the macro-knowledge work (see docs/design.md).
        Self::default()
    }

    /// Adds the `#define`s of a macro file's text; returns the lines it could not read.
    pub fn add_macro_file(&mut self, _text: &str) -> Result<(), Vec<MacroFileError>> {
        Ok(())
    }

    pub fn insert(&mut self, name: impl Into<String>, info: MacroInfo) {
        self.macros.insert(name.into(), info);
    }

    pub fn lookup(&self, name: &str) -> Option<&MacroInfo> {
        self.macros.get(name)
    }
}
