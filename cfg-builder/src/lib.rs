//! Per-function control-flow graphs over c-parser's lossless tree.
//!
//! [`build_cfg`] turns one function definition into a [`Cfg`]: a petgraph `StableDiGraph` of
//! [`CfgNode`]s joined by [`EdgeKind`]-labelled edges. The node model follows Coccinelle's
//! (Brunel et al., POPL 2009): one node per simple statement and per header of a compound
//! statement, plus structural nodes (`{`, `}`, `[then]`, `[endif]`, `[after]`, ...) so that a
//! pattern's braces and branch structure have something to match along every path. See the
//! "cfg-builder" section of docs/design.md for the model and how the matcher uses it.
//!
//! Rowan nodes are neither `Send` nor `Sync`, so a `Cfg` lives on the thread that parsed the
//! file; build it right after parsing, per file.

mod build;
mod items;
mod render;

use std::collections::HashMap;

use c_parser::ast::{self, AstNode};
use c_parser::{MacroTable, SyntaxNode, TextRange};
pub use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

/// What a CFG node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// The function header (`static int foo(int x)`); the graph's single entry.
    Entry,
    /// Normal exit: every `return` and the fall-off at the body's `}` lead here.
    Exit,
    /// Where no-return calls (`LBUG()`, `BUG()`, `panic(...)`), gotos to unknown labels and
    /// `break`/`continue` outside any loop lead. No edge leaves it.
    ErrorExit,

    /// `{` of a compound statement (the function body included).
    BlockOpen,
    /// `}` of a compound statement. Jumps out of a block pass through a *copy* of its `}`
    /// ([`CfgNode::is_copy`]), as in Coccinelle, so every path leaving a block sees its brace.
    BlockClose,

    /// A declaration (or `_Static_assert`) among the statements.
    Declaration,
    /// An expression statement; a GNU statement expression inside it is part of this node.
    ExprStmt,
    /// `;`
    EmptyStmt,
    /// `return [e];` or a return macro (`RETURN(rc)`, `RETURN_EXIT`).
    Return,
    /// `goto label;` or a goto macro (`GOTO(out, rc)`).
    Goto,
    Break,
    Continue,
    /// A statement-like macro call (`ENTRY`, `LASSERT(x)`, `CDEBUG(...)` without `;`, ...);
    /// also a no-return macro (`LBUG()`), whose only successor is the error exit.
    MacroStmt,
    /// `asm(...)` statement.
    Asm,
    /// Code the parser could not read (`ERROR` node), a nested function, or a SmPL form: an
    /// opaque simple statement.
    Opaque,

    /// `if (cond)`: true edge to `[then]`, false edge to `else` or `[fallthrough]`.
    IfHeader,
    /// The `else` keyword, at the head of the else branch.
    Else,
    /// `while (cond)`
    WhileHeader,
    /// `do`
    DoHeader,
    /// `while (cond);` at the end of a do loop.
    DoWhileTail,
    /// `for (init; cond; step)`
    ForHeader,
    /// `switch (e)`
    SwitchHeader,
    /// `list_for_each_entry(pos, head, member)`: a loop header.
    IteratorHeader,
    /// `case e:` or `case lo ... hi:`
    Case,
    /// `default:`
    Default,
    /// `label:`
    Label,

    /// `#if`/`#ifdef`/`#ifndef` heading a group of statements inside a block.
    IfdefHeader,
    /// `#elif`/`#else` heading a later branch of such a group.
    IfdefElse,
    /// `#endif` where the branches of such a group meet.
    IfdefEndif,

    /// `[then]`: first node of an if's true branch.
    Then,
    /// `[fallthrough]`: the false branch of an if without else.
    FallThrough,
    /// `[endif]`: where an if's branches meet.
    EndIf,
    /// `[inloop]`: first node of a loop body (true edge of the header).
    InLoop,
    /// `[loopfall]`: the loop condition is false (false edge of the header).
    LoopFallThrough,
    /// `[endloop]`: after a loop; `break` leads here.
    EndLoop,
    /// `[switchfall]`: a switch without `default:` matched no case.
    SwitchFallThrough,
    /// `[endswitch]`: after a switch; `break` leads here.
    EndSwitch,
    /// `[after]`: reached from a header only through [`EdgeKind::After`] edges; leads to the
    /// statement's end node even when every branch jumps away.
    After,
}

impl NodeKind {
    /// Structural nodes that stand for no code of their own.
    pub fn is_structural(self) -> bool {
        matches!(
            self,
            NodeKind::Then
                | NodeKind::FallThrough
                | NodeKind::EndIf
                | NodeKind::InLoop
                | NodeKind::LoopFallThrough
                | NodeKind::EndLoop
                | NodeKind::SwitchFallThrough
                | NodeKind::EndSwitch
                | NodeKind::After
        )
    }

