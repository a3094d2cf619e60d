//! End-to-end tests of `rcocci --parse-c`: the files found, the per-region lines, the summary
//! line, unreadable paths, macro files and exit codes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A scratch directory for one test, removed afterwards.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("rcocci-parse-c-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.0.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
        fs::write(&path, text).expect("write fixture");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn rcocci(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rcocci"))
        .args(args)
        .output()
        .expect("run rcocci")
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The numbers of the summary line, which must be the last line of stdout and the only one
/// starting with `parse-c:`.
#[derive(Debug, PartialEq)]
struct Summary {
    files: usize,
    clean: usize,
    lines: usize,
    bad: usize,
    percent: String,
}

fn summary(out: &Output) -> Summary {
    let lines = stdout_lines(out);
    let summaries: Vec<&String> = lines.iter().filter(|l| l.starts_with("parse-c:")).collect();
    assert_eq!(summaries.len(), 1, "exactly one summary line in {lines:?}");
    let last = lines.last().expect("some output");
    assert!(
        last.starts_with("parse-c: "),
        "summary comes last: {lines:?}"
    );
    let words: Vec<&str> = last.split_whitespace().collect();
    // parse-c: F files, CF clean, L lines, B bad lines (P% good)
    assert_eq!(words.len(), 12, "summary shape: {last}");
    assert_eq!(
        (words[2], words[4], words[6], words[8], words[9], words[11]),
        ("files,", "clean,", "lines,", "bad", "lines", "good)"),
        "summary wording: {last}"
    );
    let number = |w: &str| {
        w.parse::<usize>()
            .unwrap_or_else(|_| panic!("number in {last}"))
    };
    Summary {
        files: number(words[1]),
        clean: number(words[3]),
        lines: number(words[5]),
        bad: number(words[7]),
        percent: words[10].trim_start_matches('(').to_string(),
    }
}

const CLEAN_C: &str = "\
#include <linux/kernel.h>

/* Adds two numbers. */
static int obd_add(int a, int b)
{
\treturn a + b;
}
";

/// Line 10 cannot be parsed; the rest can.
const BROKEN_C: &str = "\
static int lov_good(int x)
{
\tif (x > 0)
\t\treturn 1;
\treturn 0;
}

static int lov_broken(int x)
{
\tint y = ) x;
\treturn y;
}
";

