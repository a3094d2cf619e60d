//! Running a semantic patch over files: rule sequences, the re-parse guard, and parallel
//! processing with results in sorted path order.
//!
//! The engine (the matcher plus the rewriter, `crate::engine`) plugs in through
//! [`FileTransformer`] (`engine_seam`); [`NullEngine`] changes nothing (for tests of the
//! driver itself). What does not parse, before and after a rewrite, is `syntax_check`'s.

mod engine_seam;
mod syntax_check;

pub use engine_seam::{
    build_engine, EngineConfig, FileInput, FileNote, FileTransformer, LineIndex, NullEngine, Pass,
    RuleMatch, TransformError, TransformResult,
};
pub use syntax_check::{parse_problems, CSyntaxCheck, NoSyntaxCheck, SyntaxCheck, SyntaxProblem};

use crate::handoff::run_in_order;
use crate::prefetch::RuledOut;
use crate::write::{with_read_buffer, ReadSnapshot};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[cfg(panic = "abort")]
compile_error!(
    "rcocci turns a panic on one file into an error for that file (Driver::process_guarded): \
     build it with panic = \"unwind\""
);

/// The outcome for one file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    pub path: PathBuf,
    /// The text as read (empty if it could not be read).
    pub original: String,
    /// What the file was when read, to check before writing that it has not changed since.
    pub snapshot: Option<ReadSnapshot>,
    /// The new text if the file changes.
    pub new_text: Option<String>,
    /// Bytes to write for the new text (differs from `new_text` only for files that are not
    /// valid UTF-8).
    pub new_bytes: Option<Vec<u8>>,
    /// Notes for stderr, already worded `FILE:LINE: message`.
    pub notes: Vec<String>,
    /// Lines of the input that did not parse (one per line).
    pub unparsed_lines: Vec<usize>,
    /// Every match of every rule.
    pub matches: Vec<RuleMatch>,
    /// How many rules were tried on the file.
    pub rules_run: usize,
    /// What the rule file's scripts printed for this file.
    pub script_output: String,
    /// The file was left as it is because its time ran out (`--timeout`).
    pub timed_out: bool,
    /// The file was parsed (some rule may match its text).
    pub parsed: bool,
    /// Set when the file could not be processed or written; it is then left unchanged.
    pub error: Option<String>,
}

impl FileOutcome {
    pub fn changed(&self) -> bool {
        self.new_text.is_some()
    }
}

/// Finished outcomes that may wait per worker for a slower file before it. Most outcomes
/// hold no text (files the prefilter ruled out), and a changed file's texts are a few
/// hundred KiB at most. A smaller window left a worker idle behind a slow file: with 4
/// per worker, the copy-client conversion's files replayed on two workers by their times
/// took 11% longer than an even split (docs/design/performance.md, sixth round).
const WINDOW_PER_WORKER: usize = 32;

/// How many files are processed at once when `-j` does not say: `RAYON_NUM_THREADS` when set
/// (as when the driver ran on rayon's pool), else as many as the machine runs at once.
pub fn default_jobs() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
}

/// The driver: an engine, a syntax check, and the files to process.
pub struct Driver {
    pub engine: Arc<dyn FileTransformer + Send>,
    pub syntax: Arc<dyn SyntaxCheck + Send>,
    /// Time allowed per file (`--timeout`).
    pub timeout: Option<Duration>,
    /// How many files are processed at once (`-j`); `None`: [`default_jobs`].
    pub jobs: Option<usize>,
    /// Files read and ruled out by the prefilter already, while the walk found them.
    pub ruled_out: RuledOut,
}

impl Driver {
    pub fn new(
        engine: Arc<dyn FileTransformer + Send>,
        syntax: Arc<dyn SyntaxCheck + Send>,
    ) -> Self {
        Driver {
            engine,
            syntax,
            timeout: None,
            jobs: None,
            ruled_out: RuledOut::default(),
        }
    }

    /// Processes the files in parallel; outcomes come back in the order of `files`.
    pub fn run(&self, files: &[PathBuf]) -> Vec<FileOutcome> {
        let mut outcomes = Vec::with_capacity(files.len());
        self.run_each(files, |o| outcomes.push(o));
        outcomes
    }

