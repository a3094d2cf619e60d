//! Errors in rule files, rendered with codespan-reporting as `file:line:col: message`.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream};
use std::ops::Range;

/// One problem found in a rule file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: usize,
    pub range: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
    pub is_warning: bool,
}

/// The problems of a failed parse, with the texts they point into.
#[derive(Clone)]
pub struct Diagnostics {
    pub files: SimpleFiles<String, String>,
    pub problems: Vec<Problem>,
}

impl std::fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render_plain())
    }
}

impl Default for Diagnostics {
    fn default() -> Self {
        Self::new()
    }
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics {
            files: SimpleFiles::new(),
            problems: Vec::new(),
        }
    }

    pub fn add_file(&mut self, name: String, text: String) -> usize {
        self.files.add(name, text)
    }

    pub fn error(&mut self, file: usize, range: Range<usize>, message: impl Into<String>) {
        self.push(file, range, message.into(), None, false);
    }

    pub fn error_with_hint(
        &mut self,
        file: usize,
        range: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(file, range, message.into(), Some(hint.into()), false);
    }

    pub fn warning(&mut self, file: usize, range: Range<usize>, message: impl Into<String>) {
        self.push(file, range, message.into(), None, true);
    }

    pub fn warning_with_hint(
        &mut self,
        file: usize,
        range: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(file, range, message.into(), Some(hint.into()), true);
    }

    fn push(
        &mut self,
        file: usize,
        range: Range<usize>,
        message: String,
        hint: Option<String>,
        is_warning: bool,
    ) {
        // Ranges must lie on character boundaries inside the file for codespan.
        let range = match self.files.get(file) {
            Ok(f) => clamp_range(f.source(), range),
            Err(_) => range,
        };
        self.problems.push(Problem {
            file,
            range,
            message,
            hint,
            is_warning,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| !p.is_warning)
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Moves the problems of `other` (with their files) into `self`.
    pub fn absorb(&mut self, other: Diagnostics) {
        let mut ids = Vec::new();
        let mut id = 0;
        while let Ok(f) = other.files.get(id) {
            ids.push(self.files.add(f.name().clone(), f.source().clone()));
            id += 1;
        }
        for mut p in other.problems {
            p.file = ids.get(p.file).copied().unwrap_or(p.file);
            self.problems.push(p);
        }
    }

    /// `file:line:col` of a problem (1-based), as the first line of its rendering shows.
    pub fn location(&self, problem: &Problem) -> String {
        match self.files.get(problem.file) {
            Ok(f) => {
                let (line, col) = line_col(f.source(), problem.range.start);
                format!("{}:{}:{}", f.name(), line, col)
            }
            Err(_) => "?".into(),
        }
    }

    fn to_codespan(&self, p: &Problem) -> Diagnostic<usize> {
        let sev = if p.is_warning {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut d = Diagnostic::new(sev)
            .with_message(format!("{}: {}", self.location(p), p.message))
            .with_labels(vec![Label::primary(p.file, p.range.clone())]);
        if let Some(h) = &p.hint {
            d = d.with_notes(vec![format!("hint: {h}")]);
        }
        d
    }

    /// The rendering without colours (for tests and files).
    pub fn render_plain(&self) -> String {
        let mut buf = Buffer::no_color();
        let config = term::Config::default();
        for p in &self.problems {
            let _ = term::emit(&mut buf, &config, &self.files, &self.to_codespan(p));
        }
        String::from_utf8_lossy(buf.as_slice()).into_owned()
    }

    /// Prints to stderr, coloured when stderr is a terminal.
    pub fn emit_to_stderr(&self) {
        use std::io::IsTerminal;
        let choice = if std::io::stderr().is_terminal() {
            ColorChoice::Auto
        } else {
            ColorChoice::Never
        };
        let stream = StandardStream::stderr(choice);
        let mut lock = stream.lock();
        let config = term::Config::default();
        for p in &self.problems {
            let _ = term::emit(&mut lock, &config, &self.files, &self.to_codespan(p));
        }
    }
}

/// 1-based line and column (in characters) of byte offset `pos`.
pub fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let pos = floor_char_boundary(text, pos.min(text.len()));
    let line_start = text[..pos].rfind('\n').map_or(0, |n| n + 1);
    let line = text[..pos].matches('\n').count() + 1;
    (line, text[line_start..pos].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut pos: usize) -> usize {
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

fn clamp_range(text: &str, range: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.min(text.len())).max(start);
    start..end
}
