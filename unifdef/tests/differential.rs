//! Differential tests against the installed `unifdef` (2.10): long lines, and random nestings
//! of directives with random flags (the fixtures are checked against it in `fixtures.rs`).
//! Skipped (with a note) when `unifdef` is not installed. Error cases compare the exit status
//! only: unifdef prints partial output, rcocci prints none and leaves the file alone.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use proptest::prelude::*;

#[test]
fn long_lines_match_unifdef() {
    // unifdef reads lines into a 4096-byte buffer: longer ones arrive in pieces, which shifts
    // `#line` numbers and decides what a piece may start.
    if !common::have_unifdef() {
        eprintln!("unifdef not installed: differential comparison skipped");
        return;
    }
    let dir = scratch_dir();
    for n in [4000usize, 4094, 4095, 4096, 4097, 4200, 9000] {
        let mut text = "x".repeat(n);
        text.push_str("\n#ifdef A\na\n#endif\nb\n#ifdef A");
        text.push_str(&" ".repeat(n));
        text.push_str("\nq\n#endif\n/*");
        text.push_str(&"y".repeat(n));
        text.push_str("*/ #ifdef A\nz\n#endif\n");
        // A last directive without a newline: one that fills the buffer leaves no room to
        // read on, so no newline is added either.
        let last = format!("#ifdef A\na\n#endif{}", " ".repeat(n - 6));
        for (name, text) in [(format!("long{n}.c"), text), (format!("last{n}.c"), last)] {
            compare_long_lines(&dir, &name, &text);
        }
    }
}

fn compare_long_lines(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write case");
    for flags in [
        &["-e", "-n", "-UA"][..],
        &["-e", "-DA"],
        &["-e", "-n", "-DA", "-b"],
        &["-DA"],
        &["-DB"],
    ] {
        let args: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
        let (ours, our_exit) = common::run_ours(&args, text.as_bytes(), name);
        let (theirs, their_exit) = common::run_unifdef(&args, dir, name);
        assert_eq!(our_exit, their_exit, "{name} {flags:?}");
        if their_exit != 2 {
            assert!(ours == theirs, "{name} {flags:?}: output differs");
        }
    }
    let _ = std::fs::remove_file(dir.join(name));
}

/// A small deterministic generator, so that a failing case is reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SYMBOLS: &[&str] = &[
    "HAVE_SERVER_SUPPORT",
    "UPSTREAM_LINUX",
    "HAVE_DIR_CONTEXT",
    "CONFIG_PROC_FS",
    "LUSTRE_VERSION_CODE",
    "HAVE_UNKNOWN",
];

fn expression(r: &mut Rng, depth: usize) -> String {
    let space = r.pick(&["", " ", "  ", "\t"]);
    let sym = r.pick(SYMBOLS);
    match r.below(if depth < 3 { 11 } else { 5 }) {
        0 => format!("defined({sym})"),
        1 => format!("defined {sym}"),
        2 => sym.to_string(),
        3 => r
            .pick(&[
                "0",
                "1",
                "2",
                "0x1",
                "00",
                "1UL",
                "21353",
                "08",
                "0x",
                "-1",
                "~0",
                "'a'",
                "1 << 2",
                "99999999999999999999",
            ])
            .to_string(),
        4 => r
            .pick(&[
                "{}(x, (y))",
                "{}(x",
                "{} ( x )",
                "defined()",
                "defined({}",
                "{} = 1",
            ])
            .replace("{}", sym),
        5 => format!("!{space}{}", expression(r, depth + 1)),
        6 => format!("({space}{}{space})", expression(r, depth + 1)),
        7 | 8 => {
            let op = r.pick(&["&&", "||"]);
            format!(
                "{}{space}{op}{space}{}",
                expression(r, depth + 1),
                expression(r, depth + 1)
            )
        }
        9 => {
            let op = r.pick(&["==", "!=", "<", ">", "<=", ">="]);
            format!(
                "{}{space}{op}{space}{}",
                expression(r, depth + 1),
                expression(r, depth + 1)
            )
        }
        _ => format!(
            "{} /* c */ && {}",
            expression(r, depth + 1),
            expression(r, depth + 1)
        ),
    }
}

fn trailer(r: &mut Rng) -> &'static str {
    r.pick(&[
        "",
        "",
        "",
        " /* c */",
        " // c",
        " /* two\n lines */",
        " \\\n  && B",
        " junk",
        "\t",
        " /* don't */",
    ])
}

fn hash(r: &mut Rng) -> &'static str {
    r.pick(&[
        "#",
        "#",
        "#",
        "# ",
        "#  ",
        "#\t",
        " #",
        "/* x */ #",
        "#/**/",
        "#\x0c",
        "# 'h' ",
        "#\"\"",
    ])
}

fn plain(r: &mut Rng) -> &'static str {
    r.pick(&[
        "x = 1;",
        "",
        "",
        "  ",
        "/* comment */",
        "/* open",
        "close */",
        "// line comment",
        "char *s = \"#if A\";",
        "c = '\\'';",
        "/* #else */",
        "int f(void)",
        "{",
        "}",
        "#define M(x) \\",
        "  do_it(x)",
        "#include <linux/fs.h>",
        "#pragma once",
        "\t\t",
        "a = b /* x */ + c;",
        "x \\",
        "#",
        "/* a */ # if A",
        "#ifdefA",
        "#elsewhere",
        "a = b /\\",
        "/* open *\\",
        "/",
        "c = '#';",
        "\x0c",
        "\x0c# if A",
        "#ifdef",
        "#ifndef(A)",
        "#if",
    ])
}

