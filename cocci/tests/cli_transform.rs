//! The transform command line: flags, output, writing, and bad input.
//!
//! Every test runs the real engine on small semantic patches (mostly `OBD_FREE_PTR(P)` ->
//! `kfree(P)`), so what they check is the command line around it.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RULE: &str = "@@\nexpression ptr;\n@@\n- OBD_FREE_PTR(ptr);\n+ kfree(ptr);\n";

/// A rule that matches nothing in the fixture.
const NO_MATCH: &str = "@@\n@@\n- no_such_call();\n";

const SOURCE: &str = "\
static void ll_free(struct ll_sb_info *sbi)
{
\tstruct ll_inode_info *lli = sbi->ll_lli;

\tif (lli != NULL)
\t\tOBD_FREE_PTR(lli);
\tsbi->ll_lli = NULL;
}
";

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        f.write("rule.cocci", RULE);
        f.write("nomatch.cocci", NO_MATCH);
        f.write("llite/file.c", SOURCE);
        f
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, text).unwrap();
        p
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    /// Runs rcocci in the fixture directory.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_rcocci"))
            .current_dir(self.dir.path())
            .args(args)
            .output()
            .unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const EXPECTED_DIFF: &str = "\
--- a/llite/file.c
+++ b/llite/file.c
@@ -3,6 +3,6 @@ static void ll_free(struct ll_sb_info *s
 \tstruct ll_inode_info *lli = sbi->ll_lli;
 
 \tif (lli != NULL)
-\t\tOBD_FREE_PTR(lli);
+\t\tkfree(lli);
 \tsbi->ll_lli = NULL;
 }
";

#[test]
fn nothing_to_change_prints_nothing() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "nomatch.cocci", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn prints_unified_diff() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "rule.cocci", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), EXPECTED_DIFF);
    // The file itself is untouched.
    assert_eq!(f.read("llite/file.c"), SOURCE);
}

#[test]
fn rule_file_flag_spellings() {
    let f = Fixture::new();
    for flag in ["--sp-file", "--cocci-file", "-c", "-sp_file", "--sp"] {
        let out = f.run(&[flag, "rule.cocci", "llite/file.c"]);
        assert_eq!(out.status.code(), Some(0), "{flag}: {}", stderr(&out));
        assert_eq!(stdout(&out), EXPECTED_DIFF, "{flag}");
    }
}

#[test]
fn inline_rule_text() {
    let f = Fixture::new();
    let out = f.run(&["--sp", RULE, "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), EXPECTED_DIFF);
}

#[test]
fn diff_matches_gnu_diff() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "rule.cocci", "llite/file.c"]);
    let new = SOURCE.replace("OBD_FREE_PTR(lli)", "kfree(lli)");
    f.write("new.c", &new);
    let gnu = Command::new("diff")
        .current_dir(f.dir.path())
        .args([
            "-u",
            "-p",
            "--label",
            "a/llite/file.c",
            "--label",
            "b/llite/file.c",
            "llite/file.c",
            "new.c",
        ])
        .output()
        .expect("GNU diff, the oracle of this test, is not installed");
    assert_eq!(stdout(&out), stdout(&gnu));
}

#[test]
fn unknown_option_is_named() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "rule.cocci", "--frobnicate", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--frobnicate"), "{}", stderr(&out));
}

#[test]
fn missing_c_file() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "rule.cocci", "llite/file.c", "llite/missing.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("llite/missing.c"), "{}", stderr(&out));
    // Nothing is done when an input is missing.
    assert_eq!(stdout(&out), "");
}

#[test]
fn missing_rule_file() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "nope.cocci", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.cocci"), "{}", stderr(&out));
}

#[test]
fn no_rule_given() {
    let f = Fixture::new();
    let out = f.run(&["llite/file.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--sp-file"), "{}", stderr(&out));
}

