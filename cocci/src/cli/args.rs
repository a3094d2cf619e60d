//! spatch-compatible flags (the subset users know), parsed with clap.
//!
//! spatch also accepts single-dash long flags (`-sp_file`, `-macro_file`); `normalize_spatch_flags`
//! rewrites those to the double-dash forms before clap sees them.

use clap::Parser;
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Parser, Debug, Default)]
#[command(
    name = "rcocci",
    version,
    about = "Semantic patches for C, compatible with Coccinelle's spatch",
    after_help = "Subcommands:\n  rcocci unifdef [unifdef flags] PATH...   strip #if blocks as unifdef does"
)]
pub struct Args {
    /// Semantic patch file to apply.
    #[arg(
        long = "sp-file",
        visible_alias = "cocci-file",
        short = 'c',
        value_name = "FILE"
    )]
    pub sp_file: Option<PathBuf>,

    /// Semantic patch given inline, or a path to a rule file.
    #[arg(long = "sp", value_name = "RULE")]
    pub sp: Option<String>,

    /// Parse C files (recursing into directories) and print parse statistics. The paths may
    /// also come later on the line, as in spatch's `--parse-c -j 1 DIR`.
    #[arg(long = "parse-c", value_name = "PATH", num_args = 0..)]
    pub parse_c: Option<Vec<PathBuf>>,

    /// Parse a rule file and print a normalised dump of each rule.
    #[arg(long = "parse-cocci", value_name = "FILE")]
    pub parse_cocci: Option<PathBuf>,

    /// Directory to process (recursing into .c files).
    #[arg(long = "dir", value_name = "DIR")]
    pub dir: Vec<PathBuf>,

    /// Also process .h files when recursing into directories.
    #[arg(long = "include-headers")]
    pub include_headers: bool,

    /// Write the result for the (single) input file to OUT, changed or not.
    #[arg(short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Rewrite files in place (temporary file + rename, permissions kept).
    #[arg(long = "in-place")]
    pub in_place: bool,

    /// Check mode: print the diff and exit 1 if any file would change.
    #[arg(long = "check")]
    pub check: bool,

    /// Include directory (accepted for compatibility; headers are found there).
    #[arg(short = 'I', value_name = "DIR")]
    pub include_dirs: Vec<PathBuf>,

    /// File of #define lines telling the parser what macros mean.
    #[arg(long = "macro-file", value_name = "FILE")]
    pub macro_files: Vec<PathBuf>,

    /// Like --macro-file (spatch's name for the built-in set's replacement).
    #[arg(long = "macro-file-builtins", value_name = "FILE")]
    pub macro_file_builtins: Option<PathBuf>,

    /// Isomorphism file (standard.iso format).
    #[arg(long = "iso-file", value_name = "FILE")]
    pub iso_file: Option<PathBuf>,

    /// Do not load any isomorphisms.
    #[arg(long = "no-iso")]
    pub no_iso: bool,

    /// Number of threads (default: all cores).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,

    /// Print nothing but the diff.
    #[arg(long = "very-quiet")]
    pub very_quiet: bool,

    /// Print less.
    #[arg(long = "quiet")]
    pub quiet: bool,

    /// Do not print the diff.
    #[arg(long = "no-show-diff")]
    pub no_show_diff: bool,

    /// Accepted for compatibility: rcocci does not prefilter files yet.
    #[arg(long = "disable-worth-trying-opt")]
    pub disable_worth_trying_opt: bool,

    /// Define a virtual rule name (for `depends on`).
    #[arg(short = 'D', value_name = "NAME")]
    pub defines: Vec<String>,

    /// C files to transform (directories recurse).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Rewrites spatch's single-dash and underscore spellings (`-sp_file`) into clap's (`--sp-file`).
pub fn normalize_spatch_flags(argv: Vec<OsString>) -> Vec<OsString> {
    const LONG: &[&str] = &[
        "sp_file",
        "sp-file",
        "cocci_file",
        "cocci-file",
        "parse_c",
        "parse-c",
        "parse_cocci",
        "parse-cocci",
        "dir",
        "include_headers",
        "include-headers",
        "in_place",
        "in-place",
        "macro_file",
        "macro-file",
        "macro_file_builtins",
        "macro-file-builtins",
        "iso_file",
        "iso-file",
        "no_iso",
        "no-iso",
        "very_quiet",
        "very-quiet",
        "quiet",
        "no_show_diff",
        "no-show-diff",
        "disable_worth_trying_opt",
        "disable-worth-trying-opt",
        "jobs",
    ];
    argv.into_iter()
        .enumerate()
        .map(|(i, a)| {
            if i == 0 {
                return a;
            }
            let Some(s) = a.to_str() else { return a };
            let bare = s.trim_start_matches('-');
            let dashes = s.len() - bare.len();
            let (name, rest) = match bare.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (bare, None),
            };
            if (dashes == 1 || dashes == 2) && LONG.contains(&name) {
                let mut out = format!("--{}", name.replace('_', "-"));
                if let Some(v) = rest {
                    out.push('=');
                    out.push_str(v);
                }
                OsString::from(out)
            } else {
                a
            }
        })
        .collect()
}

/// Parses the command line; on error or `--help`, prints and returns the exit code.
pub fn parse(argv: Vec<OsString>) -> Result<Args, i32> {
    match Args::try_parse_from(normalize_spatch_flags(argv)) {
        Ok(a) => Ok(a),
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            Err(code)
        }
    }
}