    /// A short name for dumps: `if`, `{`, `[endif]`, ...
    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Entry => "entry",
            NodeKind::Exit => "[exit]",
            NodeKind::ErrorExit => "[errorexit]",
            NodeKind::BlockOpen => "{",
            NodeKind::BlockClose => "}",
            NodeKind::Declaration => "decl",
            NodeKind::ExprStmt => "stmt",
            NodeKind::EmptyStmt => "empty",
            NodeKind::Return => "return",
            NodeKind::Goto => "goto",
            NodeKind::Break => "break",
            NodeKind::Continue => "continue",
            NodeKind::MacroStmt => "macro",
            NodeKind::Asm => "asm",
            NodeKind::Opaque => "opaque",
            NodeKind::IfHeader => "if",
            NodeKind::Else => "else",
            NodeKind::WhileHeader => "while",
            NodeKind::DoHeader => "do",
            NodeKind::DoWhileTail => "dowhile",
            NodeKind::ForHeader => "for",
            NodeKind::SwitchHeader => "switch",
            NodeKind::IteratorHeader => "iterator",
            NodeKind::Case => "case",
            NodeKind::Default => "default",
            NodeKind::Label => "label",
            NodeKind::IfdefHeader => "#if",
            NodeKind::IfdefElse => "#else",
            NodeKind::IfdefEndif => "#endif",
            NodeKind::Then => "[then]",
            NodeKind::FallThrough => "[fallthrough]",
            NodeKind::EndIf => "[endif]",
            NodeKind::InLoop => "[inloop]",
            NodeKind::LoopFallThrough => "[loopfall]",
            NodeKind::EndLoop => "[endloop]",
            NodeKind::SwitchFallThrough => "[switchfall]",
            NodeKind::EndSwitch => "[endswitch]",
            NodeKind::After => "[after]",
        }
    }
}

/// How control passes along an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// Sequential flow.
    Normal,
    /// A condition holds: header to `[then]` / `[inloop]`, do-while tail back to `do`.
    True,
    /// A condition fails: header to `else` / `[fallthrough]` / `[loopfall]`.
    False,
    /// Back to a loop header: end of the body, `continue`.
    Back,
    /// From a switch header to one of its `case`/`default` labels (or `[switchfall]`).
    CaseEntry,
    /// Falling from the code of one case into the next `case`/`default` label.
    FallThrough,
    /// The last edge of a `goto` (or goto macro) into its label.
    Goto,
    /// Structure, not execution: header -> `[after]` -> end node, `{` -> `[after]` -> `}`, and
    /// `#if` -> `#endif` of a group with an `#else`. Path walks for `...` ignore these edges.
    After,
}

impl EdgeKind {
    /// True for edges that execution can take (all but [`EdgeKind::After`]).
    pub fn is_flow(self) -> bool {
        self != EdgeKind::After
    }
}

/// One node of a function's CFG.
#[derive(Clone, Debug)]
pub struct CfgNode {
    pub kind: NodeKind,
    /// The statement (or function) this node belongs to: the statement itself for simple
    /// statements and labels, the whole `if`/loop/switch for its header, `else`, and the
    /// structural nodes, the `COMPOUND_STMT` for `{`/`}`, the `FUNCTION_DEF` for entry and exits.
    /// None only for `#if` nodes, which stand for trivia.
    pub syntax: Option<SyntaxNode>,
    /// The text this node stands for: the whole simple statement, a header up to its `)`, the
    /// brace, `else` or directive token. None for structural nodes and the exits.
    pub range: Option<TextRange>,
    /// A `}` copy on a jump path (return, goto, break, continue) rather than the block's own.
    pub is_copy: bool,
    /// No path from the entry reaches this node (code after a return, a label nobody jumps
    /// to, the error exit of a function without no-return calls).
    pub unreachable: bool,
}

/// The control-flow graph of one function.
#[derive(Clone, Debug)]
pub struct Cfg {
    graph: StableDiGraph<CfgNode, EdgeKind>,
    entry: NodeIndex,
    exit: NodeIndex,
    error_exit: NodeIndex,
    function: SyntaxNode,
    by_syntax: HashMap<SyntaxNode, Vec<NodeIndex>>,
}

/// Builds the CFG of a function definition. Never panics; parse errors inside the body become
/// [`NodeKind::Opaque`] nodes and the rest of the body is built as usual.
pub fn build_cfg(func: &ast::FunctionDef, macros: &MacroTable) -> Cfg {
    build::build(func.syntax(), macros)
}

