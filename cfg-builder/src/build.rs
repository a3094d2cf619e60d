//! Building the graph: one walk over the function body's statements.
//!
//! The walk threads a *frontier* through the statements: the nodes (with the kind of edge to
//! use) that flow into whatever comes next. A jump (`return`, `goto`, `break`, `continue`, a
//! no-return call) leaves an empty frontier, so the code after it gets no predecessor and is
//! marked unreachable at the end.

use std::collections::{HashMap, HashSet};

use c_parser::ast::{is_stmt, AstNode, CallExpr, MacroStmt, NameRef};
use c_parser::SyntaxKind::{self, *};
use c_parser::{MacroFlow, MacroTable, SyntaxElement, SyntaxNode, SyntaxToken, TextRange};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{Bfs, Walker};

use crate::items::{block_items, IfdefGroup, Item};
use crate::{Cfg, CfgNode, EdgeKind, NodeKind};

type Frontier = Vec<(NodeIndex, EdgeKind)>;

/// An enclosing block, so a jump out of it can pass through a copy of its `}`.
#[derive(Clone)]
struct Brace {
    block: SyntaxNode,
    close: Option<TextRange>,
}

/// Where `break` and `continue` go from inside a loop or switch.
struct JumpTarget {
    break_to: NodeIndex,
    /// None for a switch: `continue` goes to the enclosing loop.
    continue_to: Option<(NodeIndex, EdgeKind)>,
    /// Number of enclosing blocks at the loop or switch statement itself.
    depth: usize,
}

struct SwitchFrame {
    header: NodeIndex,
    has_default: bool,
}

struct PendingGoto {
    from: NodeIndex,
    label: String,
    braces: Vec<Brace>,
}

struct Builder<'a> {
    graph: StableDiGraph<CfgNode, EdgeKind>,
    macros: &'a MacroTable,
    exit: NodeIndex,
    error_exit: NodeIndex,
    by_syntax: HashMap<SyntaxNode, Vec<NodeIndex>>,
    braces: Vec<Brace>,
    targets: Vec<JumpTarget>,
    switches: Vec<SwitchFrame>,
    /// Labels seen so far: node and the blocks enclosing it.
    labels: HashMap<String, (NodeIndex, Vec<Brace>)>,
    pending_gotos: Vec<PendingGoto>,
}

pub(crate) fn build(function: &SyntaxNode, macros: &MacroTable) -> Cfg {
    let mut graph = StableDiGraph::new();
    let placeholder = |kind| CfgNode {
        kind,
        syntax: Some(function.clone()),
        range: None,
        is_copy: false,
        unreachable: false,
    };
    let body = function.children().find(|n| n.kind() == COMPOUND_STMT);
    let head_end = body
        .as_ref()
        .map(|b| b.text_range().start())
        .unwrap_or_else(|| function.text_range().end());
    let entry = graph.add_node(CfgNode {
        range: Some(TextRange::new(function.text_range().start(), head_end)),
        ..placeholder(NodeKind::Entry)
    });
    let exit = graph.add_node(placeholder(NodeKind::Exit));
    let error_exit = graph.add_node(placeholder(NodeKind::ErrorExit));
    let mut b = Builder {
        graph,
        macros,
        exit,
        error_exit,
        by_syntax: HashMap::new(),
        braces: Vec::new(),
        targets: Vec::new(),
        switches: Vec::new(),
        labels: HashMap::new(),
        pending_gotos: Vec::new(),
    };
    b.by_syntax.insert(function.clone(), vec![entry]);
    match body {
        Some(body) => {
            b.block(&body, vec![(entry, EdgeKind::Normal)], true);
        }
        None => {
            b.graph.add_edge(entry, exit, EdgeKind::Normal);
        }
    }
    for pending in std::mem::take(&mut b.pending_gotos) {
        // No such label in the function (or only inside code the parser could not read).
        b.graph.add_edge(pending.from, b.error_exit, EdgeKind::Goto);
    }
    if let Some(nodes) = b.by_syntax.get_mut(function) {
        nodes.extend([exit, error_exit]);
    }
    let reachable: HashSet<NodeIndex> = Bfs::new(&b.graph, entry).iter(&b.graph).collect();
    for n in b.graph.node_indices().collect::<Vec<_>>() {
        b.graph[n].unreachable = !reachable.contains(&n);
    }
    Cfg {
        graph: b.graph,
        entry,
        exit,
        error_exit,
        function: function.clone(),
        by_syntax: b.by_syntax,
    }
}

