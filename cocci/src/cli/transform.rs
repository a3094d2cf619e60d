//! The main job: apply a semantic patch to C files (issue 4).
//!
//! Each file is written (`--in-place`, `-o`) in file order as files complete, by a thread
//! that only writes and reports, so that no worker waits for the disk; output is printed in
//! the same order. Exit codes: 0 done (or, with `--check`, nothing would change); 1
//! `--check` found changes; 2 bad input or a file that could not be read, processed or
//! written.

use super::args::{Args, Format};
use super::options::{check_defines, Options};
use super::progress::{Progress, Summary};
use crate::driver::{
    default_jobs, CSyntaxCheck, Driver, EngineConfig, FileOutcome, FileTransformer,
};
use crate::files::FileList;
use crate::formats::{self, SarifLog};
use crate::prefetch::{EarlyWalk, RuledOut};
use crate::write::{write_file, DirSync, WritePolicy};
use crate::{output, tempfiles};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

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

/// A rule file read and checked, with the options and macro knowledge a run uses.
pub(super) struct Loaded {
    pub rules: smpl_parser::RuleFile,
    pub opts: Options,
    pub macros: Arc<c_parser::MacroTable>,
}

/// Reads the rule file and the options around it, refusing what rcocci cannot run.
pub(super) fn load(args: &Args) -> Result<Loaded, String> {
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
    let mut opts = Options::from_args(args);
    opts.add_spatch_lines(&rules.spatch_options);
    check_defines(&opts.defines, &rules)?;
    if !opts.very_quiet {
        rules.warnings.emit_to_stderr();
    }
    // Never run a rule file with part of it ignored: what the engine cannot do yet is an
    // error, except in rules the `-D` names keep from running.
    let may_run = |r: &smpl_parser::Rule| {
        r.header
            .depends
            .as_ref()
            .is_none_or(|d| may_hold(d, &opts.defines, &rules.virtuals))
    };
    if args.no_scripts {
        if let Err(diags) = rules.refuse_scripts(&may_run) {
            diags.emit_to_stderr();
            return Err(format!(
                "{}: the rule file has script code, refused with --no-scripts",
                rule_source.path.display()
            ));
        }
    }
    let mut macros = load_macros(&opts)?;
    declare_rule_names(&rules, &mut macros);
    Ok(Loaded {
        rules,
        opts,
        macros,
    })
}

fn run_inner(args: &Args) -> Result<i32, String> {
    std::thread::scope(|scope| {
        // Finding the files needs only the command line: the walk goes on while the rule
        // file is read and the engine built (see `prefetch`).
        let walk = EarlyWalk::start(scope, |found| walk_roots(args, args.include_headers, found));
        run_with_walk(args, walk)
    })
}

fn run_with_walk(args: &Args, walk: EarlyWalk<'_, FileList>) -> Result<i32, String> {
    let Loaded {
        rules,
        opts,
        macros,
    } = load(args)?;
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
    let rule_names: Vec<String> = rules
        .rules
        .iter()
        .filter(|r| r.body().is_some())
        .map(|r| r.name.clone())
        .collect();
    // The engine is built before the walk ends, so that its prefilter can read files while
    // the walk goes on; an error building it is told after the walk's, as ever.
    let engine = build_engine(rules, &opts, macros.clone(), args.disable_worth_trying_opt);
    let jobs = args.jobs.map_or_else(default_jobs, |n| n.max(1));
    let (list, ruled_out) = if opts.include_headers && !args.include_headers {
        // A `#spatch` line of the rule file asked for headers: the walk is done again.
        walk.stop();
        let list = walk_roots(args, true, &mut |_| true);
        (list, RuledOut::default())
    } else {
        let prefilter = match &engine {
            // With --max, most of the files found are not this process's to read.
            Ok(engine) if args.max.is_none() => Some(engine.clone()),
            _ => None,
        };
        walk.finish(prefilter, jobs - 1)
    };
    let files = select_files(args, list);
    let Some(files) = files? else {
        return Ok(2);
    };
    if args.output.is_some() && files.len() != 1 {
        return Err(format!(
            "-o needs exactly one input file, {} given",
            files.len()
        ));
    }
    let writes = (args.in_place && !args.check) || args.output.is_some();
    if writes {
        remove_stale_temporaries(args, &files, opts.very_quiet);
    }
    let mut driver = Driver::new(engine?, Arc::new(CSyntaxCheck::new(macros)));
    driver.timeout = timeout(args)?;
    driver.jobs = Some(jobs);
    driver.ruled_out = ruled_out;
    // Initialize rules print before any file's output, finalize rules after all of it.
    let mut reporter = Reporter::new(args, &opts, &rule_names, files.len());
    reporter.script_output(&driver.engine.initialize()?);
    let dir_sync = DirSync::default();
    if writes {
        write_on_own_thread(&driver, &files, args, &dir_sync, &mut reporter);
    } else {
        driver.run_each(&files, |outcome| reporter.deliver(&outcome));
    }
    let passes_failed = run_registered_passes(&driver, &files, &mut reporter)?;
    let finalized = driver.engine.finalize();
    if let Ok(text) = &finalized {
        reporter.script_output(text);
    }
    let unflushed = dir_sync.sync_all();
    for (dir, e) in &unflushed {
        eprintln!(
            "rcocci: {}: cannot flush the directory to disk: {e}",
            dir.display()
        );
    }
    let code = reporter.finish();
    finalized?;
    // The process ends next: the list of files and the set of those ruled out early, an
    // allocation per file each, are left to its end rather than freed one by one.
    std::mem::forget(std::mem::take(&mut driver.ruled_out));
    std::mem::forget(files);
    Ok(if unflushed.is_empty() && !passes_failed {
        code
    } else {
        2
    })
}

