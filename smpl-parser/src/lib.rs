//! SmPL (.cocci) rule-file parser: rule headers, metavariable declarations, script rules, and
//! rule bodies parsed with c-parser's grammar into a minus/context pattern tree and a plus tree
//! anchored to the pattern's tokens.
//!
//! ```no_run
//! let text = "@@\nexpression E;\n@@\n- foo(E);\n+ bar(E);\n";
//! let rules = smpl_parser::parse_rule_file(std::path::Path::new("r.cocci"), text).unwrap();
//! let body = rules.rules[0].body().unwrap();
//! for t in &body.tokens {
//!     // t.mark (minus/context/star), t.metavar, t.attached positions ...
//! }
//! ```

mod body;
mod cparse;
mod cursor;
mod define_pattern;
mod diag;
mod dump;
mod features;
mod file;
mod header;
mod include;
mod lexer;
mod metavar;
mod model;
mod regex_constraint;
mod slices;
mod usage;

pub use body::{AnchorPlace, PatternToken, PlusRun, PlusToken, RuleBody, Slice};
pub use define_pattern::{DefineName, DefineParam, DefinePattern};
pub use diag::{line_col, Diagnostics, Problem};
pub use dump::dump_rule_file;
pub use features::{Feature, FeatureUse};
pub use include::parse_rule_file_with_includes;
pub use model::*;
pub use regex_constraint::{CompiledRegex, RegexDialect, RegexError};
pub use slices::Mark;

use std::path::Path;

/// Parses one rule file. `#include`d rule files are recorded in [`RuleFile::includes`] but not
/// read (see [`parse_rule_file_with_includes`]); names of rules they may define are then not
/// reported as unknown.
pub fn parse_rule_file(path: &Path, text: &str) -> Result<RuleFile, Diagnostics> {
    let ctx = file::Context {
        known_rules: &[],
        trust_unknown_rules: false,
    };
    let (mut rf, diags) = file::parse_file(path, text, &ctx);
    if diags.has_errors() {
        Err(diags)
    } else {
        rf.warnings = diags;
        Ok(rf)
    }
}
