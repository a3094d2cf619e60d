//! Prints the compact tree and errors of a C file (or stdin):
//! `cargo run -p c-parser --example dump_tree -- FILE`

use c_parser::{debug_tree, parse, ParseOptions, SourceText};
use std::io::Read;

fn main() {
    let mut raw = Vec::new();
    match std::env::args().nth(1) {
        Some(path) => raw = std::fs::read(path).unwrap_or_default(),
        None => {
            let _ = std::io::stdin().read_to_end(&mut raw);
        }
    }
    let src = SourceText::decode(&raw);
    let parse = parse(src.as_str(), &ParseOptions::default());
    // Write errors are ignored (`dump_tree f.c | head` closes the pipe early).
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{}", debug_tree(&parse.root));
    for (line, msg) in c_parser::error_sites(&parse, src.as_str()) {
        let _ = writeln!(out, "error: line {line}: {msg}");
    }
}
