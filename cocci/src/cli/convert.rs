//! `rcocci convert PROFILE TREE [-o OUT] [--check | --diff]` (issue 17): runs a conversion
//! profile over a tree, in place or into a converted copy, and prints a summary per step and
//! the sites it could not convert as `FILE:LINE: API: reason`.
//!
//! Exit codes: 0 done (with `--check`: nothing would change); 1 `--check` found changes;
//! 2 bad input (profile, rule file, unreadable file or tree).

use crate::convert::{profile, step_times, step_totals, Converter, FileResult};
use clap::Parser;
use rayon::prelude::*;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "rcocci convert",
    about = "Convert a source tree as a profile describes (strip, versions, renames, rule files)"
)]
struct ConvertArgs {
    /// The profile (TOML).
    profile: PathBuf,
    /// The tree to convert.
    tree: PathBuf,
    /// Write the converted tree to OUT (a new or empty directory); TREE is left alone.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: Option<PathBuf>,
    /// Write nothing; print the diff and exit 1 if a file would change.
    #[arg(long, conflicts_with_all = ["diff", "output"])]
    check: bool,
    /// Write nothing; print the diff.
    #[arg(long, conflicts_with = "output")]
    diff: bool,
    /// Threads (default: one per core).
    #[arg(short = 'j', long = "jobs")]
    jobs: Option<usize>,
}

/// Runs the subcommand (arguments after `convert`) and returns the exit code.
pub fn run(argv: &[OsString]) -> i32 {
    let args = match ConvertArgs::try_parse_from(
        std::iter::once(OsString::from("rcocci convert")).chain(argv.iter().cloned()),
    ) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run_inner(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("rcocci convert: {message}");
            2
        }
    }
}

fn run_inner(args: &ConvertArgs) -> Result<i32, String> {
    if let Some(n) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let profile = profile::load(&args.profile)?;
    if !args.tree.is_dir() {
        return Err(format!("{}: not a directory", args.tree.display()));
    }
    if let Some(out) = &args.output {
        check_output_dir(&args.tree, out)?;
    }
    let converter = Converter::new(profile)?;
    let results = converter.convert_tree(&args.tree)?;
    let diff_only = args.check || args.diff;
    let mut trouble = false;
    if diff_only {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for r in &results {
            if let Some(new) = &r.new_text {
                let p = crate::output::diff_path(&r.path, None);
                let diff = rewriter::unified_diff(
                    &r.original,
                    new,
                    &crate::output::quote_name(&[b"a/".as_slice(), &p].concat()),
                    &crate::output::quote_name(&[b"b/".as_slice(), &p].concat()),
                    crate::output::CONTEXT_LINES,
                );
                let _ = out.write_all(diff.as_bytes());
            }
        }
    } else {
        let target = args.output.as_deref().unwrap_or(&args.tree);
        if let Some(out) = &args.output {
            copy_tree(&args.tree, out)?;
        }
        // Each write waits for its flush to disk: the writes run side by side, and each
        // directory is flushed once, after its renames.
        let dir_sync = crate::write::DirSync::default();
        let policy = crate::write::WritePolicy {
            force: false,
            dir_sync: Some(&dir_sync),
        };
        let failures: Vec<String> = results
            .par_iter()
            .filter_map(|r| {
                let bytes = r.new_bytes()?;
                let path = target.join(&r.path);
                let written = crate::write::write_file(&path, &bytes, None, policy);
                written
                    .err()
                    .map(|e| format!("{}: cannot write: {e}", path.display()))
            })
            .collect();
        let unflushed = dir_sync
            .sync_all()
            .into_iter()
            .map(|(dir, e)| format!("{}: cannot flush the directory to disk: {e}", dir.display()));
        for failure in failures.into_iter().chain(unflushed) {
            eprintln!("rcocci convert: {failure}");
            trouble = true;
        }
    }
    let summary = summary(&converter, args, &results);
    if diff_only {
        eprint!("{summary}");
    } else {
        print!("{summary}");
    }
    for r in &results {
        if let Some(e) = &r.error {
            eprintln!("rcocci convert: {e}");
            trouble = true;
        }
    }
    let changed = results.iter().any(|r| r.new_text.is_some());
    Ok(if trouble {
        2
    } else if args.check && changed {
        1
    } else {
        0
    })
}

/// The summary per step and the report of what was not converted.
fn summary(converter: &Converter, args: &ConvertArgs, results: &[FileResult]) -> String {
    let mut s = String::new();
    let changed = results.iter().filter(|r| r.new_text.is_some()).count();
    s.push_str(&format!(
        "convert: {} on {}: {} files, {} changed\n",
        args.profile.display(),
        args.tree.display(),
        results.len(),
        changed
    ));
    let times = step_times(&converter.steps, results);
    for ((step, (files, sites)), time) in converter
        .steps
        .iter()
        .zip(step_totals(&converter.steps, results))
        .zip(times)
    {
        s.push_str(&format!(
            "  {:<28} {files:>5} files {sites:>7} {:<32} {:>7.2} s\n",
            step.name,
            step.unit,
            time.as_secs_f64()
        ));
    }
    let sites: usize = results.iter().map(|r| r.report.len()).sum();
    s.push_str(&format!("not converted: {sites} sites\n"));
    for r in results {
        for note in &r.report {
            s.push_str(&format!(
                "{}:{}: {}\n",
                args.tree.join(&r.path).display(),
                note.line,
                note.message
            ));
        }
    }
    s
}

/// OUT must be new or an empty directory, and not inside TREE.
fn check_output_dir(tree: &Path, out: &Path) -> Result<(), String> {
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{}: exists and is not an empty directory",
                out.display()
            ));
        }
    }
    let tree = tree
        .canonicalize()
        .map_err(|e| format!("{}: {e}", tree.display()))?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(p) = parent.canonicalize() {
        if p.starts_with(&tree) {
            return Err(format!("{}: the output is inside the tree", out.display()));
        }
    }
    Ok(())
}

/// Copies every file of `from` into `to` (directories created; symbolic links to
/// directories are not followed).
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if kind.is_dir() {
            copy_tree(&path, &dest)?;
        } else if path.is_file() {
            std::fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