    /// Processes the files on [`Driver::jobs`] threads, the calling one included; `deliver`
    /// gets the outcomes in the order of `files`, one at a time, on whichever worker finished
    /// the outcome that made them ready. Workers take files in that order, so few outcomes
    /// wait to be delivered.
    pub fn run_each(&self, files: &[PathBuf], deliver: impl FnMut(FileOutcome) + Send) {
        let work = |index: usize| self.process_guarded(&files[index]);
        let jobs = self.jobs.unwrap_or_else(default_jobs).max(1);
        // A file the prefilter ruled out already is done in a lookup: a thread started for
        // such files only (a whole run's, when no rule can touch the tree) costs more than
        // it saves, and may wait longer for a CPU than they take.
        let to_read = files
            .iter()
            .filter(|f| self.ruled_out.length_of(f).is_none())
            .count();
        let workers = jobs.min(to_read).max(1);
        run_in_order(
            files.len(),
            workers,
            WINDOW_PER_WORKER * jobs,
            &work,
            deliver,
        );
    }

    /// [`Driver::process`], with a panic in the engine turned into an error for that file,
    /// so that the other files are still processed, written and reported. (This needs
    /// unwinding: a build with `panic = "abort"` is refused below, since the tests, which
    /// cargo always builds with unwinding, would not notice.)
    fn process_guarded(&self, path: &Path) -> FileOutcome {
        let run = std::panic::AssertUnwindSafe(|| self.process(path));
        std::panic::catch_unwind(run).unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            FileOutcome {
                path: path.to_path_buf(),
                error: Some(format!(
                    "{}: internal error ({what}); file left unchanged",
                    path.display()
                )),
                ..FileOutcome::default()
            }
        })
    }

    /// Reads, transforms and checks one file.
    pub fn process(&self, path: &Path) -> FileOutcome {
        let cannot_read = |e: std::io::Error| FileOutcome {
            path: path.to_path_buf(),
            error: Some(format!("{}: cannot read: {e}", path.display())),
            ..FileOutcome::default()
        };
        if let Some(len) = self.ruled_out.length_of(path) {
            return FileOutcome {
                path: path.to_path_buf(),
                snapshot: Some(ReadSnapshot::read_only(len)),
                ..FileOutcome::default()
            };
        }
        with_read_buffer(|buffer| match buffer.read_file(path) {
            Ok(file) => {
                let bytes = buffer.bytes();
                let mut outcome = self.process_bytes(path, bytes);
                // Only a parsed file can be written: the others need neither the metadata
                // nor the digest.
                match outcome.parsed {
                    true => match file.metadata() {
                        Ok(meta) => outcome.snapshot = Some(ReadSnapshot::new(&meta, bytes)),
                        Err(e) => outcome = cannot_read(e),
                    },
                    false => outcome.snapshot = Some(ReadSnapshot::read_only(bytes.len())),
                }
                outcome
            }
            Err(e) => cannot_read(e),
        })
    }

    /// Transforms and checks a file's bytes (read already, or never on disk); `path` names
    /// it in notes and errors. The bytes of a file no rule may change are not decoded, and
    /// its text is not kept (`original` stays empty).
    pub fn process_bytes(&self, path: &Path, bytes: &[u8]) -> FileOutcome {
        let mut outcome = FileOutcome {
            path: path.to_path_buf(),
            ..FileOutcome::default()
        };
        let deadline = self.timeout.map(|t| Instant::now() + t);
        if !self.engine.may_change(bytes) {
            return outcome;
        }
        let source = c_parser::SourceText::decode(bytes);
        let exact = source.is_exact();
        outcome.original = source.into_string();
        let text = outcome.original.as_str();
        let display = path.display();
        let tree = self.syntax.parse(text);
        outcome.parsed = true;
        let before = match &tree {
            Some(t) => parse_problems(&t.errors),
            None => self.syntax.problems(text),
        };
        // One note per line: a bad line often yields several errors.
        for p in &before {
            let line = FileNote::at_offset(text, p.offset, "").line;
            if outcome.unparsed_lines.last() != Some(&line) {
                let name = display.to_string();
                outcome.notes.push(format!(
                    "{display}:{line}: cannot parse ({}); this region is left as it is\n{}",
                    p.message,
                    crate::snippet::at_offset(&name, text, p.offset, "not parsed").trim_end()
                ));
                outcome.unparsed_lines.push(line);
            }
        }
        let input = FileInput {
            path,
            text,
            tree: tree.as_ref(),
        };
        let result = match self.engine.transform_until(&input, deadline) {
            Ok(r) => r,
            Err(e) => {
                if let (Some(rule), Some(t)) = (&e.timed_out_in, self.timeout) {
                    outcome.timed_out = true;
                    outcome.error = Some(format!(
                        "{display}: timeout after {} s (rule {rule})",
                        t.as_secs_f64()
                    ));
                } else {
                    outcome.error = Some(format!("{display}: {e}"));
                }
                return outcome;
            }
        };
        drop(tree);
        outcome.matches = result.matches;
        outcome.rules_run = result.rules_run;
        outcome.script_output = result.script_output;
        for note in result.notes {
            outcome
                .notes
                .push(format!("{display}:{}: {}", note.line, note.message));
        }
        let Some(new_text) = result.new_text.filter(|t| t != text) else {
            // A context report: a diff to show, nothing to write.
            outcome.new_text = result.context_text;
            return outcome;
        };
        if let Some(refusal) = self.guard(text, &new_text, &before, result.new_problems) {
            outcome.error = Some(format!("{display}: {refusal}"));
            return outcome;
        }
        outcome.new_bytes = Some(encode(&new_text, exact));
        outcome.new_text = Some(new_text);
        outcome
    }

    /// The re-parse guard: why the new text is refused, if it has a parse problem at a
    /// place where the old text had none (see [`crate::guard`]).
    fn guard(
        &self,
        old: &str,
        new_text: &str,
        before: &[SyntaxProblem],
        known_after: Option<Vec<SyntaxProblem>>,
    ) -> Option<String> {
        use crate::guard::{first_new_problem, unterminated_comment};
        let mut before = before.to_vec();
        before.extend(unterminated_comment(old));
        let mut after = self.syntax.problems_given(new_text, known_after);
        after.extend(unterminated_comment(new_text));
        let (line, p) = first_new_problem(old, &before, new_text, &after)?;
        Some(format!(
            "the rewrite would introduce a parse error (line {line} of the result: {}); file \
             left unchanged",
            p.message
        ))
    }
}

