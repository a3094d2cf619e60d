//! spatch's command line as scripts write it, turned into rcocci's.
//!
//! spatch accepts single-dash long flags and underscores (`-sp_file`, `-very_quiet`); those are
//! rewritten to clap's `--sp-file`. Every other option of spatch 1.1.1 is in [`SPATCH_ONLY`]:
//! accepted because rcocci already behaves that way, accepted with a one-line note because
//! rcocci has no equivalent and the run is still meaningful, or refused with the reason. So
//! no spatch command line fails with "unexpected argument". After `--` nothing is rewritten
//! (a file may be called `-quiet`).

use std::ffi::OsString;

/// Long flags rcocci implements itself (clap's spelling, without the dashes).
const NATIVE: &[&str] = &[
    "sp-file",
    "cocci-file",
    "sp",
    "parse-c",
    "parse-cocci",
    "dir",
    "include-headers",
    "no-includes",
    "local-includes",
    "all-includes",
    "recursive-includes",
    "include-headers-for-types",
    "int-bits",
    "long-bits",
    "in-place",
    "check",
    "force",
    "macro-file",
    "macro-file-builtins",
    "iso-file",
    "iso",
    "no-iso",
    "jobs",
    "very-quiet",
    "quiet",
    "no-show-diff",
    "disable-worth-trying-opt",
    "timeout",
    "ignore",
    "max",
    "index",
    "patch",
    "format",
    "version",
    "help",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arity {
    Flag,
    Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Treatment {
    /// rcocci already does what the option asks: accepted silently.
    Same,
    /// Accepted with this note on stderr (not with `--very-quiet`).
    Note(&'static str),
    /// Refused (exit 2) for this reason.
    Refuse(&'static str),
}

use Arity::{Flag, Value};
use Treatment::{Note, Refuse, Same};

const NO_DEBUG: Treatment = Note("spatch's debugging output; rcocci has none, ignored");
const NO_EXTRA_HEADERS: Treatment =
    Note("rcocci reads only the headers a file includes itself, ignored");
const NO_CTL: Treatment =
    Note("tunes spatch's CTL engine; rcocci's matcher has no such switch, ignored");
const NO_TEST_MODE: Treatment =
    Refuse("spatch's test-suite runner; rcocci has none (use `figures conformance`)");
const NO_ACTION: Treatment =
    Refuse("a spatch debugging mode rcocci does not have (rcocci has --parse-c and --parse-cocci)");
const NO_LAYOUT: Treatment =
    Note("rcocci lays out added code one way (the file's own indentation), ignored");

/// spatch 1.1.1's options that rcocci does not implement as such, with their arity.
const SPATCH_ONLY: &[(&str, Arity, Treatment)] = &[
    (
        "opt-c",
        Value,
        Refuse("give the C file as an argument if it exists"),
    ),
    (
        "suffix",
        Value,
        Refuse("rcocci makes no backup files; use version control"),
    ),
    ("out-place", Flag, Refuse("write the result with -o FILE")),
    (
        "reverse",
        Flag,
        Refuse("rcocci cannot invert a semantic patch"),
    ),
    (
        "partial-match",
        Flag,
        Refuse("rcocci does not report partial matches"),
    ),
    ("include", Value, NO_EXTRA_HEADERS),
    ("no-include-cache", Flag, Same),
    ("relax-include-path", Flag, Same),
    (
        "preprocess",
        Flag,
        Note("files are not run through the C preprocessor, ignored"),
    ),
    (
        "file-groups",
        Value,
        Refuse("file groups are not supported; name the files"),
    ),
    ("no-scanner", Flag, Same),
    ("use-gitgrep", Flag, Same),
    ("use-glimpse", Flag, Same),
    ("use-idutils", Flag, Same),
    ("use-coccigrep", Flag, Same),
    (
        "kbuild-info",
        Value,
        Note("rcocci does not group files by kbuild information, ignored"),
    ),
    (
        "python",
        Value,
        Note("rcocci does not run Python script rules yet, ignored"),
    ),
    (
        "pyoutput",
        Value,
        Note("rcocci does not run Python script rules yet, ignored"),
    ),
    (
        "parse-handler",
        Value,
        Note("parse errors are reported by rcocci itself, ignored"),
    ),
    ("print-options-only", Flag, Refuse("not supported")),
    ("date", Flag, Note("no date to print")),
    ("show-diff", Flag, Same),
    ("force-diff", Flag, Same),
    ("show-trying", Flag, NO_DEBUG),
    ("show-dependencies", Flag, NO_DEBUG),
    ("show-bindings", Flag, NO_DEBUG),
    ("show-transinfo", Flag, NO_DEBUG),
    ("show-misc", Flag, NO_DEBUG),
    ("ctl-inline-let", Flag, NO_CTL),
    ("ctl-show-mcodekind", Flag, NO_DEBUG),
    ("verbose-ctl-engine", Flag, NO_DEBUG),
    ("verbose-match", Flag, NO_DEBUG),
    ("verbose-engine", Flag, NO_DEBUG),
    ("graphical-trace", Flag, NO_DEBUG),
    ("gt-without-label", Flag, NO_DEBUG),
    ("parse-error-msg", Flag, Same),
    ("verbose-parsing", Flag, Same),
    ("verbose-includes", Flag, NO_DEBUG),
    ("type-error-msg", Flag, NO_DEBUG),
    ("show-c", Flag, NO_DEBUG),
    ("show-cocci", Flag, NO_DEBUG),
    ("show-before-fixed-flow", Flag, NO_DEBUG),
    ("show-ctl-tex", Flag, NO_DEBUG),
    ("show-ctl-text", Flag, NO_DEBUG),
    ("show-SP", Flag, NO_DEBUG),
    ("debug-cpp", Flag, NO_DEBUG),
    ("debug-lexer", Flag, NO_DEBUG),
    ("debug-etdt", Flag, NO_DEBUG),
    ("debug-typedef", Flag, NO_DEBUG),
    ("filter-msg", Flag, Same),
    ("filter-define-error", Flag, Same),
    ("filter-msg-define-error", Flag, Same),
    ("filter-passed-level", Flag, Same),
    ("debug-unparsing", Flag, NO_DEBUG),
    ("debug-parse-cocci", Flag, NO_DEBUG),
    ("debug", Flag, NO_DEBUG),
    ("pad", Flag, NO_DEBUG),
    (
        "profile",
        Flag,
        Note("no profile is gathered; the summary gives the counts"),
    ),
    (
        "profile-per-file",
        Flag,
        Note("no profile is gathered; the summary gives the counts"),
    ),
    ("bench", Value, NO_DEBUG),
    (
        "steps",
        Value,
        Note("rcocci bounds matching with its own step budget, ignored"),
    ),
    (
        "iso-limit",
        Value,
        Note("rcocci applies isomorphisms one level deep, ignored"),
    ),
    (
        "no-iso-limit",
        Flag,
        Note("rcocci applies isomorphisms one level deep, ignored"),
    ),
    ("track-iso", Flag, NO_DEBUG),
    (
        "disable-iso",
        Value,
        Note("isomorphisms cannot be disabled one by one (use --iso-file), ignored"),
    ),
    ("profile-iso", Flag, NO_DEBUG),
    (
        "keep-comments",
        Flag,
        Note("comments of removed code are removed with it, as without the flag"),
    ),
    ("loop", Flag, NO_CTL),
    ("no-loops", Flag, NO_CTL),
    ("no-gotos", Flag, NO_CTL),
    ("no-saved-typedefs", Flag, Same),
    (
        "ocaml-regexps",
        Flag,
        Refuse("rcocci's regular expressions use PCRE syntax, not OCaml Str's"),
    ),
    ("l1", Flag, NO_CTL),
    ("ifdef-to-if", Flag, Same),
    (
        "no-ifdef-to-if",
        Flag,
        Note("#ifdef branches are always matched as code, ignored"),
    ),
    ("disable-multi-pass", Flag, Same),
    (
        "noif0-passing",
        Flag,
        Note("#if 0 blocks are never matched, ignored"),
    ),
    ("itu", Flag, Note("experimental spatch extension, ignored")),
    (
        "defined",
        Value,
        Note("#ifdef is not evaluated (see rcocci unifdef), ignored"),
    ),
    (
        "undefined",
        Value,
        Note("#ifdef is not evaluated (see rcocci unifdef), ignored"),
    ),
    ("noadd-typedef-root", Flag, Same),
    ("disallow-nested-exps", Flag, NO_CTL),
    ("selected-only", Flag, Same),
    ("only-return-is-error-exit", Flag, NO_CTL),
    ("allow-inconsistent-paths", Flag, NO_CTL),
    ("no-safe-expressions", Flag, NO_CTL),
    ("linux-spacing", Flag, Same),
    ("smpl-spacing", Flag, NO_LAYOUT),
    ("indent", Value, NO_LAYOUT),
    ("max-width", Value, NO_LAYOUT),
    ("c++", Flag, Refuse("rcocci parses C only")),
    (
        "ibm",
        Flag,
        Refuse("rcocci does not parse IBM C extensions"),
    ),
    ("force-kr", Flag, Same),
    ("prevent-kr", Flag, Same),
    ("debugger", Flag, NO_DEBUG),
    ("disable-once", Flag, NO_DEBUG),
    ("show-trace-profile", Flag, NO_DEBUG),
    ("save-tmp-files", Flag, Same),
    (
        "external-analysis-file",
        Value,
        Refuse("external analyses are not supported"),
    ),
    ("mod-distrib", Flag, Same),
    ("chunksize", Value, Same),
    ("tmp-dir", Value, Same),
    ("temp-files", Value, Same),
    ("use-cache", Flag, Same),
    ("cache-prefix", Value, Same),
    ("cache-limit", Value, Same),
    ("test", Value, NO_TEST_MODE),
    ("testall", Flag, NO_TEST_MODE),
    ("test-spacing", Flag, NO_TEST_MODE),
    ("test-okfailed", Flag, NO_TEST_MODE),
    ("test-regression-okfailed", Flag, NO_TEST_MODE),
    ("compare-with-expected", Flag, NO_TEST_MODE),
    ("expected-extension", Value, NO_TEST_MODE),
    ("expected-score-file", Value, NO_TEST_MODE),
    ("expected-spacing-score-file", Value, NO_TEST_MODE),
    ("no-update-score-file", Flag, NO_TEST_MODE),
    ("tokens-c", Value, NO_ACTION),
    (
        "parse-h",
        Value,
        Refuse("use --parse-c (it reads the named .h files too)"),
    ),
    (
        "parse-ch",
        Value,
        Refuse("use --parse-c (it reads the named .h files too)"),
    ),
    ("parse-i", Value, NO_ACTION),
    ("parse-c++", Value, Refuse("rcocci parses C only")),
    ("parse", Value, Refuse("use --parse-c")),
    ("show-flow", Value, NO_ACTION),
    ("control-flow", Value, NO_ACTION),
    ("control-flow-to-file", Value, NO_ACTION),
    ("test-cfg-ifdef", Value, NO_ACTION),
    ("parse-unparse", Value, NO_ACTION),
    ("type-c", Value, NO_ACTION),
    ("compare-c", Value, NO_ACTION),
    ("comment-annotater-c", Value, NO_ACTION),
    ("compare-c-hardcoded", Flag, NO_ACTION),
    ("test-attributes", Value, NO_ACTION),
    ("test-cpp", Value, NO_ACTION),
    ("extract-macros", Value, NO_ACTION),
    ("extract-macros-select", Value, NO_ACTION),
    ("xxx", Value, NO_ACTION),
    ("rule-dependencies", Value, NO_ACTION),
];

/// The command line clap gets, and the notes for the options it does not.
#[derive(Debug, Default)]
pub struct Prepared {
    pub argv: Vec<OsString>,
    pub notes: Vec<String>,
}

/// The spelling of a long option as clap wants it (`-sp_file` → `sp-file`), with its
/// `=value` if it had one; `None` for what is not a long option.
/// A one-letter option of rcocci's command line (`-D`, `-I`, `-o`, ...), or `-D`/`-I` with
/// the value attached (`-Dreport`): spatch's long options spelled with one dash
/// (`-cocci_file`, `-out_place`) are longer and never start with a capital.
fn is_short_option(arg: &str) -> bool {
    const SHORT: &[&str] = &["-c", "-o", "-U", "-I", "-j", "-D"];
    SHORT.contains(&arg) || arg.starts_with("-D") || arg.starts_with("-I")
}

fn long_name(arg: &str) -> Option<(String, Option<&str>)> {
    let bare = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-'))?;
    if bare.is_empty() || bare.starts_with('-') {
        return None;
    }
    let (name, value) = match bare.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (bare, None),
    };
    Some((name.replace('_', "-"), value))
}

/// Rewrites spatch's spellings for clap and takes out the options rcocci handles here;
/// an option spatch has but rcocci refuses is an error worded for the user.
pub fn prepare(argv: Vec<OsString>) -> Result<Prepared, String> {
    prepare_with(argv, false)
}

/// [`prepare`] for a rule file's `#spatch` lines: refused and unknown options are dropped
/// with a note, so that the options rcocci knows still apply.
pub fn prepare_lenient(argv: Vec<OsString>) -> Result<Prepared, String> {
    prepare_with(argv, true)
}

fn prepare_with(argv: Vec<OsString>, lenient: bool) -> Result<Prepared, String> {
    let mut out = Prepared::default();
    let mut args = argv.into_iter();
    out.argv.extend(args.next());
    let mut ignore_unknown = lenient;
    while let Some(arg) = args.next() {
        if arg == "--" {
            out.argv.push(arg);
            out.argv.extend(args.by_ref());
            break;
        }
        let Some((name, value)) = arg.to_str().and_then(long_name) else {
            out.argv.push(arg);
            continue;
        };
        // `-D name`, `-I dir`, ...: clap's own short options, whatever the mode.
        if arg.to_str().is_some_and(is_short_option) {
            out.argv.push(arg);
            continue;
        }
        if name == "shorthelp" || name == "longhelp" {
            out.argv.push("--help".into());
            continue;
        }
        if name == "ignore-unknown-options" {
            ignore_unknown = true;
            continue;
        }
        if NATIVE.contains(&name.as_str()) {
            let mut spelled = format!("--{name}");
            if let Some(v) = value {
                spelled.push('=');
                spelled.push_str(v);
            }
            out.argv.push(spelled.into());
            continue;
        }
        let Some(&(_, arity, treatment)) = SPATCH_ONLY.iter().find(|o| o.0 == name) else {
            if ignore_unknown {
                out.notes.push(format!(
                    "--{name}: unknown option ignored (--ignore-unknown-options)"
                ));
            } else {
                out.argv.push(arg);
            }
            continue;
        };
        let mut shown = format!("--{name}");
        if arity == Value && value.is_none() {
            match args.next() {
                Some(v) if v != "--" => {
                    shown.push(' ');
                    shown.push_str(&v.to_string_lossy());
                }
                _ => return Err(format!("--{name} needs a value")),
            }
        }
        match treatment {
            Same => {}
            Note(note) => out.notes.push(format!("{shown}: {note}")),
            Refuse(reason) if lenient => out
                .notes
                .push(format!("{shown}: not supported ({reason}), ignored")),
            Refuse(reason) => return Err(format!("--{name} is not supported: {reason}")),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(args: &[&str]) -> Result<(Vec<String>, Vec<String>), String> {
        let mut argv = vec![OsString::from("rcocci")];
        argv.extend(args.iter().map(OsString::from));
        prepare(argv).map(|p| {
            (
                p.argv[1..]
                    .iter()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect(),
                p.notes,
            )
        })
    }

    #[test]
    fn single_dash_and_underscore_spellings_become_clap_spellings() {
        let (argv, notes) =
            prep(&["-sp_file", "r.cocci", "-very_quiet", "--macro-file=m.h"]).unwrap();
        assert_eq!(
            argv,
            ["--sp-file", "r.cocci", "--very-quiet", "--macro-file=m.h"]
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn nothing_after_the_double_dash_is_rewritten() {
        let (argv, _) = prep(&["--sp", "x", "--", "-quiet", "-use_gitgrep"]).unwrap();
        assert_eq!(argv, ["--sp", "x", "--", "-quiet", "-use_gitgrep"]);
    }

    #[test]
    fn spatch_only_options_are_taken_out_with_their_values() {
        let (argv, notes) = prep(&[
            "--use-gitgrep",
            "--chunksize",
            "1",
            "--python",
            "python3",
            "-D",
            "report",
            "a.c",
        ])
        .unwrap();
        assert_eq!(argv, ["-D", "report", "a.c"]);
        assert_eq!(
            notes,
            ["--python python3: rcocci does not run Python script rules yet, ignored"]
        );
    }

    #[test]
    fn refused_options_say_why() {
        let err = prep(&["--reverse", "a.c"]).unwrap_err();
        assert_eq!(
            err,
            "--reverse is not supported: rcocci cannot invert a semantic patch"
        );
        assert_eq!(prep(&["--steps"]).unwrap_err(), "--steps needs a value");
    }

    /// The long options `spatch --longhelp` lists (spatch 1.1.1), but `-o`, `-U`, `-I`,
    /// `-D`, `-c` and `-j`, which are short.
    const SPATCH_LONGHELP: &str = "sp-file opt-c in-place suffix out-place reverse partial-match \
        iso-file macro-file macro-file-builtins recursive-includes all-includes no-includes \
        local-includes include-headers-for-types no-include-cache ignore-unknown-options \
        include-headers include preprocess dir ignore file-groups no-scanner use-gitgrep \
        use-glimpse use-idutils use-coccigrep patch kbuild-info python pyoutput parse-handler \
        print-options-only version date shorthelp longhelp sp iso cocci-file show-diff \
        no-show-diff force-diff show-flow ctl-inline-let ctl-show-mcodekind show-bindings \
        show-transinfo show-misc show-trying show-dependencies verbose-ctl-engine verbose-match \
        verbose-engine graphical-trace gt-without-label parse-error-msg verbose-parsing \
        verbose-includes type-error-msg show-c show-cocci show-before-fixed-flow show-ctl-tex \
        show-ctl-text show-SP debug-cpp debug-lexer debug-etdt debug-typedef filter-msg \
        filter-define-error filter-msg-define-error filter-passed-level debug-unparsing \
        debug-parse-cocci quiet very-quiet debug pad profile profile-per-file bench timeout \
        steps iso-limit no-iso-limit track-iso disable-iso profile-iso keep-comments loop \
        no-loops no-gotos no-saved-typedefs ocaml-regexps l1 ifdef-to-if no-ifdef-to-if \
        disable-multi-pass noif0-passing itu defined undefined noadd-typedef-root \
        disallow-nested-exps disable-worth-trying-opt selected-only only-return-is-error-exit \
        allow-inconsistent-paths no-safe-expressions int-bits long-bits linux-spacing \
        smpl-spacing indent max-width c++ ibm force-kr prevent-kr debugger disable-once \
        show-trace-profile save-tmp-files external-analysis-file index max mod-distrib jobs \
        chunksize tmp-dir temp-files use-cache cache-prefix cache-limit test testall \
        test-spacing test-okfailed test-regression-okfailed compare-with-expected \
        expected-extension expected-score-file expected-spacing-score-file \
        no-update-score-file relax-include-path tokens-c parse-c parse-h parse-ch parse-i \
        parse-c++ parse control-flow control-flow-to-file test-cfg-ifdef parse-unparse type-c \
        compare-c comment-annotater-c compare-c-hardcoded test-attributes test-cpp \
        extract-macros extract-macros-select xxx parse-cocci rule-dependencies";

    #[test]
    fn every_option_of_spatch_longhelp_is_handled() {
        for name in SPATCH_LONGHELP.split_whitespace() {
            let handled = NATIVE.contains(&name)
                || SPATCH_ONLY.iter().any(|o| o.0 == name)
                || ["shorthelp", "longhelp", "ignore-unknown-options"].contains(&name);
            assert!(handled, "--{name} is not handled");
        }
        let mut names: Vec<&str> = SPATCH_ONLY.iter().map(|o| o.0).collect();
        names.extend(NATIVE);
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "an option is listed twice");
    }

    #[test]
    fn unknown_options_are_dropped_only_when_asked() {
        let (argv, notes) = prep(&["--ignore-unknown-options", "--frob", "a.c"]).unwrap();
        assert_eq!(argv, ["a.c"]);
        assert_eq!(
            notes,
            ["--frob: unknown option ignored (--ignore-unknown-options)"]
        );
        let (argv, _) = prep(&["--frob", "a.c"]).unwrap();
        assert_eq!(argv, ["--frob", "a.c"]);
    }
}
