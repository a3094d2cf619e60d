//! The script host: runs the script code of a rule file (`@script:python@`,
//! `@initialize:ocaml@`, script constraints, script-named fresh identifiers) in a child
//! interpreter process, one per language, that lives as long as the run.
//!
//! Why a child process and not an embedded interpreter: `cargo install` must work on a
//! machine without Python headers or OCaml libraries, and an interpreter that crashes or
//! loops must not take rcocci's memory with it. Scripts share state across the whole run
//! (an `@initialize@` table is filled by every file's matches and printed by `@finalize@`),
//! so each language has exactly one process, and callers serialise requests through
//! [`ScriptHost`]'s lock. The protocol is described in `docs/design/scripting.md`.

mod lines;
mod ocaml;
mod python;
mod reply;

pub use lines::with_deadline;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A scripting language of a rule file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    Python,
    OCaml,
}

impl Language {
    /// The language a rule header names (`script:python`), if rcocci knows it.
    pub fn from_name(name: &str) -> Option<Language> {
        match name {
            "python" => Some(Language::Python),
            "ocaml" => Some(Language::OCaml),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::OCaml => "ocaml",
        }
    }
}

/// One place a position metavariable holds, as scripts see it (`p[0].line`). Lines are
/// 1-based and columns 0-based, as in spatch's script API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// The name of the function the place is in (spatch's `current_element`).
    pub current_element: String,
    /// Where that function is (its whole definition); zero outside functions.
    pub current_element_line: usize,
    pub current_element_column: usize,
    pub current_element_line_end: usize,
    pub current_element_column_end: usize,
    pub line: usize,
    pub column: usize,
    pub line_end: usize,
    pub column_end: usize,
}

/// The value a script variable gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A metavariable's code (an identifier, an expression, a statement ...).
    Code(String),
    /// A position metavariable: the places it holds (also what a script sets a position
    /// out-binding to).
    Positions(Vec<Location>),
    /// A number: the length a list metavariable's `list[n]` binds.
    Integer(u64),
    /// A list metavariable's elements.
    List(Vec<String>),
    /// A parameter list metavariable: its code, and the name each parameter declares
    /// (`None` for an unnamed one, as in a prototype), which OCaml's `(text, ast) << r.pl`
    /// gives as Coccinelle's `Ast_c` parameters.
    Parameters {
        code: String,
        names: Vec<Option<String>>,
    },
    /// In a finalize rule, `x << merge.name`: the values the scripts gave `coccinelle.name`
    /// (one per script process, so one here).
    Merge(String),
}

/// A script variable and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    pub value: Value,
}

/// A piece of script code and where it is written, for error messages that point into the
/// rule file.
#[derive(Clone, Copy, Debug)]
pub struct Script<'a> {
    /// The rule the code belongs to, for messages.
    pub rule: &'a str,
    pub file: &'a Path,
    /// The 1-based line of the rule file the code starts on.
    pub line: usize,
    pub code: &'a str,
    /// The C file being processed (`cocci.files()`), empty outside files.
    pub c_file: &'a str,
}

/// What running a script rule's code gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecOutcome {
    /// What the script printed.
    pub stdout: String,
    /// Each requested output variable (`coccinelle.y`) and its value; `None` when the
    /// script did not set it.
    pub outputs: Vec<(String, Option<Value>)>,
    /// `False` when the script called `cocci.include_match(False)`.
    pub include_match: bool,
    /// The script called `cocci.exit()`: the current file's remaining rules are skipped.
    pub exit: bool,
}

/// What evaluating a script expression (a constraint, a fresh identifier's name) gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalOutcome<T> {
    pub value: T,
    pub stdout: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptError {
    /// The interpreter is not installed (or cannot be started).
    Missing {
        language: Language,
        program: PathBuf,
        detail: String,
    },
    /// The script raised an error.
    Failed { rule: String, message: String },
    /// A script still ran at the deadline (`--timeout`): its interpreter was killed, and a
    /// new one (with none of the old one's state) serves later calls.
    TimedOut { language: Language },
    /// The interpreter died or answered something unreadable.
    Host { language: Language, message: String },
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScriptError::Missing {
                language: Language::Python,
                program,
                detail,
            } => write!(
                f,
                "cannot start {} ({detail}): this rule file has Python script rules; install \
                 Python 3 (e.g. `apt-get install python3`), or name the interpreter with \
                 RCOCCI_PYTHON=/path/to/python3",
                program.display()
            ),
            ScriptError::Missing {
                language: Language::OCaml,
                program,
                detail,
            } => write!(
                f,
                "cannot start {} ({detail}): this rule file has OCaml script rules; install \
                 the OCaml toplevel (e.g. `apt-get install ocaml-nox`), or name it with \
                 RCOCCI_OCAML=/path/to/ocaml",
                program.display()
            ),
            ScriptError::Failed { rule, message } => {
                write!(f, "script rule {rule} failed:\n{}", message.trim_end())
            }
            ScriptError::TimedOut { language } => write!(
                f,
                "a {} script was still running at the timeout; its interpreter was stopped",
                language.name()
            ),
            ScriptError::Host { language, message } => {
                write!(f, "the {} script host failed: {message}", language.name())
            }
        }
    }
}