fn encode(text: &str, exact: bool) -> Vec<u8> {
    if exact {
        text.as_bytes().to_vec()
    } else {
        c_parser::SourceText::encode(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_gives_lines_and_character_columns() {
        let text = "int a;\n\tcafé(x);\n\nend";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_column(0), (1, 1));
        assert_eq!(lines.line_column(6), (1, 7));
        assert_eq!(lines.line_column(7), (2, 1));
        // After the two-byte `é`: one character further, not two.
        assert_eq!(lines.line_column(text.find('(').unwrap()), (2, 6));
        assert_eq!(lines.line_column(text.find("end").unwrap()), (4, 1));
        assert_eq!(lines.line_column(text.len() + 10), (4, 4));
        // Backwards, and again from the start.
        assert_eq!(lines.line_column(7), (2, 1));
        assert_eq!(lines.line_column(0), (1, 1));
        assert_eq!(lines.line_column(text.find("end").unwrap()), (4, 1));
    }

    /// Queries in any order give what counting from the start gives.
    #[test]
    fn line_index_in_any_order_counts_from_the_start() {
        let text = "a\n\nbc\n é\nd\n\n\nlast";
        let expected = |offset: usize| {
            let before = &text[..offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            (
                before.matches('\n').count() + 1,
                text[line_start..offset].chars().count() + 1,
            )
        };
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        let lines = LineIndex::new(text);
        for (i, &o) in offsets.iter().enumerate() {
            // Forwards, backwards, far jumps.
            let far = offsets[(i * 7) % offsets.len()];
            assert_eq!(lines.line_column(o), expected(o), "offset {o}");
            assert_eq!(lines.line_column(far), expected(far), "offset {far}");
        }
    }

    struct BraceCounter;

    impl SyntaxCheck for BraceCounter {
        fn problems(&self, text: &str) -> Vec<SyntaxProblem> {
            let open = text.matches('{').count();
            let close = text.matches('}').count();
            (close..open)
                .map(|_| SyntaxProblem {
                    offset: text.len(),
                    message: "unclosed brace".into(),
                })
                .collect()
        }
    }

    struct Breaker;

    impl FileTransformer for Breaker {
        fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
            let text = input.text;
            Ok(TransformResult {
                new_text: Some(text.replace('}', "")),
                ..TransformResult::default()
            })
        }
    }

    #[test]
    fn rewrite_that_breaks_parsing_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.c");
        std::fs::write(&path, "void f(void)\n{\n}\n").unwrap();
        let driver = Driver::new(Arc::new(Breaker), Arc::new(BraceCounter));
        let out = driver.process(&path);
        assert!(out.new_text.is_none());
        let err = out.error.unwrap();
        assert!(err.contains("would introduce a parse error"), "{err}");
    }

    #[test]
    fn a_panic_on_one_file_leaves_the_others_processed() {
        struct PanicsOnB;
        impl FileTransformer for PanicsOnB {
            fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
                assert!(!input.path.ends_with("b.c"), "engine bug");
                Ok(TransformResult {
                    new_text: Some(input.text.replace("int", "long")),
                    ..TransformResult::default()
                })
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = ["a.c", "b.c", "c.c"]
            .iter()
            .map(|n| {
                let p = dir.path().join(n);
                std::fs::write(&p, "int x;\n").unwrap();
                p
            })
            .collect();
        let driver = Driver::new(Arc::new(PanicsOnB), Arc::new(NoSyntaxCheck));
        let outcomes = driver.run(&files);
        assert_eq!(outcomes.len(), 3);
        assert!(outcomes[0].changed() && outcomes[2].changed());
        let err = outcomes[1].error.as_deref().unwrap_or("");
        assert!(
            err.ends_with("b.c: internal error (engine bug); file left unchanged"),
            "{err}"
        );
    }

    #[test]
    fn a_slow_file_holds_back_only_a_window_of_finished_files() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        struct SlowFirst;
        impl FileTransformer for SlowFirst {
            fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
                STARTED.fetch_add(1, Ordering::SeqCst);
                if input.path.ends_with("f000.c") {
                    std::thread::sleep(std::time::Duration::from_millis(300));
                    // While this file was slow, the other worker stopped at the window.
                    assert!(STARTED.load(Ordering::SeqCst) <= 1 + WINDOW_PER_WORKER * 2 + 1);
                }
                Ok(TransformResult::default())
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..200)
            .map(|i| {
                let p = dir.path().join(format!("f{i:03}.c"));
                std::fs::write(&p, "int x;\n").unwrap();
                p
            })
            .collect();
        let mut driver = Driver::new(Arc::new(SlowFirst), Arc::new(NoSyntaxCheck));
        driver.jobs = Some(2);
        let outcomes = driver.run(&files);
        assert_eq!(outcomes.len(), 200);
        assert!(outcomes.iter().all(|o| o.error.is_none()));
        assert_eq!(STARTED.load(Ordering::SeqCst), 200);
    }

    #[test]
    fn a_rewrite_that_trades_one_parse_error_for_another_is_refused() {
        struct CommentsOut;
        impl FileTransformer for CommentsOut {
            fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
                Ok(TransformResult {
                    new_text: Some(input.text.replacen("int f(void)", "/* int f(void)", 1)),
                    ..TransformResult::default()
                })
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.c");
        let text = "int f(void)\n{\n\treturn 0;\n}\n\nint g(void)\n{\n\treturn (;\n}\n";
        std::fs::write(&path, text).unwrap();
        let macros = Arc::new(c_parser::MacroTable::builtin());
        let driver = Driver::new(Arc::new(CommentsOut), Arc::new(CSyntaxCheck::new(macros)));
        let out = driver.process(&path);
        let err = out.error.unwrap_or_default();
        assert!(
            err.contains("would introduce a parse error (line 1 of the result"),
            "{err}"
        );
        assert!(out.new_text.is_none());
    }

    #[test]
    fn unreadable_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let driver = Driver::new(Arc::new(NullEngine), Arc::new(NoSyntaxCheck));
        // A directory cannot be read as a file.
        let out = driver.process(dir.path());
        assert!(out.error.unwrap().contains("cannot read"));
        assert!(out.new_text.is_none());
    }

    #[test]
    fn non_utf8_file_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.c");
        std::fs::write(&path, b"/* caf\xe9 */\nint x;\n").unwrap();
        struct Renamer;
        impl FileTransformer for Renamer {
            fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
                let text = input.text;
                Ok(TransformResult {
                    new_text: Some(text.replace("int x", "long x")),
                    ..TransformResult::default()
                })
            }
        }
        let driver = Driver::new(Arc::new(Renamer), Arc::new(NoSyntaxCheck));
        let out = driver.process(&path);
        assert_eq!(out.new_bytes.unwrap(), b"/* caf\xe9 */\nlong x;\n");
    }

    #[test]
    fn outcomes_in_the_order_of_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for name in ["c.c", "a.c", "b.c"] {
            let p = dir.path().join(name);
            std::fs::write(&p, "int x;\n").unwrap();
            files.push(p);
        }
        let driver = Driver::new(Arc::new(NullEngine), Arc::new(NoSyntaxCheck));
        let names: Vec<_> = driver
            .run(&files)
            .iter()
            .map(|o| o.path.file_name().unwrap().to_owned())
            .collect();
        assert_eq!(names, ["c.c", "a.c", "b.c"]);
    }
}