/// [`build_cfg`] for a `FUNCTION_DEF` syntax node; None for any other node.
pub fn build_cfg_for_node(node: &SyntaxNode, macros: &MacroTable) -> Option<Cfg> {
    ast::FunctionDef::cast(node.clone()).map(|f| build_cfg(&f, macros))
}

/// The CFGs of every function definition under `root` (nested ones included), in text order.
pub fn build_all(root: &SyntaxNode, macros: &MacroTable) -> Vec<Cfg> {
    root.descendants()
        .filter_map(ast::FunctionDef::cast)
        .map(|f| build_cfg(&f, macros))
        .collect()
}

impl Cfg {
    pub fn graph(&self) -> &StableDiGraph<CfgNode, EdgeKind> {
        &self.graph
    }

    /// The `FUNCTION_DEF` node.
    pub fn function(&self) -> &SyntaxNode {
        &self.function
    }

    /// The function's name, when its declarator has one.
    pub fn name(&self) -> Option<String> {
        ast::FunctionDef::cast(self.function.clone())
            .and_then(|f| f.name())
            .map(|t| t.text().to_string())
    }

    pub fn entry(&self) -> NodeIndex {
        self.entry
    }

    pub fn exit(&self) -> NodeIndex {
        self.exit
    }

    pub fn error_exit(&self) -> NodeIndex {
        self.error_exit
    }

    /// The node at `index`. Panics on an index from another graph (a caller bug).
    pub fn node(&self, index: NodeIndex) -> &CfgNode {
        &self.graph[index]
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every node, in creation order (which follows the text).
    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices()
    }

    /// Successors with the kind of the edge to each, in the order the edges were added.
    pub fn successors(&self, node: NodeIndex) -> Vec<(NodeIndex, EdgeKind)> {
        self.neighbours(node, Direction::Outgoing)
    }

    /// Predecessors with the kind of the edge from each, in the order the edges were added.
    pub fn predecessors(&self, node: NodeIndex) -> Vec<(NodeIndex, EdgeKind)> {
        self.neighbours(node, Direction::Incoming)
    }

    /// Successors along edges execution can take (no [`EdgeKind::After`] edges).
    pub fn flow_successors(&self, node: NodeIndex) -> Vec<NodeIndex> {
        self.successors(node)
            .into_iter()
            .filter(|(_, kind)| kind.is_flow())
            .map(|(n, _)| n)
            .collect()
    }

    /// Predecessors along edges execution can take.
    pub fn flow_predecessors(&self, node: NodeIndex) -> Vec<NodeIndex> {
        self.predecessors(node)
            .into_iter()
            .filter(|(_, kind)| kind.is_flow())
            .map(|(n, _)| n)
            .collect()
    }

    fn neighbours(&self, node: NodeIndex, dir: Direction) -> Vec<(NodeIndex, EdgeKind)> {
        if !self.graph.contains_node(node) {
            return Vec::new();
        }
        let mut out: Vec<(EdgeIndex, NodeIndex, EdgeKind)> = self
            .graph
            .edges_directed(node, dir)
            .map(|e| {
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                (e.id(), other, *e.weight())
            })
            .collect();
        // petgraph lists edges newest first; creation order reads better and is stable.
        out.sort_by_key(|(id, _, _)| *id);
        out.into_iter().map(|(_, n, k)| (n, k)).collect()
    }

    /// The main node of a statement (its own node, or its header for compound statements; the
    /// `{` for a block; the entry for the function), not a `}` copy. None for nodes that have
    /// no CFG node (expressions, statements inside a GNU statement expression).
    pub fn node_for(&self, syntax: &SyntaxNode) -> Option<NodeIndex> {
        self.nodes_for(syntax).first().copied()
    }

    /// Every node that belongs to a statement, main node first: headers, `else`, structural
    /// nodes, `{`, `}` and its copies.
    pub fn nodes_for(&self, syntax: &SyntaxNode) -> &[NodeIndex] {
        self.by_syntax.get(syntax).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The node of a given kind belonging to a statement (`BlockClose` of a block: its own `}`,
    /// not a copy; `EndIf` of an if; ...).
    pub fn node_of_kind(&self, syntax: &SyntaxNode, kind: NodeKind) -> Option<NodeIndex> {
        self.nodes_for(syntax)
            .iter()
            .copied()
            .find(|&n| self.graph[n].kind == kind && !self.graph[n].is_copy)
    }

    /// A readable dump, one node per line with its successors; used by snapshot tests.
    pub fn dump(&self) -> String {
        render::dump(self)
    }

    /// Graphviz source for debugging (`dot -Tsvg`).
    pub fn to_dot(&self) -> String {
        render::to_dot(self)
    }
}
