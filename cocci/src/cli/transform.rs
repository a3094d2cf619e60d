//! The main job: apply a semantic patch to C files (issue 4).
//!
//! Exit codes: 0 done (or, with `--check`, nothing would change); 1 `--check` found changes;
//! 2 bad input (usage, unreadable file, rule file that does not parse, a file that could not be
//! processed).

use super::args::{normalize_spatch_flags, Args};
use crate::driver::{CSyntaxCheck, Driver, EngineConfig, FileOutcome, FileTransformer};
use crate::{output, write};
use clap::Parser;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Runs the transform command; returns the exit code.
pub fn run(args: &Args) -> i32 {
    match run_inner(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("rcocci: {message}");
            2
        }
    }
}

/// A rule file's name and text.
struct RuleSource {
    path: PathBuf,
    text: String,
}

fn run_inner(args: &Args) -> Result<i32, String> {
    let rule_source = load_rule_source(args)?;
    let rules =
        match smpl_parser::parse_rule_file_with_includes(&rule_source.path, &rule_source.text) {
            Ok(r) => r,
            Err(diags) => {
                diags.emit_to_stderr();
                return Err(format!(
                    "{}: the rule file does not parse",
                    rule_source.path.display()
                ));
            }
        };
    let opts = with_spatch_options(args, &rules.spatch_options)?;
    let macros = Arc::new(load_macros(&opts)?);
    for dir in &opts.include_dirs {
        if !dir.is_dir() && !opts.very_quiet {
            eprintln!(
                "rcocci: warning: {}: include directory not found",
                dir.display()
            );
        }
    }
    if args.in_place && args.output.is_some() {
        return Err("-o and --in-place cannot be used together".into());
    }
    let mut roots: Vec<PathBuf> = args.paths.clone();
    roots.extend(args.dir.iter().cloned());
    if roots.is_empty() {
        return Err("no C file or directory given (name files, or --dir DIR)".into());
    }
    let list = crate::files::collect_c_files(&roots, opts.include_headers);
    if !list.errors.is_empty() {
        for (path, e) in &list.errors {
            eprintln!("rcocci: {}: {e}", path.display());
        }
        return Ok(2);
    }
    if args.output.is_some() && list.files.len() != 1 {
        return Err(format!(
            "-o needs exactly one input file, {} given",
            list.files.len()
        ));
    }
    let engine = build_engine(rules, &opts, macros.clone(), args.disable_worth_trying_opt)?;
    let driver = Driver::new(engine, Arc::new(CSyntaxCheck::new(macros)));
    let outcomes = driver.run(&list.files);
    report(args, &opts, &outcomes)
}

fn load_rule_source(args: &Args) -> Result<RuleSource, String> {
    match (&args.sp_file, &args.sp) {
        (Some(_), Some(_)) => Err("give either --sp-file or --sp, not both".into()),
        (Some(path), None) => read_rule_file(path),
        (None, Some(sp)) => {
            let as_path = Path::new(sp);
            if !sp.contains('\n') && as_path.is_file() {
                read_rule_file(as_path)
            } else {
                Ok(RuleSource {
                    path: PathBuf::from("<--sp>"),
                    text: sp.clone(),
                })
            }
        }
        (None, None) => Err("no semantic patch given (--sp-file FILE or --sp RULE)".into()),
    }
}

fn read_rule_file(path: &Path) -> Result<RuleSource, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read rule file: {e}", path.display()))?;
    Ok(RuleSource {
        path: path.to_path_buf(),
        text,
    })
}

/// The options that a rule file's `#spatch` lines may add to the command line's.
#[derive(Debug, Default)]
struct Options {
    include_headers: bool,
    very_quiet: bool,
    no_show_diff: bool,
    include_dirs: Vec<PathBuf>,
    macro_files: Vec<PathBuf>,
    macro_file_builtins: Option<PathBuf>,
    iso_file: Option<PathBuf>,
    no_iso: bool,
    defines: Vec<String>,
}

impl Options {
    fn add(&mut self, a: Args) {
        self.include_headers |= a.include_headers;
        self.very_quiet |= a.very_quiet;
        self.no_show_diff |= a.no_show_diff;
        self.no_iso |= a.no_iso;
        self.include_dirs.extend(a.include_dirs);
        self.macro_files.extend(a.macro_files);
        self.defines.extend(a.defines);
        if self.iso_file.is_none() {
            self.iso_file = a.iso_file;
        }
        if self.macro_file_builtins.is_none() {
            self.macro_file_builtins = a.macro_file_builtins;
        }
    }
}

