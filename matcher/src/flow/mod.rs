//! Control flow: `...` and nests among statements are matched along the paths of the
//! function's control-flow graph (cfg-builder), with Coccinelle's semantics (Brunel et al.,
//! POPL 2009; the manual's sections on dots, `when` and `exists`/`forall`):
//!
//! - `A ... B`: from the node after `A`, the paths through the graph up to the first node
//!   where `B` matches (shortest path: a path may not pass through `A` or `B` again unless
//!   `when any`). A transformation rule needs this on *every* path (`forall`, the default);
//!   an `exists` rule, a context (`*`) rule and `when exists` dots on *some* path.
//! - Paths that leave through an error branch (the true branch of an `if` that ends in a
//!   `return`, `goto`, `break` or `continue`) and paths into the error exit (after `BUG()`)
//!   need not reach `B`, unless `when strict`.
//! - A path that goes round a loop without reaching `B` is not a failure (the until is weak
//!   on infinite paths, as in spatch).
//! - Metavariables first bound after the dots may take different values on different
//!   paths: the paths are grouped by their bindings, one match per group, and each group's
//!   path tails are the match's nested environments (transformed like nest occurrences).
//!
//! The graph of a function is built on first use, only for functions where a rule's
//! pattern reached a `...` (the code before the dots matched).

mod dots_spec;
mod node_code;
mod paths;

pub use dots_spec::DotsSpec;

use c_parser::{MacroTable, SyntaxKind, SyntaxNode};
use cfg_builder::Cfg;
use smpl_parser::Quantifier;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Nodes a single `...` may visit before the match is given up (and reported).
const NODE_BUDGET: usize = 200_000;

/// Per rule and file: the graphs built so far and the rule's default path quantifier.
pub struct FlowCtx {
    macros: Arc<MacroTable>,
    cfgs: RefCell<HashMap<SyntaxNode, Rc<Cfg>>>,
    /// `forall` unless the rule says `exists` or is a context (`*`) rule.
    pub quantifier: Quantifier,
    /// Functions where a `...` ran out of its node budget: (function start offset, name).
    pub over_budget: RefCell<Vec<(usize, String)>>,
    /// Graphs built (for statistics and tests: only functions the pattern reached).
    pub built: Cell<usize>,
}

impl FlowCtx {
    pub fn new(macros: Arc<MacroTable>, quantifier: Quantifier) -> Self {
        FlowCtx {
            macros,
            cfgs: RefCell::new(HashMap::new()),
            quantifier,
            over_budget: RefCell::new(Vec::new()),
            built: Cell::new(0),
        }
    }

    /// The graph of the function that contains `node`; None outside function bodies.
    pub fn cfg_of(&self, node: &SyntaxNode) -> Option<Rc<Cfg>> {
        let func = node
            .ancestors()
            .find(|a| a.kind() == SyntaxKind::FUNCTION_DEF)?;
        if let Some(cfg) = self.cfgs.borrow().get(&func) {
            return Some(cfg.clone());
        }
        let cfg = Rc::new(cfg_builder::build_cfg_for_node(&func, &self.macros)?);
        self.built.set(self.built.get() + 1);
        self.cfgs.borrow_mut().insert(func, cfg.clone());
        Some(cfg)
    }
}
