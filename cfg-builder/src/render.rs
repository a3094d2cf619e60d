//! Text dump (for tests) and Graphviz output (for debugging).

use std::fmt::Write;

use petgraph::stable_graph::NodeIndex;

use crate::{Cfg, EdgeKind};

/// At most this many characters of a node's code in a dump.
const CODE_WIDTH: usize = 48;

fn edge_name(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Normal => "",
        EdgeKind::True => "true",
        EdgeKind::False => "false",
        EdgeKind::Back => "back",
        EdgeKind::CaseEntry => "case",
        EdgeKind::FallThrough => "fallthrough",
        EdgeKind::Goto => "goto",
        EdgeKind::After => "after",
    }
}

/// The code a node stands for, on one line (whitespace runs collapsed), shortened.
/// `function_text` is the text of the function the node belongs to.
fn code_of(cfg: &Cfg, function_text: &str, n: NodeIndex) -> Option<String> {
    let range = cfg.node(n).range?;
    let base = cfg.function().text_range().start();
    let start = usize::from(range.start().checked_sub(base)?);
    let end = usize::from(range.end().checked_sub(base)?);
    let text = function_text.get(start..end)?;
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() > CODE_WIDTH {
        let cut: String = collapsed.chars().take(CODE_WIDTH - 3).collect();
        Some(format!("{cut}..."))
    } else {
        Some(collapsed)
    }
}

fn describe(cfg: &Cfg, function_text: &str, n: NodeIndex) -> String {
    let node = cfg.node(n);
    let mut out = node.kind.label().to_string();
    if let Some(code) = code_of(cfg, function_text, n) {
        if !code.is_empty() && code != node.kind.label() {
            write!(out, " `{code}`").ok();
        }
    }
    if node.is_copy {
        out.push_str(" (copy)");
    }
    if node.unreachable {
        out.push_str(" (unreachable)");
    }
    out
}

pub(crate) fn dump(cfg: &Cfg) -> String {
    let function_text = cfg.function().text().to_string();
    let mut out = String::new();
    writeln!(
        out,
        "function {}",
        cfg.name().unwrap_or_else(|| "<unnamed>".into())
    )
    .ok();
    for n in cfg.node_indices() {
        write!(
            out,
            "n{:<3} {}",
            n.index(),
            describe(cfg, &function_text, n)
        )
        .ok();
        let succs = cfg.successors(n);
        if !succs.is_empty() {
            let list: Vec<String> = succs
                .iter()
                .map(|(s, k)| match edge_name(*k) {
                    "" => format!("n{}", s.index()),
                    name => format!("n{} {name}", s.index()),
                })
                .collect();
            write!(out, "  -> {}", list.join(", ")).ok();
        }
        out.push('\n');
    }
    out
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

pub(crate) fn to_dot(cfg: &Cfg) -> String {
    let function_text = cfg.function().text().to_string();
    let mut out = String::new();
    writeln!(
        out,
        "digraph \"{}\" {{",
        dot_escape(&cfg.name().unwrap_or_default())
    )
    .ok();
    out.push_str("  node [shape=box, fontname=monospace];\n");
    for n in cfg.node_indices() {
        let node = cfg.node(n);
        let style = if node.kind.is_structural() || node.is_copy {
            ", style=dashed"
        } else if node.unreachable {
            ", color=gray"
        } else {
            ""
        };
        writeln!(
            out,
            "  n{} [label=\"n{}: {}\"{}];",
            n.index(),
            n.index(),
            dot_escape(&describe(cfg, &function_text, n)),
            style
        )
        .ok();
    }
    for n in cfg.node_indices() {
        for (s, k) in cfg.successors(n) {
            let attrs = match k {
                EdgeKind::Normal => String::new(),
                EdgeKind::After => " [label=\"after\", style=dotted]".to_string(),
                other => format!(" [label=\"{}\"]", edge_name(other)),
            };
            writeln!(out, "  n{} -> n{}{};", n.index(), s.index(), attrs).ok();
        }
    }
    out.push_str("}\n");
    out
}
