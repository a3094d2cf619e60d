//! `rcocci --parse-c PATH...` (issue 2): parse C files and report how much of them parsed.
//!
//! Output, on stdout, in sorted path order: one `FILE:LINE: message` line per bad region (a
//! run of lines covered by `ERROR` nodes), then exactly one summary line
//! `parse-c: F files, CF clean, L lines, B bad lines (P% good)`. Unreadable paths are
//! reported on stderr as `FILE: cannot read: reason` and counted as files with no lines that
//! are not clean. Exit code 0, or 2 when a `--macro-file` cannot be read or has errors.

use super::Args;
use crate::files;
use c_parser::{MacroTable, ParseOptions, SourceText};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn run(args: &Args) -> i32 {
    let macros = match load_macro_table(args.macro_file_builtins.as_deref(), &args.macro_files) {
        Ok(table) => Arc::new(table),
        Err(code) => return code,
    };
    let options = ParseOptions { macros, smpl: None };
    // spatch takes `--parse-c` as a mode and the files anywhere on the line.
    let paths: Vec<PathBuf> = args
        .parse_c
        .iter()
        .flatten()
        .chain(&args.paths)
        .cloned()
        .collect();
    if paths.is_empty() {
        eprintln!("rcocci: --parse-c needs at least one file or directory");
        return crate::ExitCode::Trouble as i32;
    }
    let found = files::collect_c_files(&paths, args.include_headers);

    let mut jobs: Vec<Job> = found.files.into_iter().map(Job::Parse).collect();
    jobs.extend(
        found
            .errors
            .into_iter()
            .map(|(path, e)| Job::Unreadable(path, e.to_string())),
    );
    jobs.sort_by(|a, b| a.path().cmp(b.path()));

    let reports: Vec<FileReport> = jobs
        .into_par_iter()
        .map(|job| match job {
            Job::Parse(path) => parse_file(path, &options),
            Job::Unreadable(path, reason) => FileReport::unreadable(path, reason),
        })
        .collect();

    let mut totals = Totals::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for report in &reports {
        if let Some(reason) = &report.read_error {
            // Flush first so that stdout and stderr interleave in path order on a terminal.
            let _ = out.flush();
            eprintln!("{}: cannot read: {reason}", report.path.display());
        }
        for (line, message) in &report.regions {
            let _ = writeln!(out, "{}:{line}: {message}", report.path.display());
        }
        totals.add(report);
    }
    let _ = writeln!(out, "{}", totals.summary());
    let _ = out.flush();
    0
}

/// The macro table for a run: the built-in set, or instead of it the `--macro-file-builtins`
/// file (spatch's replacement for its standard.h), then each `--macro-file` in order (later
/// definitions win). A file that cannot be read or has bad lines is reported on stderr
/// (`FILE: cannot read: reason`, `FILE:LINE: message`) and gives exit code 2.
pub(crate) fn load_macro_table(
    builtins_file: Option<&Path>,
    macro_files: &[PathBuf],
) -> Result<MacroTable, i32> {
    let mut table = if builtins_file.is_some() {
        MacroTable::empty()
    } else {
        MacroTable::builtin()
    };
    let mut failed = false;
    for path in builtins_file
        .into_iter()
        .chain(macro_files.iter().map(PathBuf::as_path))
    {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{}: cannot read: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let source = SourceText::decode(&bytes);
        match table.add_macro_file_counting_code(source.as_str()) {
            Ok(0) => {}
            Ok(n) => eprintln!("{}", crate::cli::code_lines_warning(path, n)),
            Err(errors) => {
                for error in errors {
                    eprintln!("{}:{}: {}", path.display(), error.line, error.message);
                }
                failed = true;
            }
        }
    }
    if failed {
        Err(crate::ExitCode::Trouble as i32)
    } else {
        Ok(table)
    }
}

enum Job {
    Parse(PathBuf),
    Unreadable(PathBuf, String),
}

impl Job {
    fn path(&self) -> &Path {
        match self {
            Job::Parse(path) | Job::Unreadable(path, _) => path,
        }
    }
}

/// What `--parse-c` found in one file.
#[derive(Debug)]
struct FileReport {
    path: PathBuf,
    lines: usize,
    bad_lines: usize,
    clean: bool,
    /// (1-based first line, message) per bad region, in file order.
    regions: Vec<(usize, String)>,
    read_error: Option<String>,
}

impl FileReport {
    fn unreadable(path: PathBuf, reason: String) -> FileReport {
        FileReport {
            path,
            lines: 0,
            bad_lines: 0,
            clean: false,
            regions: Vec::new(),
            read_error: Some(reason),
        }
    }
}