/// The first direct child token of `kind`.
fn child_token(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxToken> {
    node.children_with_tokens()
        .filter_map(SyntaxElement::into_token)
        .find(|t| t.kind() == kind)
}

/// Where the header of an if/loop/switch/iterator ends: after its `)` or its argument list.
fn header_end(node: &SyntaxNode) -> Option<SyntaxElement> {
    node.children_with_tokens().find(|e| match e {
        SyntaxElement::Token(t) => t.kind() == R_PAREN,
        SyntaxElement::Node(n) => n.kind() == ARG_LIST,
    })
}

fn header_range(node: &SyntaxNode) -> TextRange {
    let start = node.text_range().start();
    let end = match header_end(node) {
        Some(e) => e.text_range().end(),
        None => node
            .first_token()
            .map(|t| t.text_range().end())
            .unwrap_or(start),
    };
    TextRange::new(start, end.max(start))
}

/// How often a loop header's body runs. The guards of <linux/cleanup.h> are loop headers to
/// the grammar, but `scoped_guard(lock) { ... }` runs its block exactly once (a `for` whose
/// step ends it) and `scoped_cond_guard(lock, fail) { ... }` at most once (not when the lock
/// is not taken): no path goes round them again, nor past `scoped_guard`'s block.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GuardRuns {
    Loop,
    Once,
    AtMostOnce,
}

fn guard_runs(node: &SyntaxNode) -> GuardRuns {
    let name = (node.kind() == ITERATOR_STMT)
        .then(|| c_parser::ast::IteratorStmt::cast(node.clone()).and_then(|i| i.name()))
        .flatten();
    match name.as_deref() {
        Some("scoped_guard") => GuardRuns::Once,
        Some("scoped_cond_guard") => GuardRuns::AtMostOnce,
        _ => GuardRuns::Loop,
    }
}

/// Statement children after the header (`)` or argument list), split at an `else`.
fn body_statements(node: &SyntaxNode) -> (Vec<SyntaxNode>, Vec<SyntaxNode>) {
    let mut in_body = header_end(node).is_none();
    let mut before_else = Vec::new();
    let mut after_else = Vec::new();
    let mut seen_else = false;
    for e in node.children_with_tokens() {
        match e {
            SyntaxElement::Token(t) if t.kind() == R_PAREN => in_body = true,
            SyntaxElement::Token(t) if t.kind() == ELSE_KW => seen_else = true,
            SyntaxElement::Node(n) if n.kind() == ARG_LIST => in_body = true,
            SyntaxElement::Node(n) if in_body && is_stmt(n.kind()) => {
                if seen_else {
                    after_else.push(n);
                } else {
                    before_else.push(n);
                }
            }
            _ => {}
        }
    }
    (before_else, after_else)
}

/// The text of a macro argument, trivia left out (`out`, `cleanup_lock`).
fn arg_text(arg: &SyntaxNode) -> String {
    c_parser::ast::tokens_of(arg)
        .map(|t| t.text().to_string())
        .collect()
}

impl<'a> Builder<'a> {
    /// The structural `[after]` node of a statement: reached from `from` by an After edge (not
    /// a flow edge), so a pattern can name what follows the statement as a whole.
    fn add_after(&mut self, node: &SyntaxNode, from: NodeIndex) -> NodeIndex {
        self.add(
            NodeKind::After,
            Some(node),
            None,
            vec![(from, EdgeKind::After)],
        )
    }

