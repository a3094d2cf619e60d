//! What the parser knows about macros it cannot expand: the built-in kernel/Lustre set and
//! `--macro-file` files of `#define`s (in the spirit of Coccinelle's standard.h).
//!
//! The parser asks `MacroTable::lookup(name)` at the points where a heuristic needs a hint;
//! the control-flow graph builder asks it what a macro call does to control flow.

pub(crate) mod builtin;
mod define_file;
mod infer;

use crate::fxhash::FxHashMap;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

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
    Goto {
        label_arg: usize,
        value_arg: Option<usize>,
    },
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
    /// The built-in names are borrowed from the program's own lists: building the table
    /// allocates no name, and cloning it copies none.
    macros: FxHashMap<Cow<'static, str>, MacroInfo>,
}

impl MacroTable {
    /// An empty table (no heuristic hints at all).
    pub fn empty() -> Self {
        Self::default()
    }

    /// The built-in set of common kernel and Lustre macros: iterators (`list_for_each_entry`,
    /// `cfs_percpt_for_each`, `lod_foreach_mdt`, `with_imp_locked`, ...), declarers
    /// (`EXPORT_SYMBOL`, `module_param`, `DEFINE_MUTEX`, `LUSTRE_RW_ATTR`, ...), attributes
    /// (`__user`, `__init`, `__must_hold(x)`, `__printf(a, b)`, ...), string literals (`DFID`,
    /// `DOSTID`, `KERN_ERR`, `PRIu64`, ...), statements (`ENTRY`, `EXIT`, `LASSERT`, `CDEBUG`,
    /// `OBD_ALLOC`, `OBD_FREE_PTR`, `CFS_FAIL_TIMEOUT`, ...), type arguments (`container_of`,
    /// `list_entry`, `min_t`, `offsetof`, ...) and control flow (`RETURN(x)`, `RETURN_EXIT`,
    /// `GOTO(label, rc)`, `LBUG()`, `BUG()`, `panic(...)`).
    ///
    /// A `Statement` shape is a hint for the start of a statement (the semicolon may be missing,
    /// the arguments may not be expressions); where an expression is expected, such a macro is
    /// still an ordinary call. Names with a flow but no special syntax (`panic`, `abort`) have
    /// the `Defined` shape.
    pub fn builtin() -> Self {
        builtin::builtin_table()
    }

