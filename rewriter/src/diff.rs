//! Line diffs and their rendering as `diff -u -p` does: unified hunks with 3 lines of
//! context and the enclosing function's line after `@@`. Which lines changed is `myers`'s.

mod myers;

use myers::{changed_lines, ops_from_changes};
pub use myers::{line_diff, split_lines, DiffOp};

/// A change: `old_len` lines at `old` replaced by `new_len` lines at `new`.
#[derive(Clone, Copy, Debug)]
struct Change {
    old: usize,
    old_len: usize,
    new: usize,
    new_len: usize,
}

fn changes(ops: &[DiffOp]) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for op in ops {
        match *op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old, len, new } => match out.last_mut() {
                Some(c) if c.old + c.old_len == old && c.new + c.new_len == new => c.old_len += len,
                _ => out.push(Change {
                    old,
                    old_len: len,
                    new,
                    new_len: 0,
                }),
            },
            DiffOp::Insert { old, new, len } => match out.last_mut() {
                Some(c) if c.old + c.old_len == old && c.new + c.new_len == new => c.new_len += len,
                _ => out.push(Change {
                    old,
                    old_len: 0,
                    new,
                    new_len: len,
                }),
            },
        }
    }
    out
}

/// Renders the change from `old` to `new` as `diff -u -p` with `context` lines of context,
/// headed `--- OLD_LABEL` / `+++ NEW_LABEL`. Equal texts give an empty string.
pub fn unified_diff(
    old: &str,
    new: &str,
    old_label: &str,
    new_label: &str,
    context: usize,
) -> String {
    if old == new {
        return String::new();
    }
    let a = split_lines(old);
    let b = split_lines(new);
    let changes = changes(&ops_from_changes(&changed_lines(&a, &b, context)));
    if changes.is_empty() {
        return String::new();
    }
    let mut out = format!("--- {old_label}\n+++ {new_label}\n");
    let mut first = 0;
    while first < changes.len() {
        // Changes separated by at most 2 * context unchanged lines share a hunk.
        let mut last = first;
        while last + 1 < changes.len() {
            let gap = changes[last + 1].old - (changes[last].old + changes[last].old_len);
            if gap > 2 * context {
                break;
            }
            last += 1;
        }
        render_hunk(&mut out, &a, &b, &changes[first..=last], context);
        first = last + 1;
    }
    out
}

fn render_hunk(out: &mut String, a: &[&str], b: &[&str], group: &[Change], context: usize) {
    let (Some(head), Some(tail)) = (group.first(), group.last()) else {
        return;
    };
    let old_start = head.old.saturating_sub(context);
    let new_start = head.new - (head.old - old_start);
    let old_end = (tail.old + tail.old_len + context).min(a.len());
    let new_end =
        new_start + (old_end - old_start) + group.iter().map(|c| c.new_len).sum::<usize>()
            - group.iter().map(|c| c.old_len).sum::<usize>();
    out.push_str("@@ -");
    out.push_str(&range_label(old_start, old_end - old_start));
    out.push_str(" +");
    out.push_str(&range_label(new_start, new_end - new_start));
    out.push_str(" @@");
    if let Some(func) = enclosing_function(a, old_start) {
        out.push(' ');
        out.push_str(func);
    }
    out.push('\n');
    let mut i = old_start;
    for c in group {
        for line in &a[i..c.old] {
            push_diff_line(out, ' ', line);
        }
        for line in &a[c.old..c.old + c.old_len] {
            push_diff_line(out, '-', line);
        }
        for line in &b[c.new..c.new + c.new_len] {
            push_diff_line(out, '+', line);
        }
        i = c.old + c.old_len;
    }
    for line in &a[i..old_end] {
        push_diff_line(out, ' ', line);
    }
}

/// A file name as GNU diff 3.8 writes it in `---`/`+++` lines: as is when every byte is
/// printable ASCII other than `"` and `\` (DEL passes too), else in double quotes with C
/// escapes (`\t`, `\n`, `\"`, `\\`...) and other control or non-ASCII bytes in octal (`é`
/// is `\303\251`); a space only makes it quoted. Takes bytes: names need not be UTF-8.
pub fn quote_file_name(name: &[u8]) -> String {
    let needs_quotes = name
        .iter()
        .any(|&b| b == b' ' || b == b'"' || b == b'\\' || !(0x20..0x80).contains(&b));
    if !needs_quotes {
        // Printable ASCII (and DEL): valid UTF-8 as it is.
        return name.iter().map(|&b| b as char).collect();
    }
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for &b in name {
        match b {
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            0x0b => out.push_str("\\v"),
            0x0c => out.push_str("\\f"),
            b'\r' => out.push_str("\\r"),
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b if !(0x20..0x80).contains(&b) => out.push_str(&format!("\\{b:03o}")),
            b => out.push(b as char),
        }
    }
    out.push('"');
    out
}

/// `start,count` in 1-based lines; an empty range names the line before it, a single line
/// omits the count.
fn range_label(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        n => format!("{},{n}", start + 1),
    }
}