    fn add(
        &mut self,
        kind: NodeKind,
        syntax: Option<&SyntaxNode>,
        range: Option<TextRange>,
        preds: Frontier,
    ) -> NodeIndex {
        let n = self.graph.add_node(CfgNode {
            kind,
            syntax: syntax.cloned(),
            range,
            is_copy: false,
            unreachable: false,
        });
        if let Some(s) = syntax {
            self.by_syntax.entry(s.clone()).or_default().push(n);
        }
        self.connect(preds, n);
        n
    }

    fn connect(&mut self, preds: Frontier, to: NodeIndex) {
        for (from, kind) in preds {
            self.graph.add_edge(from, to, kind);
        }
    }

    /// Copies of the `}` of each block in `leaving`, innermost first, chained after `from`;
    /// returns the last node of the chain.
    fn leave_blocks(&mut self, from: NodeIndex, leaving: &[Brace]) -> NodeIndex {
        let mut last = from;
        for brace in leaving.iter().rev() {
            let copy = self.add(
                NodeKind::BlockClose,
                Some(&brace.block),
                brace.close,
                vec![(last, EdgeKind::Normal)],
            );
            self.graph[copy].is_copy = true;
            last = copy;
        }
        last
    }

    /// A compound statement. The function body's `}` leads to the exit and exists only when
    /// the end of the body is reachable; a statement block always gets its `}`, joined to the
    /// `{` through an `[after]` node.
    fn block(&mut self, node: &SyntaxNode, preds: Frontier, is_function_body: bool) -> Frontier {
        let open_range = child_token(node, L_BRACE).map(|t| t.text_range());
        let close_range = child_token(node, R_BRACE).map(|t| t.text_range());
        let open = self.add(NodeKind::BlockOpen, Some(node), open_range, preds);
        self.braces.push(Brace {
            block: node.clone(),
            close: close_range,
        });
        let out = self.items(block_items(node), vec![(open, EdgeKind::Normal)]);
        self.braces.pop();
        if is_function_body {
            if !out.is_empty() {
                let close = self.add(NodeKind::BlockClose, Some(node), close_range, out);
                self.graph.add_edge(close, self.exit, EdgeKind::Normal);
            }
            return Vec::new();
        }
        let after = self.add_after(node, open);
        let mut into_close = out;
        into_close.push((after, EdgeKind::After));
        let close = self.add(NodeKind::BlockClose, Some(node), close_range, into_close);
        vec![(close, EdgeKind::Normal)]
    }

    fn items(&mut self, items: Vec<Item>, mut frontier: Frontier) -> Frontier {
        for item in items {
            frontier = match item {
                Item::Stmt(node) => self.stmt(&node, frontier),
                Item::Ifdef(group) => self.ifdef(group, frontier),
            };
        }
        frontier
    }

    /// `#if` .. `#else` .. `#endif` between statements: one path per branch, and one that
    /// skips the group when it has no `#else`.
    fn ifdef(&mut self, group: IfdefGroup, preds: Frontier) -> Frontier {
        let has_else = group.branches.last().is_some_and(|(t, _)| {
            t.text()
                .trim_start_matches(['#', ' ', '\t'])
                .starts_with("else")
        });
        let mut header = None;
        let mut outs = Vec::new();
        let mut preds = Some(preds);
        for (directive, items) in group.branches {
            let range = Some(directive.text_range());
            let start = match header {
                None => {
                    let h = self.add(
                        NodeKind::IfdefHeader,
                        None,
                        range,
                        preds.take().unwrap_or_default(),
                    );
                    header = Some(h);
                    h
                }
                Some(h) => self.add(
                    NodeKind::IfdefElse,
                    None,
                    range,
                    vec![(h, EdgeKind::Normal)],
                ),
            };
            outs.extend(self.items(items, vec![(start, EdgeKind::Normal)]));
        }
        if let Some(h) = header {
            // Without `#else`, a configuration may skip the group; with one, the `#endif` is
            // still reached structurally when every branch jumps away.
            outs.push((
                h,
                if has_else {
                    EdgeKind::After
                } else {
                    EdgeKind::Normal
                },
            ));
        }
        let endif = self.add(
            NodeKind::IfdefEndif,
            None,
            Some(group.endif.text_range()),
            outs,
        );
        vec![(endif, EdgeKind::Normal)]
    }

