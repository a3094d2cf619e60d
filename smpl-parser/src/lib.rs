//! SmPL (.cocci) rule-file parser: rule headers, metavariable declarations, script rules, and
//! rule bodies parsed with c-parser's grammar into a minus/context pattern tree and a plus tree
//! anchored to the pattern's tokens.

mod body;
mod cursor;
mod diag;
mod file;
mod header;
mod lexer;
mod metavar;
mod model;

pub use body::RuleBody;
pub use diag::{line_col, Diagnostics, Problem};
pub use model::*;

use std::path::Path;

/// Parses one rule file. `#include`d rule files are recorded in [`RuleFile::includes`] but not
/// read; names of rules they may define are then not reported as unknown.
pub fn parse_rule_file(path: &Path, text: &str) -> Result<RuleFile, Diagnostics> {
    let ctx = file::Context {
        known_rules: &[],
        trust_unknown_rules: false,
    };
    let (rf, diags) = file::parse_file(path, text, &ctx);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(rf)
    }
}
