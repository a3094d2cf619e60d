//! Added lines written at the indentation of their context.

use crate::added::AddedLine;
use crate::wrap::wrap_long_line;

/// Added lines at the context's indentation (empty lines get none), long ones broken as
/// spatch breaks them.
pub(super) fn indented(indent: &str, lines: &[AddedLine], step: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    for AddedLine {
        text: line,
        is_label,
        break_marks,
    } in lines
    {
        if line.is_empty() {
            out.push(String::new());
        } else if line.trim_start().starts_with('#') {
            // Preprocessor lines start in column 0.
            out.push(line.trim_start().to_string());
        } else if *is_label {
            // A label stands one level out from the statements, where the block's brace is
            // (column 0 in a kernel function).
            let outer = indent
                .strip_suffix(step)
                .or_else(|| indent.strip_suffix('\t'))
                .unwrap_or(indent);
            out.push(format!("{outer}{}", line.trim_start()));
        } else {
            // Levels of the added code (tabs from the layout) in the file's own step.
            let content = line.trim_start_matches('\t');
            let levels = line.len() - content.len();
            let line_indent = format!("{indent}{}", step.repeat(levels));
            let marks: Vec<_> = break_marks
                .iter()
                .map(|&(at, m)| (at - levels + line_indent.len(), m))
                .collect();
            out.extend(wrap_long_line(&format!("{line_indent}{content}"), &marks));
        }
    }
    out
}

/// Appends one line of code after the indentation (an empty line gets none).
pub(crate) fn push_line(out: &mut String, indent: &str, line: &str) {
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(line);
    }
}
