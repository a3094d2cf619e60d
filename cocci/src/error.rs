//! One error enum for the whole tool, each with its exit code (in the manner of ast-grep).

use std::fmt;
use std::path::PathBuf;

/// Process exit codes, shared by every subcommand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// Success (for check modes: nothing to change).
    Ok = 0,
    /// Check mode found changes; or (unifdef) the output differs from the input.
    Changed = 1,
    /// Bad input: a rule file that does not parse, an unreadable file, bad usage.
    Trouble = 2,
}

#[derive(Debug)]
pub enum Error {
    /// Command-line usage error (unknown option, missing argument).
    Usage(String),
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A rule file did not parse; the rendered diagnostic is carried along.
    RuleSyntax(String),
    /// Anything else that stops the run, already worded for the user.
    Other(String),
}

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::Trouble
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => write!(f, "{m}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::RuleSyntax(m) => write!(f, "{m}"),
            Error::Other(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}