    fn simple(&mut self, kind: NodeKind, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let n = self.add(kind, Some(node), Some(node.text_range()), preds);
        vec![(n, EdgeKind::Normal)]
    }

    fn stmt(&mut self, node: &SyntaxNode, preds: Frontier) -> Frontier {
        match node.kind() {
            COMPOUND_STMT => self.block(node, preds, false),
            EXPR_STMT => self.call_statement(NodeKind::ExprStmt, node, preds),
            MACRO_STMT => self.call_statement(NodeKind::MacroStmt, node, preds),
            EMPTY_STMT => self.simple(NodeKind::EmptyStmt, node, preds),
            DECLARATION | STATIC_ASSERT | MACRO_DECL => {
                self.simple(NodeKind::Declaration, node, preds)
            }
            ASM_STMT | ASM_DECL => self.simple(NodeKind::Asm, node, preds),
            RETURN_STMT => {
                let n = self.add(NodeKind::Return, Some(node), Some(node.text_range()), preds);
                self.return_from(n);
                Vec::new()
            }
            BREAK_STMT => self.break_stmt(node, preds),
            CONTINUE_STMT => self.continue_stmt(node, preds),
            GOTO_STMT => {
                let label = child_token(node, IDENT).map(|t| t.text().to_string());
                let n = self.add(NodeKind::Goto, Some(node), Some(node.text_range()), preds);
                match label {
                    Some(label) => self.goto(n, label),
                    // `goto *ptr;`: the target is not known.
                    None => {
                        self.graph.add_edge(n, self.error_exit, EdgeKind::Goto);
                    }
                }
                Vec::new()
            }
            LABEL_STMT => self.label(node, preds),
            CASE_LABEL | DEFAULT_LABEL => self.case_label(node, preds),
            IF_STMT => self.if_stmt(node, preds),
            WHILE_STMT => self.loop_stmt(NodeKind::WhileHeader, node, preds),
            FOR_STMT => self.loop_stmt(NodeKind::ForHeader, node, preds),
            ITERATOR_STMT => self.loop_stmt(NodeKind::IteratorHeader, node, preds),
            DO_STMT => self.do_stmt(node, preds),
            SWITCH_STMT => self.switch_stmt(node, preds),
            // ERROR, nested functions, SmPL forms.
            _ => self.simple(NodeKind::Opaque, node, preds),
        }
    }

    /// What a statement-level call of a known macro does to control flow: `RETURN(rc)`,
    /// `GOTO(out, rc)`, `LBUG()`, `RETURN_EXIT`.
    fn statement_flow(&self, node: &SyntaxNode) -> Option<(MacroFlow, Vec<SyntaxNode>)> {
        let (name, args) = match node.kind() {
            MACRO_STMT => {
                let m = MacroStmt::cast(node.clone())?;
                let args = m.args().map(|a| a.args().collect()).unwrap_or_default();
                (m.name()?, args)
            }
            _ => {
                let expr = node.children().next()?;
                match expr.kind() {
                    CALL_EXPR => {
                        let call = CallExpr::cast(expr)?;
                        (call.callee_name()?, call.args())
                    }
                    NAME_REF => (NameRef::cast(expr)?.name(), Vec::new()),
                    _ => return None,
                }
            }
        };
        let flow = self.macros.lookup(&name)?.flow.clone();
        (flow != MacroFlow::Normal).then_some((flow, args))
    }

    fn call_statement(&mut self, kind: NodeKind, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let range = Some(node.text_range());
        match self.statement_flow(node) {
            Some((MacroFlow::Return { .. }, _)) => {
                let n = self.add(NodeKind::Return, Some(node), range, preds);
                self.return_from(n);
                Vec::new()
            }
            Some((MacroFlow::Goto { label_arg, .. }, args)) => {
                let n = self.add(NodeKind::Goto, Some(node), range, preds);
                match args.get(label_arg).map(arg_text).filter(|l| !l.is_empty()) {
                    Some(label) => self.goto(n, label),
                    None => {
                        self.graph.add_edge(n, self.error_exit, EdgeKind::Goto);
                    }
                }
                Vec::new()
            }
            Some((MacroFlow::NoReturn, _)) => {
                let n = self.add(kind, Some(node), range, preds);
                self.graph.add_edge(n, self.error_exit, EdgeKind::Normal);
                Vec::new()
            }
            _ => self.simple(kind, node, preds),
        }
    }

