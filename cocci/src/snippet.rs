//! Code snippets under C parse notes, drawn by codespan-reporting as rule-file diagnostics
//! are: the file, line and column, and the line with a caret at the place.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::NoColor};

/// The snippet of `text` (named `name`) at byte `offset`, without codespan's own header
/// line: the caller's note already says what is wrong.
pub fn at_offset(name: &str, text: &str, offset: usize, label: &str) -> String {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let end = text[offset..]
        .chars()
        .next()
        .filter(|c| *c != '\n')
        .map_or(offset, |c| offset + c.len_utf8());
    let file = SimpleFile::new(name, text);
    let diagnostic = Diagnostic::warning()
        .with_labels(vec![Label::primary((), offset..end).with_message(label)]);
    let mut out = NoColor::new(Vec::new());
    if term::emit(&mut out, &term::Config::default(), &file, &diagnostic).is_err() {
        return String::new();
    }
    let rendered = String::from_utf8_lossy(&out.into_inner()).into_owned();
    // Drop the header ("warning: ") and the blank line after the snippet.
    rendered
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_line_and_a_caret() {
        let text = "int a;\nint f(void)\n{\n\treturn (;\n}\n";
        let offset = text.find("(;").unwrap() + 1;
        let s = at_offset("x.c", text, offset, "not parsed");
        assert_eq!(
            s,
            "  ┌─ x.c:4:10\n  │\n4 │     return (;\n  │             ^ not parsed\n"
        );
    }
}
