//! Byte-range edits, layout of added code, diffs.
//!
//! The matcher reports, per match, the tokens to remove and the code to add at token
//! boundaries; [`Rewrite`] turns those into sorted, non-overlapping [`Edit`]s with Coccinelle's
//! layout, [`apply_edits`] applies them in one pass, and [`unified_diff`] renders the change.

pub mod added;
pub mod boundaries;
mod braces;
mod confusing;
mod dedent;
pub mod diff;
pub mod edit;
pub mod file_tokens;
pub mod footprints;
pub mod layout;
pub mod lines;
pub mod parens;
pub mod rewrite;
pub mod scan;
pub mod spacing;
pub mod statement_count;
pub mod steps;
mod tidy;
pub mod wrap;

pub use added::{AddedCode, AddedLine};
pub use boundaries::{
    check_token_boundaries, check_token_boundaries_near, separate_tokens, separate_tokens_in_tree,
    TokenGlue,
};
pub use diff::{line_diff, quote_file_name, unified_diff, DiffOp};
pub use edit::{apply_edits, normalize_edits, Edit, EditConflict, EditSet, Fix};
pub use footprints::AcceptedChanges;
pub use parens::{groups_product, needs_parens};
pub use rewrite::{Addition, Placement, Rewrite};
pub use spacing::{lay_out_expression, lay_out_tree, space_between, Spacer};