/// Runs the passes scripts registered (Python's `Iteration`), each over its files with its
/// own virtual rules and identifiers, until none is left; what their scripts print is
/// shown. As in spatch, only the first pass changes files: a later pass that would is
/// said on stderr. `true` when a file of a pass failed.
fn run_registered_passes(
    driver: &Driver,
    files: &[PathBuf],
    reporter: &mut Reporter,
) -> Result<bool, String> {
    let mut queue: std::collections::VecDeque<crate::driver::Pass> =
        driver.engine.next_passes()?.into();
    let mut failed = false;
    while let Some(pass) = queue.pop_front() {
        let pass_files = pass.files.clone().unwrap_or_else(|| files.to_vec());
        let mut pass_driver = Driver::new(pass.engine.clone(), driver.syntax.clone());
        pass_driver.timeout = driver.timeout;
        pass_driver.jobs = driver.jobs;
        for outcome in pass_driver.run(&pass_files) {
            reporter.script_output(&outcome.script_output);
            if let Some(e) = &outcome.error {
                eprintln!("rcocci: {e}");
                failed = true;
            } else if outcome.changed() {
                eprintln!(
                    "rcocci: {}: a pass a script registered would change the file; only the \
                     first pass changes files",
                    outcome.path.display()
                );
            }
        }
        queue.extend(pass.engine.next_passes()?);
    }
    Ok(failed)
}

fn timeout(args: &Args) -> Result<Option<Duration>, String> {
    match args.timeout {
        None => Ok(None),
        Some(0.0) => Ok(None),
        Some(t) => Duration::try_from_secs_f64(t)
            .map(Some)
            .map_err(|_| format!("--timeout {t}: not a number of seconds")),
    }
}

/// The paths named and the `--dir` roots.
fn roots(args: &Args) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = args.paths.clone();
    roots.extend(args.dir.iter().cloned());
    roots
}

/// Whether `--ignore` leaves `path` out.
fn ignored(args: &Args, path: &Path) -> bool {
    if args.ignore.is_empty() {
        return false;
    }
    let shown = path.strip_prefix(".").unwrap_or(path);
    args.ignore.iter().any(|prefix| {
        path.starts_with(prefix) || shown.to_string_lossy().starts_with(prefix.as_str())
    })
}

/// Finds the files under the roots, telling `found` of each walked file not `--ignore`d
/// (the walk stops when it returns `false`).
fn walk_roots(
    args: &Args,
    include_headers: bool,
    found: &mut dyn FnMut(&Path) -> bool,
) -> FileList {
    crate::files::collect_c_files_telling(&roots(args), include_headers, &mut |path| {
        ignored(args, path) || found(path)
    })
}