fn push_diff_line(out: &mut String, mark: char, line: &str) {
    out.push(mark);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

/// The `-p` heading: the last line before `before` that starts with a letter, `_` or `$` (a
/// function or other top-level definition in C), cut to 40 bytes, trailing blanks trimmed.
fn enclosing_function<'a>(lines: &[&'a str], before: usize) -> Option<&'a str> {
    let line = lines[..before.min(lines.len())].iter().rev().find(|l| {
        l.as_bytes()
            .first()
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_' || c == b'$')
    })?;
    let line = line.strip_suffix('\n').unwrap_or(line);
    let mut cut = line.len().min(40);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    Some(line[..cut].trim_end_matches([' ', '\t', '\r', '\x0b', '\x0c']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_as_split_inclusive_splits_them() {
        let pieces = ["a", "\n", "\r", "é"];
        for len in 0..=6 {
            for n in 0..pieces.len().pow(len) {
                let text: String = (0..len)
                    .map(|k| pieces[(n / pieces.len().pow(k)) % pieces.len()])
                    .collect();
                let expected: Vec<&str> = text.split_inclusive('\n').collect();
                assert_eq!(split_lines(&text), expected, "{text:?}");
            }
        }
    }

    #[test]
    fn file_names_quoted_as_gnu_diff_quotes_them() {
        // Each expectation is what GNU diff 3.8 printed for a file of that name.
        let cases: [(&[u8], &str); 9] = [
            (b"lustre/llite/file.c", "lustre/llite/file.c"),
            (
                b"a$b*c?d#e~f=g:h,i@j!k%l&m(n[o{p;q<r|s^t`u+v.c",
                "a$b*c?d#e~f=g:h,i@j!k%l&m(n[o{p;q<r|s^t`u+v.c",
            ),
            (b"sp ace.c", "\"sp ace.c\""),
            (b"new\nline.c", "\"new\\nline.c\""),
            (b"tab\tq\"uo\\te.c", "\"tab\\tq\\\"uo\\\\te.c\""),
            (b"bad\xffname.c", "\"bad\\377name.c\""),
            ("\u{e9}.c".as_bytes(), "\"\\303\\251.c\""),
            (
                b"x\x07\x08\x0c\r\x0b\x01\x1b.c",
                "\"x\\a\\b\\f\\r\\v\\001\\033.c\"",
            ),
            (b"x\x7f.c", "x\x7f.c"),
        ];
        for (name, quoted) in cases {
            assert_eq!(quote_file_name(name), quoted, "{name:?}");
        }
    }

    fn apply_ops(old: &str, new: &str) -> String {
        let a = split_lines(old);
        let b = split_lines(new);
        let mut out = String::new();
        for op in line_diff(old, new) {
            match op {
                DiffOp::Equal { old, len, .. } => {
                    a[old..old + len].iter().for_each(|l| out.push_str(l))
                }
                DiffOp::Delete { .. } => {}
                DiffOp::Insert { new, len, .. } => {
                    b[new..new + len].iter().for_each(|l| out.push_str(l))
                }
            }
        }
        out
    }

    #[test]
    fn ops_rebuild_new_text() {
        let cases = [
            ("a\nb\nc\n", "a\nc\n"),
            ("", "x\n"),
            ("x\n", ""),
            ("a\nb\nc\nd\n", "b\nx\nd\ne\n"),
            ("a\na\na\n", "a\n"),
            ("a", "a\n"),
        ];
        for (old, new) in cases {
            assert_eq!(apply_ops(old, new), new, "{old:?} -> {new:?}");
        }
    }

    #[test]
    fn deletion_among_equal_lines_slides_down() {
        let ops = line_diff("x\n\n\n\ny\n", "x\n\n\ny\n");
        assert_eq!(
            ops[1],
            DiffOp::Delete {
                old: 3,
                len: 1,
                new: 3
            }
        );
    }

    #[test]
    fn hunk_with_function_heading() {
        let old = "int f(void)\n{\n\ta();\n\tb();\n\tc();\n\td();\n\te();\n}\n";
        let new = "int f(void)\n{\n\ta();\n\tb();\n\tc();\n\tx();\n\te();\n}\n";
        let diff = unified_diff(old, new, "a/f.c", "b/f.c", 3);
        assert_eq!(
            diff,
            "--- a/f.c\n+++ b/f.c\n@@ -3,6 +3,6 @@ int f(void)\n \ta();\n \tb();\n \tc();\n-\td();\n+\tx();\n \te();\n }\n"
        );
    }

    #[test]
    fn missing_final_newline_is_marked() {
        let diff = unified_diff("a\nb", "a\nc", "x", "y", 3);
        assert_eq!(diff, "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
    }

    #[test]
    fn empty_sides_name_line_before() {
        assert_eq!(
            unified_diff("", "a\n", "x", "y", 3),
            "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n"
        );
        assert_eq!(
            unified_diff("a\n", "", "x", "y", 3),
            "--- x\n+++ y\n@@ -1 +0,0 @@\n-a\n"
        );
    }
}
