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
mod nests;
mod node_code;
mod paths;

pub use dots_spec::{unwrap_expression_statement, DotsSpec};

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
    /// The C loop or switch each pattern loop or switch is being matched against, innermost
    /// last: a pattern `break;`/`continue;` leaves the C statement its own loop matched.
    loops: RefCell<Vec<(SyntaxNode, SyntaxNode)>>,
    /// The statements of the blocks path searches went through.
    pub(crate) blocks: node_code::BlockStatements,
}

impl FlowCtx {
    pub fn new(macros: Arc<MacroTable>, quantifier: Quantifier) -> Self {
        FlowCtx {
            macros,
            cfgs: RefCell::new(HashMap::new()),
            quantifier,
            over_budget: RefCell::new(Vec::new()),
            built: Cell::new(0),
            loops: RefCell::new(Vec::new()),
            blocks: node_code::BlockStatements::default(),
        }
    }

    /// Runs `f` while pattern statement `p` is matched against C statement `c`, if `p` is a
    /// loop or switch (the targets of the `break;`/`continue;` inside it).
    pub fn within_loop(&self, p: &SyntaxNode, c: &SyntaxNode, f: impl FnOnce() -> bool) -> bool {
        if is_jump_target(p.kind(), SyntaxKind::BREAK_STMT) {
            self.loops.borrow_mut().push((p.clone(), c.clone()));
            let found = f();
            self.loops.borrow_mut().pop();
            found
        } else {
            f()
        }
    }

    /// Whether C `break;`/`continue;` `c` leaves the statement that the pattern loop around
    /// pattern jump `p` matched (spatch's loop labels). True when `p` has no loop around it
    /// in the pattern.
    pub fn same_jump_target(&self, p: &SyntaxNode, c: &SyntaxNode) -> bool {
        let kind = p.kind();
        let Some(p_loop) = p.ancestors().find(|a| is_jump_target(a.kind(), kind)) else {
            return true;
        };
        let loops = self.loops.borrow();
        let Some((_, c_loop)) = loops.iter().rev().find(|(pl, _)| *pl == p_loop) else {
            return true;
        };
        c.ancestors()
            .find(|a| is_jump_target(a.kind(), kind))
            .as_ref()
            == Some(c_loop)
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

/// Whether a statement of this kind is where a jump of kind `jump` goes: loops for both,
/// a switch for `break;`.
pub(crate) fn is_jump_target(kind: SyntaxKind, jump: SyntaxKind) -> bool {
    match kind {
        SyntaxKind::WHILE_STMT
        | SyntaxKind::DO_STMT
        | SyntaxKind::FOR_STMT
        | SyntaxKind::ITERATOR_STMT => true,
        SyntaxKind::SWITCH_STMT => jump == SyntaxKind::BREAK_STMT,
        _ => false,
    }
}