    fn return_from(&mut self, n: NodeIndex) {
        let braces = self.braces.clone();
        let last = self.leave_blocks(n, &braces);
        self.graph.add_edge(last, self.exit, EdgeKind::Normal);
    }

    fn goto(&mut self, from: NodeIndex, label: String) {
        match self.labels.get(&label).cloned() {
            Some((target, label_braces)) => {
                let braces = self.braces.clone();
                self.jump_to_label(from, &braces, target, &label_braces);
            }
            None => self.pending_gotos.push(PendingGoto {
                from,
                label,
                braces: self.braces.clone(),
            }),
        }
    }

    /// The path of a goto: copies of the `}` of the blocks it leaves, then the label.
    fn jump_to_label(
        &mut self,
        from: NodeIndex,
        goto_braces: &[Brace],
        label: NodeIndex,
        label_braces: &[Brace],
    ) {
        let common = goto_braces
            .iter()
            .zip(label_braces)
            .take_while(|(a, b)| a.block == b.block)
            .count();
        let last = self.leave_blocks(from, &goto_braces[common..]);
        self.graph.add_edge(last, label, EdgeKind::Goto);
    }

    fn label(&mut self, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let n = self.add(NodeKind::Label, Some(node), Some(node.text_range()), preds);
        if let Some(name) = child_token(node, IDENT).map(|t| t.text().to_string()) {
            if !self.labels.contains_key(&name) {
                let braces = self.braces.clone();
                let (waiting, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending_gotos)
                    .into_iter()
                    .partition(|p| p.label == name);
                self.pending_gotos = rest;
                for p in waiting {
                    self.jump_to_label(p.from, &p.braces, n, &braces);
                }
                self.labels.insert(name, (n, braces));
            }
        }
        vec![(n, EdgeKind::Normal)]
    }

    fn case_label(&mut self, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let kind = if node.kind() == CASE_LABEL {
            NodeKind::Case
        } else {
            NodeKind::Default
        };
        // Coming from the code of the previous case (not from the switch body's `{`).
        let preds = preds
            .into_iter()
            .map(|(p, k)| {
                if k == EdgeKind::Normal && self.graph[p].kind != NodeKind::BlockOpen {
                    (p, EdgeKind::FallThrough)
                } else {
                    (p, k)
                }
            })
            .collect();
        let n = self.add(kind, Some(node), Some(node.text_range()), preds);
        if let Some(switch) = self.switches.last_mut() {
            switch.has_default |= kind == NodeKind::Default;
            let header = switch.header;
            self.graph.add_edge(header, n, EdgeKind::CaseEntry);
        }
        vec![(n, EdgeKind::Normal)]
    }

    fn break_stmt(&mut self, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let n = self.add(NodeKind::Break, Some(node), Some(node.text_range()), preds);
        match self.targets.last() {
            Some(t) => {
                let (to, depth) = (t.break_to, t.depth);
                let leaving = self.braces[depth.min(self.braces.len())..].to_vec();
                let last = self.leave_blocks(n, &leaving);
                self.graph.add_edge(last, to, EdgeKind::Normal);
            }
            None => {
                self.graph.add_edge(n, self.error_exit, EdgeKind::Normal);
            }
        }
        Vec::new()
    }

    fn continue_stmt(&mut self, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let n = self.add(
            NodeKind::Continue,
            Some(node),
            Some(node.text_range()),
            preds,
        );
        let target = self
            .targets
            .iter()
            .rev()
            .find_map(|t| t.continue_to.map(|c| (c, t.depth)));
        match target {
            Some(((to, kind), depth)) => {
                let leaving = self.braces[depth.min(self.braces.len())..].to_vec();
                let last = self.leave_blocks(n, &leaving);
                self.graph.add_edge(last, to, kind);
            }
            None => {
                self.graph.add_edge(n, self.error_exit, EdgeKind::Normal);
            }
        }
        Vec::new()
    }

