//! rcocci's flags, parsed with clap after `spatch_compat::prepare` has rewritten spatch's
//! spellings and taken out the spatch options rcocci does not implement. This module depends
//! on clap alone: the build script includes it to generate shell completions and the man page.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

/// What the transform command prints on stdout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Unified diffs, as spatch prints them.
    #[default]
    Diff,
    /// One JSON object per line: each match and each changed file (schema in docs/design/cli.md).
    Json,
    /// A SARIF 2.1.0 log (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

const AFTER_HELP: &str = "\
Exit status:
  0  nothing to change, or the changes were applied (--in-place, -o)
  1  --check found files that would change
  2  an error: bad usage, a rule file that does not parse, a file that could not be
     read, processed or written (the other files are still processed)

Only files that some rule may match (their text holds the names the rule needs) are parsed,
so regions that do not parse are reported for those files; `--parse-c` reports on all.

Options of spatch that rcocci has no use for are accepted with a one-line note, or refused
with the reason; see docs/design/cli.md.

Explaining a place:
  rcocci --sp-file R.cocci --explain FILE:LINE
  rcocci explain [flags] R.cocci FILE:LINE...
  For each rule: matched (the bindings and the change), or why not: the pattern token and
  the code where matching stopped, a metavariable constraint, type or `when` clause that
  refused, a false `depends on`, an empty inherited environment, the prefilter, or code
  that did not parse.

Subcommands:
  rcocci unifdef [unifdef flags] PATH...   strip #if blocks as unifdef does
  rcocci explain [flags] R.cocci FILE:LINE...   as --explain";

#[derive(Parser, Debug, Default)]
#[command(
    name = "rcocci",
    version,
    about = "Semantic patches for C, compatible with Coccinelle's spatch",
    disable_version_flag = true,
    after_help = AFTER_HELP
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

    /// Directory to process (recursing into .c files); diff headers name files relative to it,
    /// as spatch's do.
    #[arg(long = "dir", value_name = "DIR")]
    pub dir: Vec<PathBuf>,

    /// Also process .h files when recursing into directories.
    #[arg(long = "include-headers")]
    pub include_headers: bool,

    /// Write the result for the (single) input file to OUT, changed or not.
    #[arg(short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Rewrite files in place (temporary file + rename; owner and mode kept; a file edited
    /// during the run is not overwritten).
    #[arg(long = "in-place")]
    pub in_place: bool,

    /// Also write read-only files, files with several hard links (rewritten in place, for
    /// every link) and files whose owner cannot be kept.
    #[arg(long = "force")]
    pub force: bool,

    /// Give up on a file after SECONDS (checked between rules); it is left as it is and
    /// reported. 0 means no limit.
    #[arg(long = "timeout", value_name = "SECONDS")]
    pub timeout: Option<f64>,

    /// Output format.
    #[arg(long = "format", value_enum, default_value_t = Format::Diff)]
    pub format: Format,

    /// Lines of context in diffs.
    #[arg(short = 'U', value_name = "N", default_value_t = 3)]
    pub context: usize,

    /// Skip files whose path starts with PREFIX.
    #[arg(long = "ignore", value_name = "PREFIX")]
    pub ignore: Vec<String>,

    /// With --index: process only every MAX-th file (one of MAX processes sharing the work).
    #[arg(long = "max", value_name = "MAX", requires = "index")]
    pub max: Option<usize>,

    /// With --max: which share of the files this process takes (0 to MAX-1).
    #[arg(long = "index", value_name = "I", requires = "max")]
    pub index: Option<usize>,

    /// Diff headers name files relative to DIR.
    #[arg(long = "patch", value_name = "DIR")]
    pub patch: Option<PathBuf>,

    /// Print the shell completion script for SHELL (bash, zsh, fish, elvish, powershell).
    #[arg(long = "completions", value_name = "SHELL")]
    pub completions: Option<String>,

    /// Print the man page (roff).
    #[arg(long = "man-page")]
    pub man_page: bool,

    /// Print the version line (spatch's shape: the third word is the spatch release whose
    /// behaviour rcocci follows).
    #[arg(long = "version")]
    pub version: bool,

    /// Say, for each rule, why it did or did not match the statement at FILE:LINE (instead
    /// of transforming anything). Repeatable.
    #[arg(long = "explain", value_name = "FILE:LINE")]
    pub explain: Vec<String>,

    /// Check mode: print the diff and exit 1 if any file would change.
    #[arg(long = "check")]
    pub check: bool,

    /// Directory where included headers are looked for (their typedefs, globals and struct
    /// fields give expressions their types).
    #[arg(short = 'I', value_name = "DIR")]
    pub include_dirs: Vec<PathBuf>,

    /// Read no included header for types.
    #[arg(long = "no-includes")]
    pub no_includes: bool,

    /// Read the file's local includes (`#include "x.h"`) and the header named like the file
    /// for types (the default).
    #[arg(long = "local-includes")]
    pub local_includes: bool,

    /// Read every header the file includes, found beside it or on the -I path, for types.
    #[arg(long = "all-includes")]
    pub all_includes: bool,

    /// Read every header the file includes, and those they include, for types.
    #[arg(long = "recursive-includes")]
    pub recursive_includes: bool,

    /// Headers are read for types only (rcocci never transforms a header it was not given).
    #[arg(long = "include-headers-for-types")]
    pub include_headers_for_types: bool,

    /// Size in bits of `int`, for the type of integer constants (with --long-bits).
    #[arg(long = "int-bits", value_name = "N", value_parser = clap::value_parser!(u32).range(8..=128))]
    pub int_bits: Option<u32>,

    /// Size in bits of `long`, for the type of integer constants (with --int-bits).
    #[arg(long = "long-bits", value_name = "N", value_parser = clap::value_parser!(u32).range(8..=128))]
    pub long_bits: Option<u32>,

    /// File of #define lines telling the parser what macros mean.
    #[arg(long = "macro-file", value_name = "FILE")]
    pub macro_files: Vec<PathBuf>,

    /// Macro file replacing the built-in macro knowledge (spatch's standard.h).
    #[arg(long = "macro-file-builtins", value_name = "FILE")]
    pub macro_file_builtins: Option<PathBuf>,

    /// Isomorphism file (standard.iso format).
    #[arg(long = "iso-file", visible_alias = "iso", value_name = "FILE")]
    pub iso_file: Option<PathBuf>,

    /// Do not load any isomorphisms.
    #[arg(long = "no-iso")]
    pub no_iso: bool,

    /// Number of threads (default: all cores). spatch's --chunksize is accepted and ignored.
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,

    /// Print nothing but the diff (no notes, no progress, no summary).
    #[arg(long = "very-quiet")]
    pub very_quiet: bool,

    /// No summary at the end.
    #[arg(long = "quiet")]
    pub quiet: bool,

    /// Do not print the diff.
    #[arg(long = "no-show-diff")]
    pub no_show_diff: bool,

    /// Apply every rule to every file, even to a file that lacks the names a rule needs.
    #[arg(long = "disable-worth-trying-opt")]
    pub disable_worth_trying_opt: bool,

    /// Refuse rule files with script code (`@script:...@`, `@initialize:...@`, script
    /// constraints): for running rule files that are not trusted.
    #[arg(long = "no-scripts")]
    pub no_scripts: bool,

    /// Set a virtual rule (for `depends on`), or a virtual identifier with NAME=VALUE; a
    /// name the rule file does not declare is an error.
    #[arg(short = 'D', value_name = "NAME")]
    pub defines: Vec<String>,

    /// C files to transform (directories recurse).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}