fn parse_file(path: PathBuf, options: &ParseOptions) -> FileReport {
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => return FileReport::unreadable(path, e.to_string()),
    };
    let source = SourceText::decode(&bytes);
    let text = source.as_str();
    let lines = count_lines(text);
    // A parser bug on one file must not stop the run over the others: report it as a file
    // whose every line is bad. Only the errors are reported, so no tree is built (the same
    // errors as `c_parser::parse` gives).
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let errors = c_parser::parse_errors(text, options);
        let ranges = c_parser::line_ranges_of_errors(&errors, text);
        let sites = c_parser::sites_of_errors(&errors, text);
        (errors.is_empty(), ranges, sites)
    }));
    match parsed {
        Ok((clean, ranges, sites)) => FileReport {
            path,
            lines,
            bad_lines: ranges.iter().map(|(first, last)| last - first + 1).sum(),
            clean,
            regions: regions(&ranges, &sites),
            read_error: None,
        },
        Err(panic) => {
            let reason = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown cause");
            FileReport {
                path,
                lines,
                bad_lines: lines,
                clean: false,
                regions: vec![(1, format!("internal error: the parser panicked: {reason}"))],
                read_error: None,
            }
        }
    }
}

/// Number of lines; a final line without a newline counts, an empty text has none.
fn count_lines(text: &str) -> usize {
    let newlines = text.bytes().filter(|&b| b == b'\n').count();
    newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))
}

/// One `(line, message)` per bad region (1-based inclusive line ranges from the parser),
/// with the first error message that starts inside the region.
fn regions(ranges: &[(usize, usize)], sites: &[(usize, String)]) -> Vec<(usize, String)> {
    ranges
        .iter()
        .map(|&(first, last)| {
            let message = sites
                .iter()
                .filter(|(line, _)| (first..=last).contains(line))
                .min_by_key(|(line, _)| *line)
                .map_or("syntax error", |(_, message)| message.as_str());
            (first, one_line(message))
        })
        .collect()
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Totals {
    files: usize,
    clean: usize,
    lines: usize,
    bad_lines: usize,
}

impl Totals {
    fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.clean += usize::from(report.clean);
        self.lines += report.lines;
        self.bad_lines += report.bad_lines;
    }

    fn summary(&self) -> String {
        let good = if self.lines == 0 {
            100.0
        } else {
            100.0 * (self.lines - self.bad_lines.min(self.lines)) as f64 / self.lines as f64
        };
        let mut s = String::new();
        let _ = write!(
            s,
            "parse-c: {} files, {} clean, {} lines, {} bad lines ({good:.2}% good)",
            self.files, self.clean, self.lines, self.bad_lines
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counts() {
        assert_eq!(count_lines(""), 0);
        assert_eq!(count_lines("a"), 1);
        assert_eq!(count_lines("a\n"), 1);
        assert_eq!(count_lines("a\nb"), 2);
        assert_eq!(count_lines("\n\n"), 2);
    }

    #[test]
    fn each_region_takes_its_first_message() {
        let ranges = [(2, 3), (5, 5), (8, 9)];
        let sites = vec![
            (3, "second".to_string()),
            (2, "first\n  error".to_string()),
            (5, "only".to_string()),
        ];
        assert_eq!(
            regions(&ranges, &sites),
            vec![
                (2, "first error".to_string()),
                (5, "only".to_string()),
                (8, "syntax error".to_string())
            ]
        );
    }

    #[test]
    fn summary_format() {
        let mut t = Totals::default();
        assert_eq!(
            t.summary(),
            "parse-c: 0 files, 0 clean, 0 lines, 0 bad lines (100.00% good)"
        );
        t = Totals {
            files: 3,
            clean: 2,
            lines: 300,
            bad_lines: 1,
        };
        assert_eq!(
            t.summary(),
            "parse-c: 3 files, 2 clean, 300 lines, 1 bad lines (99.67% good)"
        );
    }

    #[test]
    fn macro_file_builtins_replaces_the_built_in_set() {
        let dir = std::env::temp_dir().join(format!("rcocci-macro-table-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let std_h = dir.join("std.h");
        let extra_h = dir.join("extra.h");
        std::fs::write(&std_h, "#define __osd_attr\n").expect("write");
        std::fs::write(&extra_h, "#define DRIVER_FMT \"%s\"\n").expect("write");

        let builtin = load_macro_table(None, std::slice::from_ref(&extra_h)).expect("loads");
        assert!(builtin.lookup("__user").is_some());
        assert!(builtin.lookup("DRIVER_FMT").is_some());

        let replaced = load_macro_table(Some(&std_h), &[extra_h]).expect("loads");
        assert!(replaced.lookup("__user").is_none());
        assert!(replaced.lookup("__osd_attr").is_some());
        assert!(replaced.lookup("DRIVER_FMT").is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
