//! rcocci's library facade: the pipeline stages behind one API, and the `rcocci` command line.
//!
//! Data flows one way: `c-parser` → `smpl-parser` → `cfg-builder` → `matcher` → `rewriter`.
//! `unifdef` (conditional stripping) sits before the parser: it works on lines and directives.

pub mod api;
pub mod cli;
pub mod convert;
pub mod driver;
pub mod engine;
pub mod error;
pub mod explain;
pub mod files;
pub mod formats;
pub mod guard;
pub mod handoff;
pub mod output;
pub mod prefetch;
pub mod snippet;
pub mod strip;
pub mod tempfiles;
pub mod threads;
pub mod write;

pub use error::{Error, ExitCode};
