//! Prints the CFG of every function in a C file: `cargo run -p cfg-builder --example cfg_dump
//! -- FILE [--dot]`.

use std::process::ExitCode;

use c_parser::{parse, ParseOptions, SourceText};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cfg_dump FILE [--dot]");
        return ExitCode::from(2);
    };
    let dot = args.iter().any(|a| a == "--dot");
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let source = SourceText::decode(&bytes);
    let options = ParseOptions::default();
    let parsed = parse(source.as_str(), &options);
    for cfg in cfg_builder::build_all(&parsed.root, &options.macros) {
        if dot {
            print!("{}", cfg.to_dot());
        } else {
            println!("{}", cfg.dump());
        }
    }
    ExitCode::SUCCESS
}
