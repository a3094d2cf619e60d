//! Error recovery on real code: for each `.c` file under DIR, deletes one line in the middle
//! of the file (several positions per file) and reports how many lines end up under ERROR
//! nodes. `cargo run --release -p c-parser --example recovery_stats -- DIR`

use c_parser::{parse, ParseOptions, SourceText};
use std::path::{Path, PathBuf};

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

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    files.sort();
    let opts = ParseOptions::default();
    let (mut cases, mut bad_total, mut worst) = (0usize, 0usize, (0usize, String::new()));
    let mut histogram = [0usize; 6];
    for f in &files {
        let Ok(raw) = std::fs::read(f) else { continue };
        let text = SourceText::decode(&raw).as_str().to_owned();
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for k in 1..=4 {
            let drop = lines.len() * k / 5;
            if drop >= lines.len() {
                continue;
            }
            let mutated: String = lines
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != drop)
                .map(|(_, l)| *l)
                .collect();
            let p = parse(&mutated, &opts);
            assert_eq!(p.root.text().to_string(), mutated);
            let bad = p.bad_lines(&mutated);
            cases += 1;
            bad_total += bad;
            let bucket = match bad {
                0 => 0,
                1 => 1,
                2..=5 => 2,
                6..=20 => 3,
                21..=100 => 4,
                _ => 5,
            };
            histogram[bucket] += 1;
            if bad > 20 && std::env::args().any(|a| a == "-v") {
                println!(
                    "{bad:5} {} without line {}: {}",
                    f.display(),
                    drop + 1,
                    lines[drop].trim_end()
                );
            }
            if bad > worst.0 {
                worst = (bad, format!("{} without line {}", f.display(), drop + 1));
            }
        }
    }
    if std::env::args().any(|a| a == "--bytes") {
        byte_soup(&files, &opts);
    }
    println!(
        "{cases} mutated files, {bad_total} bad lines in all, {:.1} per file",
        bad_total as f64 / cases.max(1) as f64
    );
    println!(
        "bad lines: 0: {}  1: {}  2-5: {}  6-20: {}  21-100: {}  >100: {}",
        histogram[0], histogram[1], histogram[2], histogram[3], histogram[4], histogram[5]
    );
    println!("worst: {} lines ({})", worst.0, worst.1);
}

/// `--bytes`: also cuts, duplicates and reverses random byte ranges of every file (a cheap
/// fuzzer over real code); only checks that parsing terminates and round-trips.
fn byte_soup(files: &[PathBuf], opts: &ParseOptions) {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let mut runs = 0;
    for f in files {
        let Ok(raw) = std::fs::read(f) else { continue };
        for _ in 0..3 {
            let mut bytes = raw.clone();
            for _ in 0..8 {
                let a = next(bytes.len());
                let b = (a + next(200)).min(bytes.len());
                match next(3) {
                    0 => {
                        bytes.drain(a..b);
                    }
                    1 => {
                        let chunk: Vec<u8> = bytes[a..b].to_vec();
                        let at = next(bytes.len());
                        bytes.splice(at..at, chunk);
                    }
                    _ => bytes[a..b].reverse(),
                }
            }
            let text = SourceText::decode(&bytes);
            let p = parse(text.as_str(), opts);
            assert_eq!(SourceText::encode(&p.root.text().to_string()), bytes);
            runs += 1;
        }
    }
    println!("byte soup: {runs} mutated files parsed and round-tripped");
}
