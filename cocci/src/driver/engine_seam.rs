//! The seam between the driver and the engine: what a file is to the engine, what the engine
//! makes of it, and how the engine is built.

use super::SyntaxProblem;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Something the engine has to say about a place in a file (e.g. a region it could not parse),
/// printed as `FILE:LINE: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNote {
    /// 1-based line.
    pub line: usize,
    pub message: String,
}

impl FileNote {
    /// A note about the line holding byte offset `offset` of `text`.
    pub fn at_offset(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let offset = offset.min(text.len());
        let line = text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        FileNote {
            line,
            message: message.into(),
        }
    }
}

/// Where a rule matched, in the text the rule saw (the file after the earlier rules'
/// changes). Lines and columns are 1-based; columns count characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMatch {
    pub rule: String,
    pub start: (usize, usize),
    pub end: (usize, usize),
    /// The rule changed the text (this match or another of the same rule).
    pub changed: bool,
}

impl RuleMatch {
    /// The match of `rule` over bytes `range` of the text `lines` indexes.
    pub fn in_text(
        rule: &str,
        lines: &LineIndex<'_>,
        range: std::ops::Range<usize>,
        changed: bool,
    ) -> Self {
        RuleMatch {
            rule: rule.to_string(),
            start: lines.line_column(range.start),
            end: lines.line_column(range.end),
            changed,
        }
    }
}

/// Lines and columns of offsets in a text, counted from the previous query: a rule's
/// matches come in text order, so each newline is counted about once however many matches
/// ask (counting from the start per match was quadratic; an index of every line start, built
/// per rule that matched, was 1.5% of the copy-client conversion).
pub struct LineIndex<'a> {
    text: &'a str,
    /// The last offset asked for, and its 1-based line.
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            cursor: std::cell::Cell::new((0, 1)),
        }
    }

    /// The 1-based line and character column of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let bytes = self.text.as_bytes();
        let (at, line) = self.cursor.get();
        let line = if offset >= at {
            line + newlines(&bytes[at..offset])
        } else {
            line - newlines(&bytes[offset..at])
        };
        self.cursor.set((offset, line));
        let line_start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
        (line, self.text[line_start..offset].chars().count() + 1)
    }
}

/// How many `\n` the bytes hold (memchr counts them with vector instructions).
fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// What an engine made of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransformResult {
    /// The new text, or `None` when nothing changed.
    pub new_text: Option<String>,
    /// For context (`*`) rules: the text with the starred code removed, shown as the
    /// report diff but never written.
    pub context_text: Option<String>,
    pub notes: Vec<FileNote>,
    /// Every match of every rule, in the order the rules ran.
    pub matches: Vec<RuleMatch>,
    /// How many rules were tried on the file (not skipped by the prefilter or `depends on`).
    pub rules_run: usize,
    /// What the file's scripts printed, in the order they ran.
    pub script_output: String,
    /// The parse problems of `new_text`, when the engine has its tree (parsed with the run's
    /// macro table), so that the re-parse guard need not parse it again.
    pub new_problems: Option<Vec<SyntaxProblem>>,
}

impl TransformResult {
    pub fn unchanged() -> Self {
        Self::default()
    }
}

/// Why an engine gave up on a file (the file is then left as it is and the run fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransformError {
    pub message: String,
    /// Set when the file's time (`--timeout`) ran out: the rule that was running.
    pub timed_out_in: Option<String>,
}

impl TransformError {
    pub fn new(message: impl Into<String>) -> Self {
        TransformError {
            message: message.into(),
            timed_out_in: None,
        }
    }

    /// The deadline passed while `rule` ran.
    pub fn timed_out(rule: &str) -> Self {
        TransformError {
            message: format!("timeout (rule {rule})"),
            timed_out_in: Some(rule.to_string()),
        }
    }
}

impl fmt::Display for TransformError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransformError {}

impl From<rewriter::EditConflict> for TransformError {
    fn from(e: rewriter::EditConflict) -> Self {
        TransformError::new(e.to_string())
    }
}