/// The command line's options with the flags of the rule file's `#spatch` lines added.
fn with_spatch_options(args: &Args, lines: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        include_headers: args.include_headers,
        very_quiet: args.very_quiet,
        no_show_diff: args.no_show_diff,
        include_dirs: args.include_dirs.clone(),
        macro_files: args.macro_files.clone(),
        macro_file_builtins: args.macro_file_builtins.clone(),
        iso_file: args.iso_file.clone(),
        no_iso: args.no_iso,
        defines: args.defines.clone(),
    };
    for line in lines {
        let mut words = split_words(line);
        // spatch has many options rcocci does not know; in a rule file they are reported and
        // skipped rather than failing the run (on the command line they are errors).
        let extra = loop {
            let mut argv: Vec<OsString> = vec!["rcocci".into()];
            argv.extend(words.iter().map(OsString::from));
            match Args::try_parse_from(normalize_spatch_flags(argv)) {
                Ok(extra) => break Some(extra),
                Err(e) if e.kind() == clap::error::ErrorKind::UnknownArgument => {
                    let unknown = e
                        .get(clap::error::ContextKind::InvalidArg)
                        .map(|v| v.to_string())
                        .unwrap_or_default();
                    let name = unknown.split('=').next().unwrap_or("").to_string();
                    let Some(pos) = words
                        .iter()
                        .position(|w| w == &unknown || w.split('=').next() == Some(name.as_str()))
                    else {
                        if !opts.very_quiet {
                            eprintln!("rcocci: warning: #spatch {line}: unknown option {unknown}; line ignored");
                        }
                        break None;
                    };
                    if !opts.very_quiet {
                        eprintln!(
                            "rcocci: warning: #spatch option {name} is not supported; ignored"
                        );
                    }
                    words.remove(pos);
                    // Its value, if it had one, would now read as a path: drop it too.
                    if pos < words.len() && !words[pos].starts_with('-') && !unknown.contains('=') {
                        words.remove(pos);
                    }
                }
                Err(e) => {
                    if !opts.very_quiet {
                        eprintln!(
                            "rcocci: warning: #spatch {line}: {}; line ignored",
                            e.to_string().lines().next().unwrap_or("bad option")
                        );
                    }
                    break None;
                }
            }
        };
        if let Some(extra) = extra {
            opts.add(extra);
        }
    }
    Ok(opts)
}

/// Splits an option line into words; double or single quotes group words.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            None => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

fn load_macros(args: &Options) -> Result<c_parser::MacroTable, String> {
    let mut table = match &args.macro_file_builtins {
        Some(path) => {
            let mut t = c_parser::MacroTable::empty();
            add_macro_file(&mut t, path)?;
            t
        }
        None => c_parser::MacroTable::builtin(),
    };
    for path in &args.macro_files {
        add_macro_file(&mut table, path)?;
    }
    Ok(table)
}

fn add_macro_file(table: &mut c_parser::MacroTable, path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read macro file: {e}", path.display()))?;
    let code_lines = table
        .add_macro_file_counting_code(&text)
        .map_err(|errors| {
            let first = errors.first().map(|e| format!("{e:?}")).unwrap_or_default();
            format!(
                "{}: bad macro file ({} problem(s)); first: {first}",
                path.display(),
                errors.len()
            )
        })?;
    if code_lines > 0 {
        eprintln!("{}", super::code_lines_warning(path, code_lines));
    }
    Ok(())
}

/// The semantic-patch engine for a parsed rule file.
fn build_engine(
    rules: smpl_parser::RuleFile,
    options: &Options,
    macros: Arc<c_parser::MacroTable>,
    disable_worth_trying_opt: bool,
) -> Result<Arc<dyn FileTransformer + Send>, String> {
    let config = EngineConfig {
        macros,
        defines: options.defines.clone(),
        include_dirs: options.include_dirs.clone(),
        iso_file: options.iso_file.clone(),
        no_iso: options.no_iso,
        disable_worth_trying_opt,
    };
    crate::driver::build_engine(Arc::new(rules), &config)
}

/// Prints diffs and notes, writes files; returns the exit code.
fn report(args: &Args, opts: &Options, outcomes: &[FileOutcome]) -> Result<i32, String> {
    let mut failed = false;
    let mut changed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for outcome in outcomes {
        for note in &outcome.notes {
            eprintln!("{note}");
        }
        if let Some(e) = &outcome.error {
            eprintln!("rcocci: {e}");
            failed = true;
            if args.output.is_none() {
                continue;
            }
        }
        if outcome.changed() {
            changed = true;
            if !opts.no_show_diff {
                let diff = output::file_diff(outcome);
                if out.write_all(diff.as_bytes()).is_err() {
                    // stdout closed (e.g. piped into `head`): nothing more to show.
                    return Ok(if failed { 2 } else { 0 });
                }
            }
        }
        if let Some(dest) = &args.output {
            if outcome.error.is_some() && outcome.original.is_empty() && !outcome.path.exists() {
                continue;
            }
            let bytes = match &outcome.new_bytes {
                Some(b) => b.clone(),
                None => match std::fs::read(&outcome.path) {
                    Ok(b) => b,
                    Err(e) => {
                        eprintln!("rcocci: {}: cannot read: {e}", outcome.path.display());
                        failed = true;
                        continue;
                    }
                },
            };
            if let Err(e) = write::write_atomic(dest, &bytes) {
                eprintln!("rcocci: {}: cannot write: {e}", dest.display());
                failed = true;
            }
        } else if args.in_place && !args.check {
            if let Some(bytes) = &outcome.new_bytes {
                if let Err(e) = write::write_atomic(&outcome.path, bytes) {
                    eprintln!("rcocci: {}: cannot write: {e}", outcome.path.display());
                    failed = true;
                }
            }
        }
    }
    let _ = out.flush();
    Ok(if failed {
        2
    } else if args.check && changed {
        1
    } else {
        0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_option_lines() {
        assert_eq!(
            split_words("--macro-file 'my macros.h' -D x"),
            ["--macro-file", "my macros.h", "-D", "x"]
        );
        assert_eq!(split_words("  "), Vec::<String>::new());
    }
}
