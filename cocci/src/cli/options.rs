//! Options from outside the command line: `.cocciconfig` files (home directory, git root,
//! current directory, read in that order and placed before the command line's own flags, as
//! spatch does), a rule file's `#spatch` lines, and the check of `-D` names against the rule
//! file's `virtual` declarations.

use super::args::Args;
use super::spatch_compat;
use clap::Parser;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The `.cocciconfig` files that apply in `cwd`, in the order spatch reads them.
pub fn cocciconfig_files(cwd: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        dirs.push(PathBuf::from(home));
    }
    if let Some(root) = cwd.ancestors().find(|d| d.join(".git").exists()) {
        dirs.push(root.to_path_buf());
    }
    dirs.push(cwd.to_path_buf());
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let file = dir.join(".cocciconfig");
        let seen = files.iter().any(|f| same_file(f, &file));
        if !seen && file.is_file() {
            files.push(file);
        }
    }
    files
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The flags of a `.cocciconfig` text: the words of each `options = ...` line of its
/// `[spatch]` section.
pub fn cocciconfig_flags(text: &str) -> Vec<String> {
    let mut in_spatch = false;
    let mut flags = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            in_spatch = section.trim() == "spatch";
            continue;
        }
        if !in_spatch {
            continue;
        }
        if let Some((key, value)) = line.split_once('=') {
            if key.trim() == "options" {
                flags.extend(split_words(value));
            }
        }
    }
    flags
}

/// `argv` with the flags of the `.cocciconfig` files that apply inserted after the program
/// name; unreadable files are reported.
pub fn with_cocciconfig(argv: Vec<OsString>) -> Vec<OsString> {
    let Ok(cwd) = std::env::current_dir() else {
        return argv;
    };
    let mut extra: Vec<OsString> = Vec::new();
    for file in cocciconfig_files(&cwd) {
        match std::fs::read_to_string(&file) {
            Ok(text) => extra.extend(cocciconfig_flags(&text).into_iter().map(OsString::from)),
            Err(e) => eprintln!("rcocci: warning: {}: cannot read: {e}", file.display()),
        }
    }
    if extra.is_empty() {
        return argv;
    }
    let mut out = Vec::with_capacity(argv.len() + extra.len());
    let mut rest = argv.into_iter();
    out.extend(rest.next());
    out.extend(extra);
    out.extend(rest);
    out
}

/// The options that a rule file's `#spatch` lines may add to the command line's.
#[derive(Debug, Default)]
pub struct Options {
    pub include_headers: bool,
    pub very_quiet: bool,
    pub no_show_diff: bool,
    pub include_dirs: Vec<PathBuf>,
    pub macro_files: Vec<PathBuf>,
    pub macro_file_builtins: Option<PathBuf>,
    pub iso_file: Option<PathBuf>,
    pub no_iso: bool,
    pub defines: Vec<String>,
    /// Which included headers are read for types (the command line's choice before a rule
    /// file's).
    pub includes: Option<crate::engine::IncludeMode>,
    pub int_bits: Option<u32>,
    pub long_bits: Option<u32>,
    /// `--dir` roots (the command line's only).
    pub dirs: Vec<PathBuf>,
}

/// The include mode `args` asks for, if any (the widest when it names several).
fn include_mode(args: &Args) -> Option<crate::engine::IncludeMode> {
    use crate::engine::IncludeMode;
    [
        (args.recursive_includes, IncludeMode::Recursive),
        (args.all_includes, IncludeMode::All),
        (args.local_includes, IncludeMode::Local),
        (args.no_includes, IncludeMode::None),
    ]
    .into_iter()
    .find_map(|(set, mode)| set.then_some(mode))
}

impl Options {
    pub fn from_args(args: &Args) -> Self {
        Options {
            include_headers: args.include_headers,
            very_quiet: args.very_quiet,
            no_show_diff: args.no_show_diff,
            include_dirs: args.include_dirs.clone(),
            macro_files: args.macro_files.clone(),
            macro_file_builtins: args.macro_file_builtins.clone(),
            iso_file: args.iso_file.clone(),
            no_iso: args.no_iso,
            defines: args.defines.clone(),
            includes: include_mode(args),
            int_bits: args.int_bits,
            long_bits: args.long_bits,
            dirs: args.dir.clone(),
        }
    }

