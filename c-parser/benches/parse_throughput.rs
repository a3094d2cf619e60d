//! Parse throughput: `cargo bench -p c-parser --bench parse_throughput [-- DIR]`.
//!
//! Parses the kernel-style fixture (or every `.c` file under DIR) several times and reports
//! the best run in MB/s: lexing alone, the grammar without the tree (`parse_errors`), and the
//! full parse (tree built and dropped). `--only lex|errors|parse` runs one of them (for
//! profilers, with `--once`).

use c_parser::{lex, parse, parse_errors, LexMode, ParseOptions, SourceText};
use std::path::{Path, PathBuf};
use std::time::Instant;

const FIXTURE: &str = include_str!("fixture.c");

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for p in entries.flatten().map(|e| e.path()) {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "c") {
            out.push(p);
        }
    }
}

fn best_of<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let dir = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let texts: Vec<String> = match &dir {
        Some(d) => {
            let mut files = Vec::new();
            collect(Path::new(d), &mut files);
            files
                .iter()
                .filter_map(|f| std::fs::read(f).ok())
                .map(|b| SourceText::decode(&b).as_str().to_owned())
                .collect()
        }
        // The fixture, repeated to about 4 MB.
        None => vec![FIXTURE.to_owned(); (4_000_000 / FIXTURE.len()).max(1)],
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let opts = ParseOptions::default();
    // `--once` (for profilers): one run each.
    let once = std::env::args().any(|a| a == "--once");
    let runs = if once {
        1
    } else if dir.is_some() {
        5
    } else {
        10
    };
    let only = std::env::args()
        .skip_while(|a| a != "--only")
        .nth(1)
        .unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only == name;
    let mb = bytes as f64 / 1e6;
    println!("input: {} texts, {:.2} MB", texts.len(), mb);
    if wanted("lex") {
        let secs = best_of(runs, || {
            for t in &texts {
                std::hint::black_box(lex(t, LexMode::C));
            }
        });
        println!("lex:    {:.3}s  {:.1} MB/s", secs, mb / secs);
    }
    if wanted("errors") {
        let secs = best_of(runs, || {
            for t in &texts {
                std::hint::black_box(parse_errors(t, &opts));
            }
        });
        println!("errors: {:.3}s  {:.1} MB/s (no tree)", secs, mb / secs);
    }
    if wanted("parse") {
        let secs = best_of(runs, || {
            for t in &texts {
                std::hint::black_box(parse(t, &opts));
            }
        });
        println!(
            "parse:  {:.3}s  {:.1} MB/s (tree built and dropped)",
            secs,
            mb / secs
        );
    }
}
