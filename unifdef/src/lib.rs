//! Conditional-directive stripping with the semantics of unifdef 2.10.
//!
//! Given which macros are defined (`-D`) or undefined (`-U`), the `#if`/`#ifdef`/`#ifndef`/
//! `#elif`/`#else`/`#endif` lines whose value is then known are removed together with the text
//! they exclude; everything else is passed through byte for byte. The crate works on lines and
//! directives, never on a C tree, and on bytes (`&[u8]`), so any file can be processed.
//!
//! Compatibility is the point: the output is byte-identical to `unifdef` 2.10 run with the same
//! flags, including its rewrites (`#elif` -> `#if  ` with two spaces to keep the line length,
//! `#elif`/`#else` -> `#else`/`#endif` with the trailing comment dropped), its expression
//! grammar, its comment and continuation tracking, its `-B` blank-line compression and its
//! errors. unifdef 2.10 does not simplify partially known expressions: `#if defined(A) &&
//! defined(B)` with `-DA` is passed through unchanged, and so it is here.
//!
//! ```
//! let mut options = unifdef::Options::default();
//! options.symbols.undefine("HAVE_SERVER_SUPPORT");
//! options.symbols.define("UPSTREAM_LINUX", None);
//! let text = b"#ifdef HAVE_SERVER_SUPPORT\nserver();\n#else\nclient();\n#endif\n";
//! let out = unifdef::strip(text, &options).unwrap();
//! assert_eq!(out.text, b"client();\n");
//! assert_eq!(out.removed_lines, vec![1, 2, 3, 5]);
//! ```

pub mod args;
mod engine;
mod eval;
mod lexer;
mod symbols;

pub use symbols::{BadSymbolArg, DefinitionsError, Symbol, Symbols};

/// How to process text: the symbols and unifdef's flags.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub symbols: Symbols,
    /// `-k`: also decide `#if`s whose expression is constant (`#if 0`).
    pub process_constants: bool,
    /// `-K`: `&&`/`||` with an unknown operand are unknown (no short-circuit).
    pub strict_logic: bool,
    /// `-c`: keep what would be removed and remove what would be kept.
    pub complement: bool,
    /// `-t`: plain text, no comment, string or continuation awareness.
    pub text_mode: bool,
    /// `-b` (`-l`): replace removed lines with blank lines.
    pub blank_removed: bool,
    /// `-B`: compress blank lines around a removed section.
    pub compress_blanks: bool,
    /// `-e`: pass through decided directives that span lines instead of failing.
    pub ignore_multiline: bool,
    /// `-n`: emit `#line` directives after removed lines.
    pub line_directives: bool,
    /// `-s` / `-S`: list the macros the conditionals use instead of processing.
    pub list_symbols: Option<ListStyle>,
}

/// Symbol listing style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListStyle {
    /// `-s`: one name per line.
    Lines,
    /// `-S`: all names on one line, each preceded by a space.
    OneLine,
}

/// The result of stripping one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stripped {
    pub text: Vec<u8>,
    /// unifdef's notion of "changed" (drives the exit status): some line was removed. A text
    /// whose only change is an `#elif` rewrite or an added final newline is not altered.
    pub altered: bool,
    /// 1-based physical line numbers of the input lines that were removed (or blanked).
    pub removed_lines: Vec<u32>,
}

/// Why a text could not be processed. The caller should leave the file as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based physical line (one past the last line for end-of-file problems).
    pub line: u32,
    pub message: String,
    /// The innermost open conditional: its line and the nesting depth.
    pub open_if: Option<(u32, usize)>,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.line, self.message)?;
        if let Some((line, depth)) = self.open_if {
            write!(f, " (#if line {line} depth {depth})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Strips `input`. `#line` directives (`-n`) name no file; see [`strip_file`].
pub fn strip(input: &[u8], options: &Options) -> Result<Stripped, Diagnostic> {
    strip_file(input, options, None)
}

/// Strips `input`; `file_label` is the name `#line` directives give (`-n`), as unifdef prints
/// the path it was given (none for standard input).
pub fn strip_file(
    input: &[u8],
    options: &Options,
    file_label: Option<&str>,
) -> Result<Stripped, Diagnostic> {
    let run = engine::Processor::new(input, options, file_label, None).run()?;
    Ok(Stripped {
        text: run.output,
        altered: run.altered,
        removed_lines: run.removed_lines,
    })
}

/// Lists the macro names used by `input`'s conditional directives, as `-s`/`-S` print them
/// (every use, in order; errors still stop the listing).
pub fn list_symbols(
    input: &[u8],
    options: &Options,
    style: ListStyle,
) -> Result<Vec<u8>, Diagnostic> {
    let listing = eval::Listing {
        one_line: style == ListStyle::OneLine,
        slot: options.symbols.iter().next().cloned(),
        ..Default::default()
    };
    let run = engine::Processor::new(input, options, None, Some(listing)).run()?;
    Ok(run.listing)
}
