//! Lossless, tolerant C front end.

pub mod macros;

pub use macros::{MacroFileError, MacroFlow, MacroInfo, MacroShape, MacroTable};