/// One file as the engine gets it.
pub struct FileInput<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// The tree of `text` when the driver has already parsed it (with the run's macro table),
    /// so the engine need not parse again.
    pub tree: Option<&'a c_parser::Parse>,
}

/// The seam between the driver and the engine: one file's text in, its new text out. Called
/// from several threads at once (each file on one thread).
pub trait FileTransformer: Sync {
    fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError>;

    /// [`FileTransformer::transform`] that gives up with [`TransformError::timed_out`] once
    /// `deadline` has passed (checked between rules). Engines without rules ignore it.
    fn transform_until(
        &self,
        input: &FileInput<'_>,
        _deadline: Option<Instant>,
    ) -> Result<TransformResult, TransformError> {
        self.transform(input)
    }

    /// Whether any rule could match the text of these bytes (a file's, as read; checked
    /// before they are decoded and parsed): a file no rule can touch is never parsed.
    fn may_change(&self, _bytes: &[u8]) -> bool {
        true
    }

    /// Runs once before any file (`@initialize@` script rules); what it printed.
    fn initialize(&self) -> Result<String, String> {
        Ok(String::new())
    }

    /// The passes over files that scripts registered during the last one (Python's
    /// `Iteration`), each with its engine; taken once.
    fn next_passes(&self) -> Result<Vec<Pass>, String> {
        Ok(Vec::new())
    }

    /// Runs once after every file (`@finalize@` script rules); what it printed.
    fn finalize(&self) -> Result<String, String> {
        Ok(String::new())
    }
}

/// Another pass over files a script asked for (`Iteration().register()`), with other
/// virtual rules and identifiers.
pub struct Pass {
    pub engine: Arc<dyn FileTransformer + Send>,
    /// The files of the pass; `None` for those of the first pass.
    pub files: Option<Vec<PathBuf>>,
}

/// The engine before the matcher exists: matches nothing, changes nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NullEngine;

impl FileTransformer for NullEngine {
    fn transform(&self, _input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
        Ok(TransformResult::unchanged())
    }
}

/// What the engine needs besides the rules.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    /// Macro knowledge for parsing C (built-ins plus `--macro-file`s).
    pub macros: Arc<c_parser::MacroTable>,
    /// `-D NAME`: virtual rules that are set (for `depends on`).
    pub defines: Vec<String>,
    /// `-I DIR`: where included headers are looked for.
    pub include_dirs: Vec<PathBuf>,
    /// Which included headers are read for their types.
    pub includes: crate::engine::IncludeMode,
    /// `--int-bits`, `--long-bits`: the sizes that type integer constants.
    pub int_sizes: Option<matcher::types::IntSizes>,
    /// `--iso-file`: isomorphisms replacing the built-in set.
    pub iso_file: Option<PathBuf>,
    /// `--no-iso`: no isomorphisms at all.
    pub no_iso: bool,
    /// `--disable-worth-trying-opt`: apply every rule to every file, even one that lacks
    /// the identifiers the rule needs.
    pub disable_worth_trying_opt: bool,
    /// `--dir` roots: `depends on file in` names a file relative to the one holding it.
    pub dirs: Vec<PathBuf>,
}

impl EngineConfig {
    /// A configuration with `macros` and nothing else set: no `-D`, no `-I`, the built-in
    /// isomorphisms, the prefilter on.
    pub fn new(macros: Arc<c_parser::MacroTable>) -> Self {
        EngineConfig {
            macros,
            defines: Vec::new(),
            include_dirs: Vec::new(),
            includes: crate::engine::IncludeMode::default(),
            int_sizes: None,
            iso_file: None,
            no_iso: false,
            disable_worth_trying_opt: false,
            dirs: Vec::new(),
        }
    }
}

/// The engine for a parsed rule file; an error (e.g. an unreadable isomorphism file) is worded
/// for the user.
pub fn build_engine(
    rules: Arc<smpl_parser::RuleFile>,
    config: &EngineConfig,
) -> Result<Arc<dyn FileTransformer + Send>, String> {
    let engine = crate::engine::build(rules, config)?;
    Ok(Arc::new(engine))
}