/// The files to process, from what the walk found: those named and those found under
/// `--dir`, less `--ignore`d ones, and with `--max`/`--index`, this process's share. `None`
/// when a path could not be read (reported).
fn select_files(args: &Args, list: FileList) -> Result<Option<Vec<PathBuf>>, String> {
    if roots(args).is_empty() {
        return Err("no C file or directory given (name files, or --dir DIR)".into());
    }
    if !list.errors.is_empty() {
        for (path, e) in &list.errors {
            eprintln!("rcocci: {}: {e}", path.display());
        }
        return Ok(None);
    }
    let mut files: Vec<PathBuf> = list
        .files
        .into_iter()
        .filter(|p| !ignored(args, p))
        .collect();
    if let (Some(max), Some(index)) = (args.max, args.index) {
        if max == 0 || index >= max {
            return Err(format!("--index {index} must be below --max {max}"));
        }
        files = files
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % max == index)
            .map(|(_, p)| p)
            .collect();
    }
    Ok(Some(files))
}

/// Removes what interrupted runs left next to the files this run may write.
fn remove_stale_temporaries(args: &Args, files: &[PathBuf], quiet: bool) {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .chain(args.output.iter())
        .map(|f| match f.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    for path in tempfiles::remove_stale(dirs.iter().map(PathBuf::as_path)) {
        if !quiet {
            eprintln!(
                "rcocci: removed {}, left by an interrupted run",
                path.display()
            );
        }
    }
}

/// Runs the files, written and reported in file order by a thread of their own. A write
/// waits for the disk (each file is flushed before its rename): on the workers that wait
/// left a core idle, 13% of the copy-client conversion's wall time when the disk is busy
/// with other writes (`docs/design/performance.md`, tenth round). The queue is bounded, so
/// a slow disk holds the workers back rather than filling memory with finished files.
fn write_on_own_thread(
    driver: &Driver,
    files: &[PathBuf],
    args: &Args,
    dir_sync: &DirSync,
    reporter: &mut Reporter<'_>,
) {
    let (queue, finished) = std::sync::mpsc::sync_channel::<FileOutcome>(WRITE_QUEUE);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            for mut outcome in finished {
                write_outcome(args, dir_sync, &mut outcome);
                reporter.deliver(&outcome);
            }
        });
        driver.run_each(files, |outcome| {
            // A send fails only when the writer is gone, which `join` reports below.
            let _ = queue.send(outcome);
        });
        drop(queue);
        if let Err(panic) = writer.join() {
            std::panic::resume_unwind(panic);
        }
    });
}

/// Finished files waiting for the writer: a few per worker, as the hand-off's window.
const WRITE_QUEUE: usize = 16;

/// Writes one file's result (on the writer thread, in file order); the directories are
/// flushed once each at the end of the run.
fn write_outcome(args: &Args, dir_sync: &DirSync, outcome: &mut FileOutcome) {
    let policy = WritePolicy {
        force: args.force,
        dir_sync: Some(dir_sync),
    };
    if let Some(dest) = &args.output {
        if outcome.error.is_some() && outcome.snapshot.is_none() {
            return;
        }
        let bytes = match &outcome.new_bytes {
            Some(b) => b.clone(),
            None => match std::fs::read(&outcome.path) {
                Ok(b) => b,
                Err(e) => {
                    outcome.error = Some(format!("{}: cannot read: {e}", outcome.path.display()));
                    return;
                }
            },
        };
        if let Err(e) = write_file(dest, &bytes, None, policy) {
            outcome.error = Some(format!("{}: {e}", dest.display()));
        }
    } else if args.in_place && !args.check && outcome.error.is_none() {
        if let Some(bytes) = &outcome.new_bytes {
            if let Err(e) = write_file(&outcome.path, bytes, outcome.snapshot.as_ref(), policy) {
                outcome.error = Some(format!("{}: {e}", outcome.path.display()));
            }
        }
    }
}

/// Prints each outcome in the chosen format, keeps the counts, and decides the exit code.
struct Reporter<'a> {
    args: &'a Args,
    very_quiet: bool,
    no_show_diff: bool,
    summary: Summary,
    progress: Progress,
    sarif: Option<SarifLog>,
    stdout_closed: bool,
}

