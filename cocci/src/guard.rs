//! The re-parse guard: a rewrite may not add a place that does not parse. The sites of the
//! new text's parse problems are mapped back through the change (a line diff of the two
//! texts) to the old text; a site that maps to no old problem is new, and the rewrite is
//! refused. Comparing counts instead lets a rewrite through that hides an old problem while
//! making a new one (an unclosed `/*` that comments out the rest of a file with one error).

use crate::driver::{FileNote, SyntaxProblem};

/// One change between two texts: old lines `old_start..old_start + old_len` became new lines
/// `new_start..new_start + new_len` (1-based; a length may be 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Change {
    old_start: usize,
    old_len: usize,
    new_start: usize,
    new_len: usize,
}

/// Where the new text's lines come from in the old text.
pub struct LineMap {
    changes: Vec<Change>,
}

/// Where a line of the new text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An unchanged line: its line in the old text.
    Kept(usize),
    /// A changed or added line: the old lines the change replaced (possibly none).
    Changed { old_start: usize, old_len: usize },
}

impl LineMap {
    pub fn between(old: &str, new: &str) -> Self {
        let diff = rewriter::unified_diff(old, new, "a", "b", 0);
        let changes = crate::formats::hunks(&diff)
            .into_iter()
            .map(|h| Change {
                // For an empty side, diff gives the line before the change.
                old_start: if h.old_lines == 0 {
                    h.old_start + 1
                } else {
                    h.old_start
                },
                old_len: h.old_lines,
                new_start: if h.new_lines == 0 {
                    h.new_start + 1
                } else {
                    h.new_start
                },
                new_len: h.new_lines,
            })
            .collect();
        LineMap { changes }
    }

    pub fn origin(&self, new_line: usize) -> Origin {
        let mut shift: isize = 0;
        for c in &self.changes {
            if new_line < c.new_start {
                break;
            }
            if new_line < c.new_start + c.new_len {
                return Origin::Changed {
                    old_start: c.old_start,
                    old_len: c.old_len,
                };
            }
            shift += c.old_len as isize - c.new_len as isize;
        }
        Origin::Kept((new_line as isize + shift).max(1) as usize)
    }
}

/// The first problem of the new text at a site where the old text had none, with its line.
pub fn first_new_problem<'a>(
    old: &str,
    before: &[SyntaxProblem],
    new: &str,
    after: &'a [SyntaxProblem],
) -> Option<(usize, &'a SyntaxProblem)> {
    if after.is_empty() {
        return None;
    }
    let old_lines: Vec<usize> = before
        .iter()
        .map(|p| FileNote::at_offset(old, p.offset, "").line)
        .collect();
    let map = LineMap::between(old, new);
    after.iter().find_map(|p| {
        let line = FileNote::at_offset(new, p.offset, "").line;
        let known = match map.origin(line) {
            Origin::Kept(l) => old_lines.contains(&l),
            Origin::Changed { old_start, old_len } => old_lines
                .iter()
                .any(|&l| l >= old_start && l < old_start + old_len.max(1)),
        };
        (!known).then_some((line, p))
    })
}

/// A `/*` that is never closed, which the C parser takes as a comment running to the end of
/// the file (so that it hides code without any parse error).
pub fn unterminated_comment(text: &str) -> Option<SyntaxProblem> {
    let bytes = text.as_bytes();
    let mut i = 0;
    // Only `/` and quotes matter: the scan jumps from one to the next (byte by byte, it was
    // 1.5% of the copy-client conversion, run on each file before and after).
    while let Some(skip) = memchr::memchr3(b'/', b'"', b'\'', &bytes[i..]) {
        i += skip;
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                match text[i + 2..].find("*/") {
                    Some(end) => i += 2 + end + 2,
                    None => {
                        return Some(SyntaxProblem {
                            offset: start,
                            message: "comment never closed: the rest of the file is hidden".into(),
                        })
                    }
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n + 1);
            }
            quote @ (b'"' | b'\'') => i = after_literal(bytes, i + 1, quote),
            _ => i += 1,
        }
        if i >= bytes.len() {
            break;
        }
    }
    None
}

