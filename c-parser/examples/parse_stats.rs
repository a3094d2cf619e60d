//! Parses every `.c` file under a directory and prints the parse figures:
//! `cargo run --release -p c-parser --example parse_stats -- DIR [--sites N] [--headers] [--no-macros] [-v]`

use c_parser::{parse, ParseOptions, SourceText};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn collect(dir: &Path, out: &mut Vec<PathBuf>, headers: bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out, headers);
        } else if p
            .extension()
            .is_some_and(|e| e == "c" || headers && e == "h")
        {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let sites: usize = args
        .iter()
        .position(|a| a == "--sites")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let verbose = args.iter().any(|a| a == "-v");
    let mut files = Vec::new();
    collect(&dir, &mut files, args.iter().any(|a| a == "--headers"));
    // `--no-macros`: heuristics alone, without the built-in macro table.
    let opts = if args.iter().any(|a| a == "--no-macros") {
        ParseOptions {
            macros: std::sync::Arc::new(c_parser::MacroTable::empty()),
            smpl: None,
        }
    } else {
        ParseOptions::default()
    };
    let (mut clean, mut lines, mut bad, mut bytes, mut roundtrip_ok) = (0, 0, 0, 0, 0);
    let mut time = Duration::ZERO;
    let mut messages: HashMap<String, usize> = HashMap::new();
    let mut worst: Vec<(usize, String)> = Vec::new();
    for f in &files {
        let Ok(raw) = std::fs::read(f) else { continue };
        let src = SourceText::decode(&raw);
        let text = src.as_str();
        let t = Instant::now();
        let parse = parse(text, &opts);
        time += t.elapsed();
        bytes += raw.len();
        let n_lines = text.lines().count();
        lines += n_lines;
        let b = parse.bad_lines(text);
        bad += b;
        if parse.is_clean() {
            clean += 1;
        }
        if SourceText::encode(&parse.root.text().to_string()) == raw {
            roundtrip_ok += 1;
        }
        for (line, msg) in c_parser::error_sites(&parse, text) {
            *messages.entry(msg.clone()).or_default() += 1;
            if verbose {
                println!("{}:{}: {}", f.display(), line, msg);
            }
        }
        if b > 0 {
            worst.push((b, f.display().to_string()));
        }
    }
    worst.sort_unstable_by(|a, b| b.cmp(a));
    let mut msgs: Vec<_> = messages.into_iter().collect();
    msgs.sort_unstable_by_key(|m| std::cmp::Reverse(m.1));
    println!("most common errors:");
    for (m, n) in msgs.iter().take(sites) {
        println!("  {n:6}  {m}");
    }
    println!("files with most bad lines:");
    for (b, f) in worst.iter().take(sites) {
        println!("  {b:6}  {f}");
    }
    let secs = time.as_secs_f64();
    println!(
        "{} files, {} clean ({:.1}%), {} lines, {} bad lines ({:.3}% good), round-trip {}/{}, parse {:.3}s ({:.1} MB/s)",
        files.len(),
        clean,
        100.0 * clean as f64 / files.len().max(1) as f64,
        lines,
        bad,
        100.0 * (lines - bad) as f64 / lines.max(1) as f64,
        roundtrip_ok,
        files.len(),
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
}