    /// `if (c) S1 [else S2]`: header, `[then]` on the true edge, `else` or `[fallthrough]` on
    /// the false edge, both joined at `[endif]`, which `[after]` also reaches.
    fn if_stmt(&mut self, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let (then_part, else_part) = body_statements(node);
        let header = self.add(
            NodeKind::IfHeader,
            Some(node),
            Some(header_range(node)),
            preds,
        );
        let then_node = self.add(
            NodeKind::Then,
            Some(node),
            None,
            vec![(header, EdgeKind::True)],
        );
        let mut outs = self.sequence(&then_part, vec![(then_node, EdgeKind::Normal)]);
        match child_token(node, ELSE_KW) {
            Some(else_kw) => {
                let else_node = self.add(
                    NodeKind::Else,
                    Some(node),
                    Some(else_kw.text_range()),
                    vec![(header, EdgeKind::False)],
                );
                outs.extend(self.sequence(&else_part, vec![(else_node, EdgeKind::Normal)]));
            }
            None => {
                let fall = self.add(
                    NodeKind::FallThrough,
                    Some(node),
                    None,
                    vec![(header, EdgeKind::False)],
                );
                outs.push((fall, EdgeKind::Normal));
            }
        }
        let after = self.add_after(node, header);
        outs.push((after, EdgeKind::After));
        let end = self.add(NodeKind::EndIf, Some(node), None, outs);
        vec![(end, EdgeKind::Normal)]
    }

    /// A branch or body: normally one statement; error recovery may leave several or none.
    fn sequence(&mut self, stmts: &[SyntaxNode], mut frontier: Frontier) -> Frontier {
        for s in stmts {
            frontier = self.stmt(s, frontier);
        }
        frontier
    }

    /// `while`, `for` and iterator macros: header, `[inloop]` on the true edge, the body, a
    /// back edge to the header; `[loopfall]` on the false edge, then `[endloop]`.
    fn loop_stmt(&mut self, kind: NodeKind, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let (body, _) = body_statements(node);
        let runs = guard_runs(node);
        let header = self.add(kind, Some(node), Some(header_range(node)), preds);
        let in_loop = self.add(
            NodeKind::InLoop,
            Some(node),
            None,
            vec![(header, EdgeKind::True)],
        );
        let skip = match runs {
            GuardRuns::Once => Vec::new(),
            GuardRuns::Loop | GuardRuns::AtMostOnce => vec![(header, EdgeKind::False)],
        };
        let fall = self.add(NodeKind::LoopFallThrough, Some(node), None, skip);
        let end = self.add(
            NodeKind::EndLoop,
            Some(node),
            None,
            vec![(fall, EdgeKind::Normal)],
        );
        // In a guard's block, `break` and `continue` leave the block (they belong to the
        // `for` the macro expands to, which runs once).
        let continue_to = match runs {
            GuardRuns::Loop => (header, EdgeKind::Back),
            GuardRuns::Once | GuardRuns::AtMostOnce => (end, EdgeKind::Normal),
        };
        self.targets.push(JumpTarget {
            break_to: end,
            continue_to: Some(continue_to),
            depth: self.braces.len(),
        });
        let out = self.sequence(&body, vec![(in_loop, EdgeKind::Normal)]);
        self.targets.pop();
        match runs {
            GuardRuns::Loop => {
                let back = out.into_iter().map(|(n, _)| (n, EdgeKind::Back)).collect();
                self.connect(back, header);
            }
            GuardRuns::Once | GuardRuns::AtMostOnce => self.connect(out, end),
        }
        vec![(end, EdgeKind::Normal)]
    }