fn block(r: &mut Rng, depth: usize, out: &mut Vec<String>) {
    for _ in 0..1 + r.below(4) {
        if r.below(10) < 4 || depth > 4 {
            out.push(plain(r).to_string());
            continue;
        }
        let open = match r.below(3) {
            0 => format!(
                "{}if{}{}{}",
                hash(r),
                r.pick(&[" ", "\t", "(", " "]),
                expression(r, 0),
                trailer(r)
            ),
            1 => format!("{}ifdef {}{}", hash(r), r.pick(SYMBOLS), trailer(r)),
            _ => format!("{}ifndef {}{}", hash(r), r.pick(SYMBOLS), trailer(r)),
        };
        out.push(open);
        block(r, depth + 1, out);
        for _ in 0..r.below(3) {
            let elif = format!("{}elif {}{}", hash(r), expression(r, 0), trailer(r));
            out.push(elif);
            block(r, depth + 1, out);
        }
        if r.chance(50) {
            let e = format!("{}else{}", hash(r), trailer(r));
            out.push(e);
            block(r, depth + 1, out);
        }
        if r.chance(97) {
            let e = format!(
                "{}endif{}",
                hash(r),
                r.pick(&["", "", " /* A */", " // A", " A"])
            );
            out.push(e);
        }
    }
}

fn source(r: &mut Rng) -> Vec<u8> {
    let mut lines = Vec::new();
    block(r, 0, &mut lines);
    let newline = if r.chance(10) { "\r\n" } else { "\n" };
    let mut text = lines.join(newline);
    if r.chance(85) {
        text.push_str(newline);
    }
    for _ in 0..[0, 0, 0, 1, 2][r.below(5)] {
        let at = r.below(text.len() + 1);
        if text.is_char_boundary(at) {
            let insert = r.pick(&[
                "#endif\n",
                "#else\n",
                "\n#elif A\n",
                "/*",
                "*/",
                "\\\n",
                "\"",
                "'",
                "\r\n",
                "\r",
                "\0",
            ]);
            text.insert_str(at, insert);
        }
    }
    text.into_bytes()
}

fn flags(r: &mut Rng) -> Vec<String> {
    let mut f = Vec::new();
    for s in SYMBOLS {
        match r.below(6) {
            0 => f.push(format!("-D{s}")),
            1 => f.push(format!("-U{s}")),
            2 => f.push(format!(
                "-D{s}={}",
                r.pick(&["0", "2", "21353", "UPSTREAM_LINUX", "", "1UL", "x", "-1"])
            )),
            3 if r.chance(20) => f.push(format!("{}{s}", r.pick(&["-iD", "-iU"]))),
            _ => {}
        }
    }
    for (flag, percent) in [
        ("-k", 50),
        ("-K", 12),
        ("-c", 12),
        ("-b", 12),
        ("-B", 12),
        ("-n", 12),
        ("-e", 12),
        ("-t", 8),
    ] {
        if r.chance(percent) && !(flag == "-B" && f.iter().any(|x| x == "-b")) {
            f.push(flag.to_string());
        }
    }
    if r.chance(8) {
        f.push(r.pick(&["-x0", "-x1", "-x2"]).to_string());
    }
    if r.chance(5) {
        // Listing mode, with the symbol options before and after the listing flag.
        f.retain(|x| x.starts_with("-D") || x.starts_with("-U") || x.starts_with("-i"));
        let at = r.below(f.len() + 1);
        f.insert(at, r.pick(&["-s", "-S"]).to_string());
    }
    f
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rcocci-unifdef-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs one generated case through both implementations; `Err` describes a disagreement.
fn compare_seed(seed: u64) -> Result<(), String> {
    let mut r = Rng(seed);
    let text = source(&mut r);
    let args = flags(&mut r);
    let dir = scratch_dir();
    let name = format!("case{}.c", COUNTER.fetch_add(1, Ordering::Relaxed));
    std::fs::write(dir.join(&name), &text).expect("write case");
    let (ours, our_exit) = common::run_ours(&args, &text, &name);
    let (theirs, their_exit) = common::run_unifdef(&args, &dir, &name);
    let _ = std::fs::remove_file(dir.join(&name));
    // Error cases compare the exit status only (see the module comment).
    if our_exit == their_exit && (their_exit == 2 || ours == theirs) {
        return Ok(());
    }
    Err(format!(
        "seed {seed}: args {args:?}\ninput {:?}\nours (exit {our_exit}) {:?}\nunifdef (exit {their_exit}) {:?}",
        String::from_utf8_lossy(&text),
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs),
    ))
}

/// Replays the seeds listed in `UNIFDEF_DIFF_SEEDS` (comma-separated), as reported by a
/// failing run of `random_nestings_match_unifdef`; does nothing when it is unset.
#[test]
fn listed_seeds_match_unifdef() {
    let Ok(list) = std::env::var("UNIFDEF_DIFF_SEEDS") else {
        return;
    };
    if !common::have_unifdef() {
        return;
    }
    let failures: Vec<String> = list
        .split(',')
        .map(|s| {
            s.trim()
                .parse::<u64>()
                .expect("UNIFDEF_DIFF_SEEDS: numbers")
        })
        .filter_map(|seed| compare_seed(seed).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

proptest! {
    // 400 cases by default; `PROPTEST_CASES=N` runs more when hunting.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_nestings_match_unifdef(seed in 1u64..u64::MAX) {
        if !common::have_unifdef() {
            return Ok(());
        }
        if let Err(disagreement) = compare_seed(seed) {
            return Err(TestCaseError::fail(disagreement));
        }
    }
}