impl std::error::Error for ScriptError {}

/// The running interpreter of one language.
/// A pass over files that a script registered (`Iteration().register()` in Python), to run
/// after the current one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Iteration {
    /// The files of the pass; `None` for those of the current pass.
    pub files: Option<Vec<String>>,
    /// Virtual rules set (`-D name`).
    pub virtual_rules: Vec<String>,
    /// Virtual identifiers set (`-D name=value`).
    pub virtual_identifiers: Vec<(String, String)>,
    /// Keep the current pass's virtual identifiers that this one does not set.
    pub extend_virtual_identifiers: bool,
}

trait Session: Send {
    /// The iterations registered since the last call.
    fn take_iterations(&mut self) -> Result<Vec<Iteration>, ScriptError>;

    /// Makes the rule file's virtual rule and identifier names known to scripts, as the
    /// language names them (Python: strings; OCaml: constructors for `iteration`).
    fn declare_virtual_names(&mut self, names: &[&str]) -> Result<(), ScriptError>;

    fn exec(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
        outputs: &[String],
    ) -> Result<ExecOutcome, ScriptError>;

    fn eval_bool(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
    ) -> Result<EvalOutcome<bool>, ScriptError>;

    fn eval_string(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
    ) -> Result<EvalOutcome<String>, ScriptError>;
}

/// The interpreters a rule file needs, each started once and shared by every file of the
/// run (calls from several threads are serialised).
pub struct ScriptHost {
    python: Option<Mutex<Interpreter>>,
    ocaml: Option<Mutex<Interpreter>>,
    /// Declared in each interpreter as it starts.
    virtual_names: Vec<String>,
}

/// One language's interpreter. It starts when a script of that language first runs: a run
/// in which no file reaches a script rule (the prefilter often leaves none) does not pay
/// for the interpreter's start-up, which can take longer than the whole run.
enum Interpreter {
    NotStarted,
    Running(Box<dyn Session>),
    /// Starting it failed; every later call gets the same error rather than a new attempt
    /// per file.
    Failed(ScriptError),
}

impl ScriptHost {
    /// Prepares an interpreter for each language in `languages` (and none for the others),
    /// with the rule file's virtual rule and identifier names to declare. An interpreter
    /// program that cannot be found is an error here, before any file is read; the
    /// interpreter itself starts when first used.
    pub fn start(
        languages: &[Language],
        virtual_names: &[&str],
    ) -> Result<ScriptHost, ScriptError> {
        for language in languages {
            let program = interpreter_program(*language);
            if !findable(&program) {
                return Err(ScriptError::Missing {
                    language: *language,
                    program,
                    detail: "no such program".into(),
                });
            }
        }
        let slot = |language| {
            languages
                .contains(&language)
                .then(|| Mutex::new(Interpreter::NotStarted))
        };
        Ok(ScriptHost {
            python: slot(Language::Python),
            ocaml: slot(Language::OCaml),
            virtual_names: virtual_names.iter().map(|n| n.to_string()).collect(),
        })
    }

    fn session(&self, language: Language) -> Result<&Mutex<Interpreter>, ScriptError> {
        let slot = match language {
            Language::Python => &self.python,
            Language::OCaml => &self.ocaml,
        };
        slot.as_ref().ok_or_else(|| ScriptError::Host {
            language,
            message: "not started for this rule file".into(),
        })
    }

    fn with<T>(
        &self,
        language: Language,
        f: impl FnOnce(&mut dyn Session) -> Result<T, ScriptError>,
    ) -> Result<T, ScriptError> {
        let mut interpreter = self
            .session(language)?
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Interpreter::NotStarted = *interpreter {
            // Its start is not bounded by the deadline of the file that happens to need it
            // first.
            *interpreter = match with_deadline(None, || self.restart(language)) {
                Ok(session) => Interpreter::Running(session),
                Err(e) => Interpreter::Failed(e),
            };
        }
        let session = match &mut *interpreter {
            Interpreter::Running(session) => session,
            Interpreter::Failed(e) => return Err(e.clone()),
            Interpreter::NotStarted => unreachable!("started above"),
        };
        let result = f(session.as_mut());
        if matches!(result, Err(ScriptError::TimedOut { .. })) {
            // The killed interpreter is replaced, so the run's other files still have one;
            // the deadline that stopped it does not bound the new one's start.
            *session = with_deadline(None, || self.restart(language))?;
        }
        result
    }