#[test]
fn rule_file_that_does_not_parse() {
    let f = Fixture::new();
    f.write("bad.cocci", "@@\nexpression\n@@\n- foo(\n");
    let out = f.run(&["--sp-file", "bad.cocci", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.cocci"), "{}", stderr(&out));
}

fn running_as_root(f: &Fixture) -> bool {
    // Permission bits do not stop root; such tests are skipped then.
    let p = f.write("probe", "x");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    fs::read(&p).is_ok()
}

#[test]
fn unreadable_c_file() {
    let f = Fixture::new();
    if running_as_root(&f) {
        eprintln!("running as root: skipped");
        return;
    }
    let p = f.write("llite/secret.c", SOURCE);
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    let out = f.run(&["--sp-file", "rule.cocci", "llite/file.c", "llite/secret.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("llite/secret.c"), "{}", stderr(&out));
    // The readable file is still processed.
    assert_eq!(stdout(&out), EXPECTED_DIFF);
}

#[test]
fn unreadable_rule_file() {
    let f = Fixture::new();
    if running_as_root(&f) {
        eprintln!("running as root: skipped");
        return;
    }
    fs::set_permissions(f.path("rule.cocci"), fs::Permissions::from_mode(0o000)).unwrap();
    let out = f.run(&["--sp-file", "rule.cocci", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("rule.cocci"), "{}", stderr(&out));
}

#[test]
fn output_file_written_when_changed() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "rule.cocci", "-o", "out.c", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        f.read("out.c"),
        SOURCE.replace("OBD_FREE_PTR(lli)", "kfree(lli)")
    );
    assert_eq!(f.read("llite/file.c"), SOURCE);
}

#[test]
fn output_file_written_when_unchanged() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "nomatch.cocci", "-o", "out.c", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(f.read("out.c"), SOURCE);
}

#[test]
fn output_file_needs_one_input() {
    let f = Fixture::new();
    f.write("llite/other.c", SOURCE);
    let out = f.run(&[
        "--sp-file",
        "rule.cocci",
        "-o",
        "out.c",
        "llite/file.c",
        "llite/other.c",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-o"), "{}", stderr(&out));
    assert!(!f.path("out.c").exists());
}

#[test]
fn in_place_rewrites_and_keeps_permissions() {
    let f = Fixture::new();
    let p = f.path("llite/file.c");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o751)).unwrap();
    let out = f.run(&["--sp-file", "rule.cocci", "--in-place", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        f.read("llite/file.c"),
        SOURCE.replace("OBD_FREE_PTR(lli)", "kfree(lli)")
    );
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o751
    );
    // No temporary file is left next to it.
    let names: Vec<_> = fs::read_dir(f.path("llite"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["file.c"]);
}

#[test]
fn in_place_replaces_by_rename() {
    // A reader holding the old file keeps seeing the complete old text: the new text arrives
    // as a new inode, never by overwriting the old one.
    use std::os::unix::fs::MetadataExt;
    let f = Fixture::new();
    let before = fs::metadata(f.path("llite/file.c")).unwrap().ino();
    let out = f.run(&["--sp-file", "rule.cocci", "--in-place", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = fs::metadata(f.path("llite/file.c")).unwrap().ino();
    assert_ne!(before, after);
}

#[test]
fn in_place_leaves_unchanged_files_alone() {
    use std::os::unix::fs::MetadataExt;
    let f = Fixture::new();
    let before = fs::metadata(f.path("llite/file.c")).unwrap().ino();
    let out = f.run(&["--sp-file", "nomatch.cocci", "--in-place", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::metadata(f.path("llite/file.c")).unwrap().ino(), before);
}

#[test]
fn check_exit_codes() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "rule.cocci", "--check", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), EXPECTED_DIFF);
    assert_eq!(f.read("llite/file.c"), SOURCE);
    let out = f.run(&["--sp-file", "nomatch.cocci", "--check", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn no_show_diff_and_very_quiet() {
    let f = Fixture::new();
    let out = f.run(&["--sp-file", "rule.cocci", "--no-show-diff", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    let out = f.run(&["--sp-file", "rule.cocci", "--very-quiet", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), EXPECTED_DIFF);
    assert_eq!(stderr(&out), "");
}

#[test]
fn directories_recurse_in_sorted_order() {
    let f = Fixture::new();
    f.write("llite/a_dir/z.c", SOURCE);
    f.write("llite/b.c", SOURCE);
    f.write("llite/header.h", SOURCE);
    f.write("llite/notes.txt", SOURCE);
    let out = f.run(&["--sp-file", "rule.cocci", "--dir", "llite"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let heads: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| l.starts_with("--- "))
        .map(String::from)
        .collect();
    // As spatch does, names are relative to the --dir directory.
    assert_eq!(heads, ["--- a/a_dir/z.c", "--- a/b.c", "--- a/file.c"]);
    // With the directory given as a path, names are as found; with --patch, relative to
    // the given directory.
    let again = f.run(&["--sp-file", "rule.cocci", "-j", "1", "llite"]);
    let with_dir = stdout(&again)
        .replace("a/llite/", "a/")
        .replace("b/llite/", "b/");
    assert_eq!(with_dir, stdout(&out));
    let patch = f.run(&["--sp-file", "rule.cocci", "--dir", "llite", "--patch", "."]);
    assert_eq!(stdout(&patch), stdout(&again));
    let headers = f.run(&[
        "--sp-file",
        "rule.cocci",
        "--include-headers",
        "--dir",
        "llite",
    ]);
    let heads: Vec<String> = stdout(&headers)
        .lines()
        .filter(|l| l.starts_with("--- "))
        .map(String::from)
        .collect();
    assert_eq!(
        heads,
        [
            "--- a/a_dir/z.c",
            "--- a/b.c",
            "--- a/file.c",
            "--- a/header.h"
        ]
    );
}

#[test]
fn spatch_lines_in_rule_file_add_flags() {
    let f = Fixture::new();
    f.write("hdr.cocci", &format!("#spatch --include-headers\n{RULE}"));
    f.write("llite/header.h", SOURCE);
    let out = f.run(&["--sp-file", "hdr.cocci", "--dir", "llite"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("--- a/header.h"), "{}", stdout(&out));
}

#[test]
fn compatibility_flags_are_accepted() {
    let f = Fixture::new();
    f.write("macros.h", "#define LL_FOREACH(x) for (;;)\n");
    f.write("my.iso", "");
    f.write("virtual.cocci", &format!("virtual upstream\n{RULE}"));
    fs::create_dir_all(f.path("include")).unwrap();
    let out = f.run(&[
        "--sp-file",
        "virtual.cocci",
        "-I",
        "include",
        "--macro-file",
        "macros.h",
        "--iso-file",
        "my.iso",
        "-j",
        "2",
        "--disable-worth-trying-opt",
        "-D",
        "upstream",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), EXPECTED_DIFF);
}

#[test]
fn missing_macro_file() {
    let f = Fixture::new();
    let out = f.run(&[
        "--sp-file",
        "rule.cocci",
        "--macro-file",
        "nope.h",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.h"), "{}", stderr(&out));
}

#[test]
fn unparsable_region_is_reported_and_rest_transformed() {
    let f = Fixture::new();
    let broken = format!("{SOURCE}\nint broken(void)\n{{\n\tx = = ;\n}}\n");
    f.write("llite/broken.c", &broken);
    let out = f.run(&["--sp-file", "rule.cocci", "llite/broken.c"]);
    let err = stderr(&out);
    assert!(err.contains("llite/broken.c:12: cannot parse"), "{err}");
    assert!(
        stdout(&out).contains("+\t\tkfree(lli);"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn rewrite_that_breaks_the_file_is_refused() {
    let f = Fixture::new();
    // The added line lacks its `;`: the rewritten file would not parse.
    f.write(
        "breaks.cocci",
        "@@\n@@\n- sbi->ll_lli = NULL;\n+ sbi->ll_lli = NULL\n",
    );
    let out = f.run(&["--sp-file", "breaks.cocci", "--in-place", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("parse error"), "{}", stderr(&out));
    assert_eq!(f.read("llite/file.c"), SOURCE);
}

#[test]
fn rules_apply_in_sequence() {
    let f = Fixture::new();
    // The second rule matches only what the first one wrote.
    f.write(
        "seq.cocci",
        &format!("{RULE}\n@@\nexpression ptr;\n@@\n- kfree(ptr);\n+ kvfree(ptr);\n"),
    );
    let out = f.run(&["--sp-file", "seq.cocci", "-o", "out.c", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(f.read("out.c").contains("\t\tkvfree(lli);\n"));
}

#[test]
fn absolute_paths_in_labels() {
    let f = Fixture::new();
    let abs: &Path = &f.path("llite/file.c");
    let out = f.run(&["--sp-file", "rule.cocci", abs.to_str().unwrap()]);
    let first = stdout(&out).lines().next().unwrap_or("").to_string();
    assert_eq!(
        first,
        format!("--- a/{}", abs.to_str().unwrap().trim_start_matches('/'))
    );
}

#[test]
fn file_that_cannot_be_opened() {
    // A symbolic link to itself cannot be opened, whoever runs the test (unlike permission
    // bits, which root ignores).
    let f = Fixture::new();
    std::os::unix::fs::symlink("loop.c", f.path("llite/loop.c")).unwrap();
    let out = f.run(&["--sp-file", "rule.cocci", "llite/file.c", "llite/loop.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("llite/loop.c"), "{}", stderr(&out));
}

#[test]
fn unknown_spatch_option_in_rule_file_is_skipped_with_a_warning() {
    let f = Fixture::new();
    f.write(
        "opts.cocci",
        &format!("#spatch --ocaml-regexps --opt-c 'some value' --include-headers\n{RULE}"),
    );
    f.write("llite/header.h", SOURCE);
    let out = f.run(&["--sp-file", "opts.cocci", "--dir", "llite"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("--ocaml-regexps"), "{}", stderr(&out));
    // The options it knows still apply.
    assert!(stdout(&out).contains("--- a/header.h"), "{}", stdout(&out));
}

/// A context rule (`*` lines): the starred code of each match reached along control flow
/// is shown as removed, and nothing is written, even with `--in-place`.
#[test]
fn context_rule_reports_as_a_diff_and_writes_nothing() {
    let f = Fixture::new();
    f.write(
        "context.cocci",
        "@@\nexpression E;\n@@\n  E = kzalloc(...);\n  ...\n* kfree(E);\n",
    );
    let source = "\
static int lmv_init(struct lmv_obd *lmv)
{
\tlmv->tgts = kzalloc(64, GFP_NOFS);
\tif (lmv->count == 0)
\t\tkfree(lmv->tgts);
\treturn 0;
}
";
    f.write("lmv/lmv_obd.c", source);
    let out = f.run(&["--sp-file", "context.cocci", "lmv/lmv_obd.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "\
--- a/lmv/lmv_obd.c
+++ b/lmv/lmv_obd.c
@@ -2,6 +2,5 @@ static int lmv_init(struct lmv_obd *lmv)
 {
 \tlmv->tgts = kzalloc(64, GFP_NOFS);
 \tif (lmv->count == 0)
-\t\tkfree(lmv->tgts);
 \treturn 0;
 }
"
    );
    let out = f.run(&["--sp-file", "context.cocci", "--in-place", "lmv/lmv_obd.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(f.read("lmv/lmv_obd.c"), source);
}

/// A report script rule runs under `-D report`; `--no-scripts` refuses it (exit 2,
/// located), unless the `-D` names keep it from running (a report script under `-D patch`).
#[test]
fn script_rules_run_and_no_scripts_refuses_those_that_may_run() {
    let f = Fixture::new();
    f.write(
        "modes.cocci",
        "virtual patch\nvirtual report\n\n\
         @depends on patch@\nexpression E;\n@@\n- OBD_FREE_PTR(E);\n+ kfree(E);\n\n\
         @r depends on report@\nexpression E;\nposition p;\n@@\n OBD_FREE_PTR@p(E);\n\n\
         @script:python depends on report@\np << r.p;\ne << r.E;\n@@\n\
         print(\"%s:%s: %s\" % (p[0].file, p[0].line, e))\n",
    );
    let out = f.run(&["--sp-file", "modes.cocci", "-D", "report", "llite/file.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "llite/file.c:6: lli\n");
    let out = f.run(&[
        "--sp-file",
        "modes.cocci",
        "-D",
        "patch",
        "--no-scripts",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), EXPECTED_DIFF);
    let out = f.run(&[
        "--sp-file",
        "modes.cocci",
        "-D",
        "report",
        "--no-scripts",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("modes.cocci:16:1: script code refused: script rules"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
}
