//! Builds the CFG of every function in a tree of C files and reports the figures:
//! `cargo run --release -p cfg-builder --example cfg_corpus -- DIR...`.
//!
//! Counts files, functions, nodes, edges, unreachable nodes and the time spent parsing and
//! building; a panic while building one function is caught and counted, so one bug does not
//! hide the figures for the rest.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use c_parser::{parse, ParseOptions, SourceText};
use cfg_builder::{Cfg, EdgeKind, NodeKind};

#[derive(Default)]
struct Figures {
    files: usize,
    functions: usize,
    nodes: usize,
    edges: usize,
    unreachable: usize,
    copies: usize,
    /// Nodes other than the exits without a successor: a builder bug if ever non-zero.
    dead_ends: usize,
    /// Gotos whose label was not found (or computed gotos): they lead to the error exit.
    lost_gotos: usize,
    /// Statements that lead to the error exit by a no-return call.
    no_returns: usize,
    /// `break`/`continue` outside any loop or switch.
    stray_jumps: usize,
    largest: (usize, String),
    panics: usize,
    parse_time: Duration,
    build_time: Duration,
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for child in children {
            collect(&child, out);
        }
    } else if path.extension().is_some_and(|e| e == "c" || e == "h") {
        out.push(path.to_path_buf());
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_unreachable = args.iter().any(|a| a == "--unreachable");
    let roots: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if roots.is_empty() {
        eprintln!("usage: cfg_corpus [--unreachable] DIR...");
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for root in &roots {
        collect(Path::new(root), &mut files);
    }
    let options = ParseOptions::default();
    let mut figures = Figures::default();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("{}: cannot read", path.display());
            continue;
        };
        figures.add_file(
            path,
            &SourceText::decode(&bytes),
            &options,
            show_unreachable,
        );
    }
    figures.print();
    if figures.panics > 0 || figures.dead_ends > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

impl Figures {
    /// Parses one file and builds the CFG of each of its functions.
    fn add_file(
        &mut self,
        path: &Path,
        source: &SourceText,
        options: &ParseOptions,
        show_unreachable: bool,
    ) {
        self.files += 1;
        let started = Instant::now();
        let parsed = parse(source.as_str(), options);
        self.parse_time += started.elapsed();
        let functions: Vec<_> = parsed
            .root
            .descendants()
            .filter_map(<c_parser::ast::FunctionDef as c_parser::ast::AstNode>::cast)
            .collect();
        for func in functions {
            self.functions += 1;
            let started = Instant::now();
            let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                cfg_builder::build_cfg(&func, &options.macros)
            }));
            self.build_time += started.elapsed();
            match built {
                Ok(cfg) => {
                    if show_unreachable {
                        print_unreachable(path, source.as_str(), &cfg);
                    }
                    self.add_cfg(path, &cfg);
                }
                Err(_) => {
                    self.panics += 1;
                    eprintln!("{}: panic while building a CFG", path.display());
                }
            }
        }
    }

    fn add_cfg(&mut self, path: &Path, cfg: &Cfg) {
        self.nodes += cfg.node_count();
        self.edges += cfg.edge_count();
        let nodes: Vec<_> = cfg.node_indices().collect();
        self.unreachable += nodes
            .iter()
            .filter(|&&n| cfg.node(n).unreachable && n != cfg.error_exit() && n != cfg.exit())
            .count();
        for (from, kind) in cfg.predecessors(cfg.error_exit()) {
            match (kind, cfg.node(from).kind) {
                (EdgeKind::Goto, _) => self.lost_gotos += 1,
                (_, NodeKind::Break | NodeKind::Continue) => self.stray_jumps += 1,
                _ => self.no_returns += 1,
            }
        }
        self.dead_ends += nodes
            .iter()
            .filter(|&&n| n != cfg.exit() && n != cfg.error_exit() && cfg.successors(n).is_empty())
            .count();
        self.copies += nodes.iter().filter(|&&n| cfg.node(n).is_copy).count();
        if cfg.node_count() > self.largest.0 {
            self.largest = (
                cfg.node_count(),
                format!("{}: {}", path.display(), cfg.name().unwrap_or_default()),
            );
        }
    }

    fn print(&self) {
        println!(
            "cfg: {} files, {} functions, {} nodes ({} `}}` copies), {} edges, {} unreachable nodes, {} dead ends, {} panics",
            self.files, self.functions, self.nodes, self.copies, self.edges, self.unreachable, self.dead_ends, self.panics
        );
        println!(
            "error exits: {} no-return calls, {} gotos without a label, {} stray break/continue",
            self.no_returns, self.lost_gotos, self.stray_jumps
        );
        println!(
            "time: parse {:.2?}, build {:.2?} ({:.1} us per function); largest: {} nodes in {}",
            self.parse_time,
            self.build_time,
            self.build_time.as_secs_f64() * 1e6 / self.functions.max(1) as f64,
            self.largest.0,
            self.largest.1
        );
    }
}

/// `--unreachable`: where each unreachable node of the function is, by line.
fn print_unreachable(path: &Path, source: &str, cfg: &Cfg) {
    for n in cfg.node_indices() {
        let node = cfg.node(n);
        if node.unreachable && n != cfg.error_exit() && node.range.is_some() {
            let start = usize::from(node.range.map(|r| r.start()).unwrap_or_default());
            let line = source[..start.min(source.len())].matches('\n').count() + 1;
            println!("{}:{}: unreachable {:?}", path.display(), line, node.kind);
        }
    }
}