    /// A new interpreter for `language`, with the run's virtual names declared.
    fn restart(&self, language: Language) -> Result<Box<dyn Session>, ScriptError> {
        let names: Vec<&str> = self.virtual_names.iter().map(String::as_str).collect();
        let mut fresh: Box<dyn Session> = match language {
            Language::Python => Box::new(python::PythonSession::start()?),
            Language::OCaml => Box::new(ocaml::OcamlSession::start()?),
        };
        fresh.declare_virtual_names(&names)?;
        Ok(fresh)
    }

    /// Runs a script rule's code (or an initialize/finalize rule's) with `inputs` bound, and
    /// reads back the `outputs` it should set.
    pub fn exec(
        &self,
        language: Language,
        script: &Script<'_>,
        inputs: &[Input],
        outputs: &[String],
    ) -> Result<ExecOutcome, ScriptError> {
        self.with(language, |s| s.exec(script, inputs, outputs))
    }

    /// The passes scripts registered since the last call (Python's `Iteration`).
    pub fn take_iterations(&self) -> Result<Vec<Iteration>, ScriptError> {
        let mut all = Vec::new();
        for language in [Language::Python, Language::OCaml] {
            // An interpreter that never started has run no script, so registered nothing.
            let started = self.session(language).is_ok_and(|slot| {
                matches!(
                    *slot.lock().unwrap_or_else(|e| e.into_inner()),
                    Interpreter::Running(_)
                )
            });
            if started {
                all.extend(self.with(language, |s| s.take_iterations())?);
            }
        }
        Ok(all)
    }

    /// Evaluates a script constraint: whether the value it gives is true.
    pub fn eval_bool(
        &self,
        language: Language,
        script: &Script<'_>,
        inputs: &[Input],
    ) -> Result<EvalOutcome<bool>, ScriptError> {
        self.with(language, |s| s.eval_bool(script, inputs))
    }

    /// Evaluates a script expression that names something (a fresh identifier).
    pub fn eval_string(
        &self,
        language: Language,
        script: &Script<'_>,
        inputs: &[Input],
    ) -> Result<EvalOutcome<String>, ScriptError> {
        self.with(language, |s| s.eval_string(script, inputs))
    }
}

/// The interpreter program: the environment variable `var` if set, else `default` (found
/// on `PATH`).
fn program(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default))
}

/// The interpreter program of `language`.
fn interpreter_program(language: Language) -> PathBuf {
    match language {
        Language::Python => program("RCOCCI_PYTHON", "python3"),
        Language::OCaml => program("RCOCCI_OCAML", "ocaml"),
    }
}

/// Whether starting `program` can find it, as `execvp` looks: a path with a slash as it
/// is, a bare name in the directories of `PATH` (without `PATH`, the system's default
/// search is left to the start itself).
fn findable(program: &Path) -> bool {
    let runnable = |path: &Path| {
        std::fs::metadata(path).is_ok_and(|m| {
            #[cfg(unix)]
            let executable = std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o111 != 0;
            #[cfg(not(unix))]
            let executable = true;
            m.is_file() && executable
        })
    };
    if program.components().count() > 1 {
        return runnable(program);
    }
    match std::env::var_os("PATH") {
        Some(dirs) => std::env::split_paths(&dirs).any(|dir| runnable(&dir.join(program))),
        None => true,
    }
}

/// Ends an interpreter whose input is closed: end of input ends its loop; one still busy
/// after half a second (a script stuck in a loop) is killed.
fn end_child(child: &mut std::process::Child) {
    for _ in 0..50 {
        if matches!(child.try_wait(), Ok(Some(_)) | Err(_)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Script code with its SmPL comment lines (`// ...`, which spatch accepts in script rules)
/// blanked, keeping the line numbers.
fn without_smpl_comments(code: &str) -> String {
    code.split_inclusive('\n')
        .map(|line| match line.trim_start().starts_with("//") {
            true => {
                if line.ends_with('\n') {
                    "\n"
                } else {
                    ""
                }
            }
            false => line,
        })
        .collect()
}