#[test]
fn clean_file() {
    let s = Scratch::new();
    let file = s.write("obd_add.c", CLEAN_C);
    let out = rcocci(&[Path::new("--parse-c"), &file]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(
        stdout_lines(&out),
        vec!["parse-c: 1 files, 1 clean, 7 lines, 0 bad lines (100.00% good)".to_string()]
    );
}

#[test]
fn bad_region_is_reported_and_counted() {
    let s = Scratch::new();
    let file = s.write("lov_broken.c", BROKEN_C);
    let out = rcocci(&[Path::new("--parse-c"), &file]);
    assert_eq!(out.status.code(), Some(0), "bad lines are not a failure");
    let lines = stdout_lines(&out);
    let prefix = format!("{}:10: ", file.display());
    assert_eq!(lines.len(), 2, "one region line and the summary: {lines:?}");
    assert!(
        lines[0].starts_with(&prefix),
        "{:?} starts with {prefix:?}",
        lines[0]
    );
    assert!(
        lines[0].len() > prefix.len(),
        "a message follows the line number"
    );
    let sum = summary(&out);
    assert_eq!((sum.files, sum.clean, sum.lines), (1, 0, 12));
    assert!(
        (1..=3).contains(&sum.bad),
        "the bad region stays small: {sum:?}"
    );
}

#[test]
fn unreadable_path_is_counted_not_fatal() {
    let s = Scratch::new();
    let good = s.write("a_good.c", CLEAN_C);
    let missing = s.0.join("b_missing.c");
    let out = rcocci(&[Path::new("--parse-c"), &good, &missing]);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    let expected = format!("{}: cannot read: ", missing.display());
    assert!(
        err.lines().any(|l| l.starts_with(&expected)),
        "stderr: {err}"
    );
    assert_eq!(
        summary(&out),
        Summary {
            files: 2,
            clean: 1,
            lines: 7,
            bad: 0,
            percent: "100.00%".into()
        }
    );
}

#[test]
fn directories_recurse_in_sorted_order() {
    let s = Scratch::new();
    s.write("tree/zeta/z.c", BROKEN_C);
    s.write("tree/alpha/a.c", BROKEN_C);
    s.write("tree/m.c", CLEAN_C);
    s.write("tree/alpha/a.h", CLEAN_C);
    s.write("tree/README", "not C at all ) ) )\n");
    let out = rcocci(&[Path::new("--parse-c"), &s.0.join("tree")]);
    assert_eq!(out.status.code(), Some(0));
    let lines = stdout_lines(&out);
    let a = s.0.join("tree/alpha/a.c");
    let z = s.0.join("tree/zeta/z.c");
    assert!(
        lines[0].starts_with(&format!("{}:10: ", a.display())),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with(&format!("{}:10: ", z.display())),
        "{lines:?}"
    );
    let sum = summary(&out);
    assert_eq!((sum.files, sum.clean, sum.lines), (3, 1, 31));
}

#[test]
fn include_headers_adds_h_files() {
    let s = Scratch::new();
    s.write("d/a.c", CLEAN_C);
    s.write(
        "d/a.h",
        "struct obd_export;\nint obd_count(struct obd_export *exp);\n",
    );
    let without = summary(&rcocci(&[Path::new("--parse-c"), &s.0.join("d")]));
    assert_eq!((without.files, without.lines), (1, 7));
    let with = rcocci(&[
        Path::new("--parse-c"),
        &s.0.join("d"),
        Path::new("--include-headers"),
    ]);
    assert_eq!(
        summary(&with),
        Summary {
            files: 2,
            clean: 2,
            lines: 9,
            bad: 0,
            percent: "100.00%".into()
        }
    );
}

#[test]
fn one_job_gives_the_same_output() {
    let s = Scratch::new();
    for i in 0..12 {
        s.write(
            &format!("many/f{i:02}.c"),
            if i % 3 == 0 { BROKEN_C } else { CLEAN_C },
        );
    }
    let dir = s.0.join("many");
    let parallel = rcocci(&[Path::new("--parse-c"), &dir]);
    let serial = rcocci(&[
        Path::new("-j"),
        Path::new("1"),
        Path::new("--parse-c"),
        &dir,
    ]);
    assert_eq!(serial.status.code(), Some(0));
    assert_eq!(stdout_lines(&parallel), stdout_lines(&serial));
    assert_eq!(summary(&serial).files, 12);
    assert_eq!(summary(&serial).clean, 8);
}

/// spatch's order: `--parse-c` first, other flags, then the paths.
#[test]
fn paths_may_follow_other_flags() {
    let s = Scratch::new();
    s.write("tree/a.c", CLEAN_C);
    let b = s.write("b.c", BROKEN_C);
    let out = rcocci(&[
        Path::new("--parse-c"),
        Path::new("-j"),
        Path::new("1"),
        &s.0.join("tree"),
        &b,
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let sum = summary(&out);
    assert_eq!((sum.files, sum.clean, sum.lines), (2, 1, 19));
}

#[test]
fn no_paths_is_a_usage_error() {
    let out = rcocci(&[Path::new("--parse-c")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout_lines(&out).is_empty());
}

#[test]
fn spatch_style_flag_spelling() {
    let s = Scratch::new();
    let file = s.write("x.c", CLEAN_C);
    let out = rcocci(&[Path::new("-parse_c"), &file]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(summary(&out).files, 1);
}

/// A loop macro with an unbraced body whose name gives no hint: the macro file says it is an
/// iterator, and with it the file parses cleanly.
#[test]
fn good_macro_file_is_used() {
    let s = Scratch::new();
    let file = s.write(
        "walk.c",
        "static int count_children(struct node *head)\n{\n\tstruct node *p;\n\tint n = 0;\n\n\
         \tnode_walk(p, head)\n\t\tn++;\n\treturn n;\n}\n",
    );
    let macros = s.write(
        "walk.h",
        "/* iterators */\n#define node_walk(pos, head) \\\n\tfor ((pos) = (head)->first; (pos); (pos) = (pos)->next)\n",
    );
    let out = rcocci(&[
        Path::new("--macro-file"),
        &macros,
        Path::new("--parse-c"),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(
        summary(&out),
        Summary {
            files: 1,
            clean: 1,
            lines: 9,
            bad: 0,
            percent: "100.00%".into()
        }
    );
}

/// The macro file reaches the parser: telling it that a function's name is an attribute
/// breaks the function's definition, which parses cleanly without that file.
#[test]
fn macro_file_changes_how_code_parses() {
    let s = Scratch::new();
    let file = s.write(
        "get.c",
        "int count;\nstatic int get_count(void)\n{\n\treturn count;\n}\n",
    );
    let misleading = s.write("attr.h", "#define get_count YACFE_ATTRIBUTE\n");
    let plain = rcocci(&[Path::new("--parse-c"), &file]);
    assert_eq!(summary(&plain).clean, 1);
    let misled = rcocci(&[
        Path::new("--macro-file"),
        &misleading,
        Path::new("--parse-c"),
        &file,
    ]);
    assert_eq!(misled.status.code(), Some(0));
    assert_eq!(
        summary(&misled).clean,
        0,
        "stdout: {:?}",
        stdout_lines(&misled)
    );
}

/// `--macro-file-builtins` is read like a macro file: its errors stop the run.
#[test]
fn macro_file_builtins_is_read() {
    let s = Scratch::new();
    let file = s.write("x.c", CLEAN_C);
    let good = s.write(
        "std.h",
        "#define __osd_attr\n#define my_for_each(a) YACFE_ITERATOR\n",
    );
    let bad = s.write("bad.h", "#define\n");
    let out = rcocci(&[
        Path::new("--macro-file-builtins"),
        &good,
        Path::new("--parse-c"),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    assert_eq!(summary(&out).clean, 1);
    let out = rcocci(&[
        Path::new("--macro-file-builtins"),
        &bad,
        Path::new("--parse-c"),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!("{}:1: ", bad.display())));
}

#[test]
fn bad_macro_file_stops_with_exit_2() {
    let s = Scratch::new();
    let file = s.write("x.c", CLEAN_C);
    let good = s.write("good.h", "#define ll_foo(x) YACFE_ITERATOR\n");
    let bad = s.write(
        "bad.h",
        "#define OK 1\n\nthis is not a define\n#define (x)\n",
    );
    let out = rcocci(&[
        Path::new("--macro-file"),
        &good,
        Path::new("--macro-file"),
        &bad,
        Path::new("--parse-c"),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    // Line 3 is C code, which spatch accepts in a macro file: not an error.
    assert!(
        !err.contains(&format!("{}:3: ", bad.display())),
        "stderr: {err}"
    );
    assert!(
        err.contains(&format!("{}:4: ", bad.display())),
        "stderr: {err}"
    );
    assert!(
        !err.contains(&good.display().to_string()),
        "the good file has no errors: {err}"
    );
    assert!(stdout_lines(&out).is_empty(), "nothing parsed, no summary");
}

#[test]
fn unreadable_macro_file_stops_with_exit_2() {
    let s = Scratch::new();
    let file = s.write("x.c", CLEAN_C);
    let missing = s.0.join("nowhere.h");
    let out = rcocci(&[
        Path::new("--macro-file"),
        &missing,
        Path::new("--parse-c"),
        &file,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with(&format!("{}: cannot read: ", missing.display())));
}

#[test]
fn non_utf8_bytes_are_parsed() {
    let s = Scratch::new();
    let path = s.0.join("latin1.c");
    // A Latin-1 comment, as old Lustre files have.
    fs::write(&path, b"/* caf\xe9 */\nint x;\n").expect("write");
    let out = rcocci(&[Path::new("--parse-c"), &path]);
    assert_eq!(
        summary(&out),
        Summary {
            files: 1,
            clean: 1,
            lines: 2,
            bad: 0,
            percent: "100.00%".into()
        }
    );
}