    fn add(&mut self, a: Args) {
        self.includes = self.includes.or(include_mode(&a));
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
        self.int_bits = self.int_bits.or(a.int_bits);
        self.long_bits = self.long_bits.or(a.long_bits);
        if self.macro_file_builtins.is_none() {
            self.macro_file_builtins = a.macro_file_builtins;
        }
    }

    /// Adds the flags of the rule file's `#spatch` lines. A line rcocci cannot read is
    /// reported and skipped rather than failing the run.
    pub fn add_spatch_lines(&mut self, lines: &[String]) {
        for line in lines {
            let mut argv: Vec<OsString> = vec!["rcocci".into()];
            argv.extend(split_words(line).into_iter().map(OsString::from));
            let parsed = spatch_compat::prepare_lenient(argv).and_then(|p| {
                Args::try_parse_from(p.argv)
                    .map(|a| (a, p.notes))
                    .map_err(|e| e.to_string().lines().next().unwrap_or("").to_string())
            });
            match parsed {
                Ok((extra, notes)) => {
                    if !self.very_quiet && !extra.very_quiet {
                        for note in notes {
                            eprintln!("rcocci: warning: #spatch {note}");
                        }
                    }
                    self.add(extra);
                }
                Err(e) => {
                    if !self.very_quiet {
                        eprintln!("rcocci: warning: #spatch {line}: {e}; line ignored");
                    }
                }
            }
        }
    }
}

/// Splits an option line into words; double or single quotes group words.
pub fn split_words(line: &str) -> Vec<String> {
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

/// Checks each `-D NAME` (or `NAME=VALUE`) against the rule file: a name that is neither a
/// `virtual` rule nor a `virtual.NAME` identifier is an error, with the closest declared
/// name suggested (spatch refuses such names too: "virtual rule X not supported").
pub fn check_defines(defines: &[String], rules: &smpl_parser::RuleFile) -> Result<(), String> {
    let mut declared: Vec<&str> = rules.virtuals.iter().map(String::as_str).collect();
    for rule in &rules.rules {
        for m in &rule.metavars {
            if m.name.rule.as_deref() == Some("virtual") {
                declared.push(&m.name.name);
            }
        }
    }
    for define in defines {
        let name = define.split_once('=').map_or(define.as_str(), |(n, _)| n);
        if declared.contains(&name) {
            continue;
        }
        let closest = declared
            .iter()
            .map(|d| (strsim::damerau_levenshtein(name, d), *d))
            .filter(|(distance, d)| *distance <= (d.len() / 2).max(2))
            .min();
        let hint = match closest {
            Some((_, d)) => format!("; did you mean `{d}`?"),
            None if declared.is_empty() => "; the rule file declares no virtual rules".into(),
            None => format!("; it declares {}", declared.join(", ")),
        };
        return Err(format!(
            "-D {name}: {} declares no virtual rule `{name}`{hint}",
            rules.path.display()
        ));
    }
    Ok(())
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

    #[test]
    fn cocciconfig_options_of_the_spatch_section() {
        let text = "[spatch]\n\toptions = --timeout 200\n\toptions = --use-gitgrep\n\
                    [other]\n\toptions = --in-place\n";
        assert_eq!(
            cocciconfig_flags(text),
            ["--timeout", "200", "--use-gitgrep"]
        );
    }

    fn rule_file(text: &str) -> smpl_parser::RuleFile {
        smpl_parser::parse_rule_file(Path::new("v.cocci"), text).unwrap()
    }

    #[test]
    fn unknown_virtual_names_are_refused_with_the_closest_name() {
        let rules = rule_file("virtual patch\nvirtual report\n@depends on patch@\n@@\n- foo();\n");
        assert!(check_defines(&["patch".into(), "report".into()], &rules).is_ok());
        assert_eq!(
            check_defines(&["pacth".into()], &rules).unwrap_err(),
            "-D pacth: v.cocci declares no virtual rule `pacth`; did you mean `patch`?"
        );
        assert_eq!(
            check_defines(&["org".into()], &rules).unwrap_err(),
            "-D org: v.cocci declares no virtual rule `org`; it declares patch, report"
        );
    }

    #[test]
    fn virtual_identifiers_take_values() {
        let rules = rule_file("@@\nidentifier virtual.ns;\n@@\n- foo(ns);\n");
        assert!(check_defines(&["ns=USB".into()], &rules).is_ok());
    }
}