/// Where the scan goes on after a literal whose text starts at `i`: past its closing quote,
/// or past the end of its line when it has none (an escape skips the byte after it).
fn after_literal(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    while i < bytes.len() {
        match memchr::memchr3(quote, b'\n', b'\\', &bytes[i..]) {
            Some(k) if bytes[i + k] == b'\\' => i += k + 2,
            Some(k) => return i + k + 1,
            None => return bytes.len() + 1,
        }
    }
    i + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem_at(text: &str, needle: &str) -> SyntaxProblem {
        SyntaxProblem {
            offset: text.find(needle).unwrap(),
            message: "expected expression".into(),
        }
    }

    #[test]
    fn lines_map_through_insertions_and_deletions() {
        let old = "a\nb\nc\nd\ne\n";
        let new = "a\nx\ny\nc\ne\nz\n";
        let map = LineMap::between(old, new);
        assert_eq!(map.origin(1), Origin::Kept(1));
        assert_eq!(
            map.origin(2),
            Origin::Changed {
                old_start: 2,
                old_len: 1
            }
        );
        assert_eq!(
            map.origin(3),
            Origin::Changed {
                old_start: 2,
                old_len: 1
            }
        );
        assert_eq!(map.origin(4), Origin::Kept(3));
        assert_eq!(map.origin(5), Origin::Kept(5));
        assert_eq!(
            map.origin(6),
            Origin::Changed {
                old_start: 6,
                old_len: 0
            }
        );
    }

    #[test]
    fn an_old_problem_that_moved_is_not_new() {
        let old = "int a;\nint b = (;\nint c;\n";
        let new = "int a0;\nint a1;\nint b = (;\nint c;\n";
        let before = [problem_at(old, "(;")];
        let after = [problem_at(new, "(;")];
        assert_eq!(first_new_problem(old, &before, new, &after), None);
    }

    #[test]
    fn a_new_problem_is_found_even_when_an_old_one_disappears() {
        // One problem before, one after: counts are equal, sites are not.
        let old = "int a;\nint b;\nint c;\nint d = (;\n";
        let new = "int a;\n/* int b;\nint c;\nint d = (;\n";
        let before = [problem_at(old, "(;")];
        let after = [problem_at(new, "/*")];
        let (line, _) = first_new_problem(old, &before, new, &after).unwrap();
        assert_eq!(line, 2);
        // An old problem kept, and a new one on an added line.
        let added = "int a;\nint b;\nint c;\nint d = (;\nint e = );\n";
        let after = [problem_at(added, "(;"), problem_at(added, ");")];
        let (line, _) = first_new_problem(old, &before, added, &after).unwrap();
        assert_eq!(line, 5);
    }

    #[test]
    fn unclosed_comments_are_found_outside_strings_and_line_comments() {
        assert_eq!(unterminated_comment("int a; /* x */ int b;\n"), None);
        assert_eq!(
            unterminated_comment("char *s = \"/*\"; // /*\nint b;\n"),
            None
        );
        let p = unterminated_comment("int a;\n/* int b;\nint c;\n").unwrap();
        assert_eq!(p.offset, 7);
    }

    /// The scan of every byte, which the jumping scan must agree with.
    fn unterminated_comment_bytewise(text: &str) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'/' if bytes.get(i + 1) == Some(&b'*') => match text[i + 2..].find("*/") {
                    Some(end) => i += 2 + end + 2,
                    None => return Some(i),
                },
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = text[i..].find('\n').map_or(bytes.len(), |n| i + n + 1);
                }
                quote @ (b'"' | b'\'') => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        None
    }

    /// Every text of up to five pieces of eight kinds (quotes, escapes, comment starts and
    /// ends, newlines) gives the same answer as the scan of every byte.
    #[test]
    fn jumping_scan_agrees_with_the_bytewise_scan() {
        let pieces = ["/*", "*/", "//", "\"", "'", "\\", "\n", "x"];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts = longer;
            texts.push(String::new());
        }
        for text in &texts {
            assert_eq!(
                unterminated_comment(text).map(|p| p.offset),
                unterminated_comment_bytewise(text),
                "{text:?}"
            );
        }
    }
}