    /// The built-in set, built once per process and shared: the SmPL parser, the default
    /// [`crate::ParseOptions`] and every run without macro files use this one table (a run
    /// that adds definitions clones it first, `Arc::make_mut`). It is never freed.
    pub fn shared_builtin() -> Arc<MacroTable> {
        static BUILTIN: OnceLock<Arc<MacroTable>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Arc::new(MacroTable::builtin()))
            .clone()
    }

    /// Adds the `#define`s of a macro file's text, later definitions winning over earlier ones
    /// and over the built-in set; `#undef NAME` removes what is known about NAME.
    ///
    /// Each definition's [`MacroShape`] and [`MacroFlow`] are worked out from its body, in the
    /// spirit of Coccinelle's standard.h, where a macro file states what a macro looks like
    /// rather than what it expands to:
    ///
    /// | body                                              | shape, flow                        |
    /// |---------------------------------------------------|------------------------------------|
    /// | empty: `#define __foo_attr`, `#define __lock(x)`   | `Attribute` (with args if `(...)`) |
    /// | `__attribute__((...))`, known attributes only     | `Attribute`                        |
    /// | a loop header: `for (...)`, `while (...)`          | `Iterator`                         |
    /// | string literals, `#param`, known string macros    | `StringLiteral`                    |
    /// | `return`, `return x` (not under a condition)      | `Statement`, `Return` (arg of `x`) |
    /// | `goto l` with `l` a parameter                     | `Statement`, `Goto` (other param is the value) |
    /// | an unconditional call of a no-return macro or `BUG()`, `panic()`, `abort()`, `exit()` | `Statement`, `NoReturn` |
    /// | `do { ... } while (0)`, `{ ... }`, `if ...`, ending in `;` | `Statement`              |
    /// | function-like, starting `static`, `struct`, `int`...| `Declarer`                        |
    /// | parameters in type positions: `(T *)p`, `(T)v`, `T x = ...`, known type-argument macros | `TypeArguments` |
    /// | `OTHER(args)` or `OTHER` with OTHER known          | OTHER's shape and flow, arguments renumbered |
    /// | anything else                                     | `Defined`                          |
    ///
    /// A body that is just one of standard.h's markers states the shape outright:
    /// `YACFE_ITERATOR`/`YACFE_MACROITERATOR` (iterator), `YACFE_DECLARATOR` (declarer),
    /// `YACFE_ATTRIBUTE`/`YACFE_END_ATTRIBUTE` (attribute), `YACFE_STRING` (string literal),
    /// `YACFE_STATEMENT`/`MACROSTATEMENT` (statement), `YACFE_IDENT_BUILDER` (defined). rcocci
    /// adds `RCOCCI_TYPE_ARGS(p, ...)`: the named parameters are type names.
    ///
    /// Lines are joined at a trailing backslash, comments are removed, conditionals (`#if`,
    /// `#ifdef`, ...) and `#include`/`#pragma` are ignored (every `#define` counts), and so
    /// are lines of C code, as spatch does. A malformed directive is an error; errors come back
    /// with their 1-based line, and the file's good definitions are added all the same.
    pub fn add_macro_file(&mut self, text: &str) -> Result<(), Vec<MacroFileError>> {
        self.add_macro_file_counting_code(text).map(|_| ())
    }

    /// [`MacroTable::add_macro_file`], returning how many lines were C code rather than
    /// directives: spatch reads a macro file as C and accepts them; they define nothing here.
    pub fn add_macro_file_counting_code(
        &mut self,
        text: &str,
    ) -> Result<usize, Vec<MacroFileError>> {
        let (directives, errors, code_lines) = define_file::read_directives_and_code(text);
        // The definitions from this file that are still in force, so that a macro defined in
        // terms of one further down the file can be worked out once that one is known.
        let mut current: Vec<define_file::Definition> = Vec::new();
        for directive in directives {
            match directive {
                define_file::Directive::Define(def) => {
                    let (shape, flow) = infer::infer(&def, self);
                    current.retain(|d| d.name != def.name);
                    self.insert(def.name.clone(), info_for(&def, shape, flow));
                    current.push(def);
                }
                define_file::Directive::Undef { name } => {
                    current.retain(|d| d.name != name);
                    self.remove(&name);
                }
            }
        }
        // Each round can settle one more link of a chain of aliases; stop when nothing moves.
        for _ in 0..8 {
            let mut changed = false;
            for def in &current {
                let (shape, flow) = infer::infer(def, self);
                let known = self.lookup(&def.name);
                if known.map(|k| (&k.shape, &k.flow)) != Some((&shape, &flow)) {
                    self.insert(def.name.clone(), info_for(def, shape, flow));
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        if errors.is_empty() {
            Ok(code_lines.len())
        } else {
            Err(errors)
        }
    }

    pub fn insert(&mut self, name: impl Into<String>, info: MacroInfo) {
        self.macros.insert(Cow::Owned(name.into()), info);
    }

    /// A table with room for `capacity` names before it grows.
    fn with_capacity(capacity: usize) -> Self {
        MacroTable {
            macros: FxHashMap::with_capacity_and_hasher(capacity, Default::default()),
        }
    }

    /// [`MacroTable::insert`] of a name the program holds for its whole run.
    fn insert_static(&mut self, name: &'static str, info: MacroInfo) {
        self.macros.insert(Cow::Borrowed(name), info);
    }

    pub fn lookup(&self, name: &str) -> Option<&MacroInfo> {
        self.macros.get(name)
    }

    /// Forgets a macro (what `#undef` does in a macro file).
    pub fn remove(&mut self, name: &str) -> Option<MacroInfo> {
        self.macros.remove(name)
    }

    /// Number of known macros.
    pub fn len(&self) -> usize {
        self.macros.len()
    }

    pub fn is_empty(&self) -> bool {
        self.macros.is_empty()
    }

    /// Every known macro, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &MacroInfo)> {
        self.macros.iter().map(|(name, info)| (name.as_ref(), info))
    }
}

/// `#define NAME body` with no parameter list: NAME and the body, trimmed.
pub(crate) fn object_define(directive: &str) -> Option<(&str, &str)> {
    let rest = directive.strip_prefix('#')?.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix("define")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .unwrap_or(rest.len());
    let (name, body) = rest.split_at(end);
    if name.is_empty() || body.starts_with('(') {
        return None;
    }
    Some((name, body.trim()))
}

/// C's own type specifiers, which a type spelling may combine (`unsigned long`).
const TYPE_KEYWORDS: &[&str] = &[
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool",
];

/// `#define INT16 int`, `#define PTR unsigned char *`, `#define node_t struct node`: a macro
/// that spells a type is a name of that type wherever it is used, as a typedef would be.
/// Gives the name and the type's spelling. A body word that is neither a keyword nor a
/// `struct`/`union`/`enum` tag counts only when `is_type_name` says it names a type; a body
/// of qualifiers alone (`#define __const const`) spells no type.
pub fn type_define(directive: &str, is_type_name: impl Fn(&str) -> bool) -> Option<(&str, &str)> {
    let (name, body) = object_define(directive)?;
    let body = body
        .split("//")
        .next()
        .and_then(|b| b.split("/*").next())
        .unwrap_or(body)
        .trim();
    if !body.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        || !body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '*' || c.is_whitespace())
    {
        return None;
    }
    let mut words = body
        .split(|c: char| c == '*' || c.is_whitespace())
        .filter(|w| !w.is_empty());
    let mut spells_type = false;
    while let Some(word) = words.next() {
        match word {
            "const" | "volatile" => {}
            "struct" | "union" | "enum" => {
                words.next()?;
                spells_type = true;
            }
            w if TYPE_KEYWORDS.contains(&w) || w != name && is_type_name(w) => spells_type = true,
            _ => return None,
        }
    }
    spells_type.then_some((name, body))
}

fn info_for(def: &define_file::Definition, shape: MacroShape, flow: MacroFlow) -> MacroInfo {
    MacroInfo {
        shape,
        flow,
        params: def.params.clone(),
        body: Some(def.body.clone()),
    }
}

#[cfg(test)]
mod tests;