impl<'a> Reporter<'a> {
    fn new(args: &'a Args, opts: &Options, rule_names: &[String], files: usize) -> Self {
        Reporter {
            args,
            very_quiet: opts.very_quiet,
            no_show_diff: opts.no_show_diff,
            summary: Summary::new(rule_names),
            progress: Progress::new(files, !opts.very_quiet),
            sarif: (args.format == Format::Sarif).then(|| SarifLog::new(rule_names)),
            stdout_closed: false,
        }
    }

    fn deliver(&mut self, outcome: &FileOutcome) {
        let failed = outcome.error.is_some() && self.args.output.is_none();
        let diff = if outcome.changed() && !failed {
            output::file_diff(outcome, self.args.context, self.diff_base(&outcome.path))
        } else {
            String::new()
        };
        let hunks = formats::hunks(&diff);
        self.summary.add(outcome, hunks.len());
        self.progress.file_done(outcome, self.summary.matches);
        if !self.very_quiet {
            for note in &outcome.notes {
                self.progress.println(note);
            }
        }
        if let Some(e) = &outcome.error {
            self.progress.println(&format!("rcocci: {e}"));
        }
        self.script_output(&outcome.script_output);
        let text = self.render(outcome, diff, &hunks);
        self.print(&text);
    }

    /// What scripts printed, in the output's format: as printed for a diff; reports
    /// (`coccilib.report`) as results, and other lines as script output, otherwise, so that
    /// a JSON or SARIF stream stays one document.
    fn script_output(&mut self, printed: &str) {
        if printed.is_empty() {
            return;
        }
        let mut text = String::new();
        match self.args.format {
            Format::Diff => text.push_str(printed),
            Format::Json => {
                for line in formats::script_lines(printed) {
                    text.push_str(&formats::json_script_line(&line).to_string());
                    text.push('\n');
                }
            }
            Format::Sarif => {
                if let Some(log) = &mut self.sarif {
                    formats::script_lines(printed).for_each(|l| log.add_script_line(&l));
                }
            }
            Format::Github => {
                for line in formats::script_lines(printed) {
                    text.push_str(&formats::github_script_line(&line));
                    text.push('\n');
                }
            }
        }
        self.print(&text);
    }

    fn print(&mut self, text: &str) {
        if !text.is_empty() && !self.stdout_closed {
            let mut out = std::io::stdout().lock();
            // stdout closed (e.g. piped into `head`): nothing more to show.
            if out
                .write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                self.stdout_closed = true;
            }
        }
    }

    /// The directory diff headers are relative to, as spatch has it: `--patch DIR`, else
    /// the `--dir` the file was found under (so that `patch -p1` applies the output from
    /// that directory, wherever it is); else none.
    fn diff_base(&self, file: &Path) -> Option<&'a Path> {
        let args: &'a Args = self.args;
        args.patch.as_deref().or_else(|| {
            args.dir
                .iter()
                .map(PathBuf::as_path)
                .find(|d| file.starts_with(d))
        })
    }

    /// What goes to stdout for one file.
    fn render(&mut self, outcome: &FileOutcome, diff: String, hunks: &[formats::Hunk]) -> String {
        if matches!(self.args.format, Format::Diff) {
            return if self.no_show_diff {
                String::new()
            } else {
                diff
            };
        }
        // The path as text only for the formats that name it: a diff names it in its
        // headers, and most files of a run have nothing to show.
        let file = formats::file_name(outcome);
        let mut text = String::new();
        match self.args.format {
            Format::Diff => {}
            Format::Json => {
                let mut lines: Vec<serde_json::Value> = outcome
                    .matches
                    .iter()
                    .map(|m| formats::json_match(&file, m))
                    .collect();
                for hunk in hunks {
                    lines.push(formats::json_change(&file, hunk, &outcome.matches));
                }
                for &line in &outcome.unparsed_lines {
                    lines.push(formats::json_unparsed(&file, line));
                }
                if let Some(e) = &outcome.error {
                    lines.push(formats::json_error(&file, e));
                }
                for line in lines {
                    text.push_str(&line.to_string());
                    text.push('\n');
                }
            }
            Format::Sarif => {
                if let Some(log) = &mut self.sarif {
                    for m in &outcome.matches {
                        log.add(&file, m);
                    }
                    for &line in &outcome.unparsed_lines {
                        log.add_unparsed(&file, line);
                    }
                    if let Some(e) = &outcome.error {
                        log.add_error(&file, e);
                    }
                }
            }
            Format::Github => {
                for m in &outcome.matches {
                    text.push_str(&formats::github_annotation(&file, m));
                    text.push('\n');
                }
                if let Some(e) = &outcome.error {
                    text.push_str(&formats::github_error(&file, e));
                    text.push('\n');
                }
            }
        }
        text
    }

    /// Ends the output and returns the exit code.
    fn finish(self) -> i32 {
        self.progress.finish();
        if let Some(log) = &self.sarif {
            let text = serde_json::to_string_pretty(&log.to_json()).unwrap_or_default();
            println!("{text}");
        }
        if !self.very_quiet && !self.args.quiet {
            eprint!("{}", self.summary.render());
        }
        if self.summary.failed > 0 {
            2
        } else if self.args.check && self.summary.changed > 0 {
            1
        } else {
            0
        }
    }
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

