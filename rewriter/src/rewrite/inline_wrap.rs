//! Breaking in-line added code whose line grows too long.

use crate::lines::{line_end, line_start};
use crate::wrap::{wrap_long_line, MarkedText};
use std::ops::Range;

/// In-line code whose line reaches 80 columns is broken as spatch breaks added calls, when the
/// call being broken is the added code's own (the line around it stays as it was).
pub(super) fn wrap_inline(
    text: &str,
    tree: &c_parser::SyntaxNode,
    replaced: Range<usize>,
    code: MarkedText,
) -> String {
    let ls = line_start(text, replaced.start);
    let le = line_end(text, replaced.end);
    let prefix = &text[ls..replaced.start];
    let suffix = &text[replaced.end..le];
    if code.text.contains('\n')
        || prefix.contains('\n')
        || suffix.contains('\n')
        || !crate::wrap::reaches_limit(&format!("{prefix}{}{suffix}", code.text))
    {
        return code.text;
    }
    let around = crate::wrap::CLine::new(text, tree, ls..le);
    // A trailing comment does not count towards the width (spatch measures the code).
    let suffix = &suffix[..around.code_end(replaced.end) - replaced.end];
    let full = format!("{prefix}{}{suffix}", code.text);
    let mut marks = around.marks_in(ls..replaced.start);
    marks.extend(crate::wrap::shifted(
        &code.marks,
        prefix.len(),
        (!prefix.trim().is_empty()).then_some(around.ends_with_callee(replaced.start)),
    ));
    let suffix_before = match code.text.trim().is_empty() {
        true => (!prefix.trim().is_empty()).then_some(around.ends_with_callee(replaced.start)),
        false => Some(code.ends_with_callee),
    };
    marks.extend(crate::wrap::shifted(
        &around.marks_in(replaced.end..replaced.end + suffix.len()),
        prefix.len() + code.text.len(),
        suffix_before,
    ));
    let wrapped = wrap_long_line(&full, &marks);
    if wrapped.len() < 2 {
        return code.text;
    }
    let joined = wrapped.join("\n");
    match joined
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
    {
        // The break must fall inside the added code.
        Some(middle) if !middle.trim().is_empty() && code.text.contains('(') => middle.to_string(),
        _ => code.text,
    }
}
