//! Shared by the fixture and differential tests: loading fixtures, running the library the way
//! `rcocci unifdef` does, and running the installed `unifdef` when there is one.

#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use unifdef::args::{parse, Config, Parsed};

pub struct Fixture {
    pub name: String,
    pub dir: PathBuf,
    pub file_name: String,
    pub input: Vec<u8>,
    pub args: Vec<String>,
    pub exit: i32,
    pub expected: Vec<u8>,
}

pub fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".c"))
                .map(String::from)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read =
                |ext: &str| std::fs::read(dir.join(format!("{name}.{ext}"))).expect("fixture file");
            let args_text = String::from_utf8(read("args")).expect("utf-8 args");
            let mut lines = args_text.lines();
            let args = lines
                .next()
                .unwrap_or("")
                .split_whitespace()
                .map(String::from)
                .collect();
            let exit = lines
                .next()
                .and_then(|l| l.strip_prefix("exit "))
                .and_then(|n| n.trim().parse().ok())
                .expect("second line of .args: exit N");
            Fixture {
                file_name: format!("{name}.c"),
                input: read("c"),
                expected: read("expected"),
                dir: dir.clone(),
                args,
                exit,
                name,
            }
        })
        .collect()
}

pub fn config(args: &[String]) -> Config {
    let argv: Vec<OsString> = args.iter().map(OsString::from).collect();
    match parse(&argv) {
        Ok(Parsed::Run(c)) => *c,
        other => panic!("bad fixture arguments {args:?}: {other:?}"),
    }
}

/// What `rcocci unifdef ARGS FILE` prints and exits with, through the library. On an error
/// the output is the diagnostic (`LINE: message`).
pub fn run_ours(args: &[String], input: &[u8], file_name: &str) -> (Vec<u8>, i32) {
    let config = config(args);
    if let Some(style) = config.options.list_symbols {
        return match unifdef::list_symbols(input, &config.options, style) {
            Ok(listing) => ([config.listed_args_text(), listing].concat(), 0),
            Err(d) => (format!("{d}\n").into_bytes(), 2),
        };
    }
    match unifdef::strip_file(input, &config.options, Some(file_name)) {
        Ok(s) => {
            let code = match (config.exit_mode, s.altered) {
                (0, true) | (1, false) => 1,
                _ => 0,
            };
            (s.text, code)
        }
        Err(d) => (format!("{d}\n").into_bytes(), 2),
    }
}

/// Whether the reference `unifdef` is installed. CI sets `RCOCCI_REQUIRE_ORACLES`: there a
/// missing oracle fails the differential tests instead of skipping them.
pub fn have_unifdef() -> bool {
    let installed = Command::new("unifdef")
        .arg("-V")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        installed || std::env::var_os("RCOCCI_REQUIRE_ORACLES").is_none(),
        "unifdef is required (RCOCCI_REQUIRE_ORACLES is set) but not installed"
    );
    installed
}

/// What the reference printed and exited with.
pub struct OracleRun {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub exit: i32,
}

/// Runs the reference on `file_name` inside `dir`.
pub fn run_unifdef_capturing_errors(args: &[String], dir: &Path, file_name: &str) -> OracleRun {
    let out = Command::new("unifdef")
        .args(args)
        .arg(file_name)
        .current_dir(dir)
        .output()
        .expect("run unifdef");
    OracleRun {
        stdout: out.stdout,
        stderr: out.stderr,
        exit: out.status.code().unwrap_or(-1),
    }
}

/// Runs the reference on `file_name` inside `dir`: its standard output and exit status.
pub fn run_unifdef(args: &[String], dir: &Path, file_name: &str) -> (Vec<u8>, i32) {
    let run = run_unifdef_capturing_errors(args, dir, file_name);
    (run.stdout, run.exit)
}