/// Names the rule file declares as attributes, declarers or iterators (`attribute name
/// __nocast;`): spatch parses the C code knowing them. The table is copied only if a name
/// is new to it.
fn declare_rule_names(rules: &smpl_parser::RuleFile, table: &mut Arc<c_parser::MacroTable>) {
    use c_parser::{MacroFlow, MacroInfo, MacroShape};
    for m in rules.rules.iter().flat_map(|r| &r.metavars) {
        let shape = match m.kind {
            // Arguments are read unless they look like a declarator: `__attr (*fp)(int)`.
            smpl_parser::MetavarKind::AttributeName => MacroShape::Attribute { takes_args: false },
            smpl_parser::MetavarKind::DeclarerName => MacroShape::Declarer,
            smpl_parser::MetavarKind::IteratorName => MacroShape::Iterator,
            _ => continue,
        };
        if table.lookup(&m.name.name).is_none() {
            Arc::make_mut(table).insert(
                m.name.name.clone(),
                MacroInfo {
                    shape,
                    flow: MacroFlow::Normal,
                    params: None,
                    body: None,
                },
            );
        }
    }
}

/// The run's macro table: without macro files, the built-in table the rule file was parsed
/// with (built once per process); a macro file is added to a copy of it.
fn load_macros(args: &Options) -> Result<Arc<c_parser::MacroTable>, String> {
    let mut table = match &args.macro_file_builtins {
        Some(path) => {
            let mut t = c_parser::MacroTable::empty();
            add_macro_file(&mut t, path)?;
            Arc::new(t)
        }
        None => c_parser::MacroTable::shared_builtin(),
    };
    for path in &args.macro_files {
        add_macro_file(Arc::make_mut(&mut table), path)?;
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
    let config = engine_config(options, macros, disable_worth_trying_opt);
    crate::driver::build_engine(Arc::new(rules), &config)
}

/// What the command line says the engine is to do with its rules.
pub(super) fn engine_config(
    options: &Options,
    macros: Arc<c_parser::MacroTable>,
    disable_worth_trying_opt: bool,
) -> EngineConfig {
    EngineConfig {
        macros,
        defines: options.defines.clone(),
        include_dirs: options.include_dirs.clone(),
        includes: options.includes.unwrap_or_default(),
        int_sizes: matcher::types::IntSizes::from_options(options.int_bits, options.long_bits),
        iso_file: options.iso_file.clone(),
        no_iso: options.no_iso,
        disable_worth_trying_opt,
        dirs: options.dirs.clone(),
    }
}

/// Whether a `depends on` can hold, knowing only which virtual rules `-D` names: other rules
/// may or may not match, so they count as able to.
fn may_hold(d: &smpl_parser::Dependency, defines: &[String], virtuals: &[String]) -> bool {
    use smpl_parser::Dependency as D;
    let known = |name: &str| virtuals.iter().any(|v| v == name);
    let defined = |name: &str| defines.iter().any(|v| v == name);
    match d {
        D::Rule(n) | D::Ever(n) if known(n) => defined(n),
        D::Never(n) if known(n) => !defined(n),
        D::Not(inner) => match inner.as_ref() {
            D::Rule(n) if known(n) => !defined(n),
            _ => true,
        },
        D::And(a, b) => may_hold(a, defines, virtuals) && may_hold(b, defines, virtuals),
        D::Or(a, b) => may_hold(a, defines, virtuals) || may_hold(b, defines, virtuals),
        _ => true,
    }
}