    /// `do S while (c);`: `do`, the body, the `while (c);` tail with a back edge to `do` (its
    /// true branch) and a false edge to `[loopfall]` and `[endloop]`; `[after]` joins `do` to
    /// `[endloop]` for bodies that always jump away.
    fn do_stmt(&mut self, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let do_range = child_token(node, DO_KW).map(|t| t.text_range());
        let header = self.add(NodeKind::DoHeader, Some(node), do_range, preds);
        let mut body = Vec::new();
        let mut tail_start = None;
        for e in node.children_with_tokens() {
            match e {
                SyntaxElement::Token(t) if t.kind() == WHILE_KW => {
                    tail_start = Some(t.text_range().start());
                    break;
                }
                SyntaxElement::Node(n) if is_stmt(n.kind()) => body.push(n),
                _ => {}
            }
        }
        let tail_range = tail_start.map(|s| TextRange::new(s, node.text_range().end()));
        let tail = self.add(NodeKind::DoWhileTail, Some(node), tail_range, Vec::new());
        let end = self.add(NodeKind::EndLoop, Some(node), None, Vec::new());
        self.targets.push(JumpTarget {
            break_to: end,
            continue_to: Some((tail, EdgeKind::Normal)),
            depth: self.braces.len(),
        });
        let out = self.sequence(&body, vec![(header, EdgeKind::Normal)]);
        self.targets.pop();
        self.connect(out, tail);
        // `do { ... } while (0)` runs its body once: no path goes round it again.
        if !loops_never(node) {
            self.graph.add_edge(tail, header, EdgeKind::Back);
        }
        let fall = self.add(
            NodeKind::LoopFallThrough,
            Some(node),
            None,
            vec![(tail, EdgeKind::False)],
        );
        self.graph.add_edge(fall, end, EdgeKind::Normal);
        let after = self.add_after(node, header);
        self.graph.add_edge(after, end, EdgeKind::After);
        vec![(end, EdgeKind::Normal)]
    }

    /// `switch (e) body`: the header flows into the body's `{` and has a case-entry edge to
    /// every `case`/`default` label of this switch (wherever it sits in the body), and to
    /// `[switchfall]` when there is no `default:`; `break` and the body's end lead to
    /// `[endswitch]`, which `[after]` also reaches.
    fn switch_stmt(&mut self, node: &SyntaxNode, preds: Frontier) -> Frontier {
        let (body, _) = body_statements(node);
        let header = self.add(
            NodeKind::SwitchHeader,
            Some(node),
            Some(header_range(node)),
            preds,
        );
        let end = self.add(NodeKind::EndSwitch, Some(node), None, Vec::new());
        self.targets.push(JumpTarget {
            break_to: end,
            continue_to: None,
            depth: self.braces.len(),
        });
        self.switches.push(SwitchFrame {
            header,
            has_default: false,
        });
        let out = self.sequence(&body, vec![(header, EdgeKind::Normal)]);
        let has_default = self.switches.pop().is_some_and(|s| s.has_default);
        self.targets.pop();
        self.connect(out, end);
        if !has_default {
            let fall = self.add(
                NodeKind::SwitchFallThrough,
                Some(node),
                None,
                vec![(header, EdgeKind::CaseEntry)],
            );
            self.graph.add_edge(fall, end, EdgeKind::Normal);
        }
        let after = self.add_after(node, header);
        self.graph.add_edge(after, end, EdgeKind::After);
        vec![(end, EdgeKind::Normal)]
    }
}

/// A do-while whose condition is the constant `0` (the macro-body idiom).
fn loops_never(do_stmt: &SyntaxNode) -> bool {
    let mut after_while = false;
    let mut condition = String::new();
    for t in do_stmt.children_with_tokens().flat_map(|e| match e {
        SyntaxElement::Node(n) => n
            .descendants_with_tokens()
            .filter_map(|d| d.into_token())
            .collect::<Vec<_>>(),
        SyntaxElement::Token(t) => vec![t],
    }) {
        if t.kind() == WHILE_KW && t.parent().as_ref() == Some(do_stmt) {
            after_while = true;
        } else if after_while && !t.kind().is_trivia() {
            condition.push_str(t.text());
        }
    }
    condition.trim_end_matches(';') == "(0)"
}
