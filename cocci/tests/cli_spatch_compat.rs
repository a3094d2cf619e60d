//! rcocci as a drop-in for spatch (issue 16): the version line scripts parse, the options
//! the kernel's coccicheck and Lustre's scripts pass, `.cocciconfig`, `-D` checks,
//! `--timeout`, machine-readable formats, and the summary.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const RULE: &str = "@@\nexpression ptr;\n@@\n- OBD_FREE_PTR(ptr);\n+ kfree(ptr);\n";

const SOURCE: &str = "\
static void ll_free(struct ll_sb_info *sbi)
{
\tstruct ll_inode_info *lli = sbi->ll_lli;

\tif (lli != NULL)
\t\tOBD_FREE_PTR(lli);
\tsbi->ll_lli = NULL;
}
";

struct Fixture(tempfile::TempDir);

impl Fixture {
    fn new() -> Self {
        let f = Fixture(tempfile::tempdir().unwrap());
        f.write("rule.cocci", RULE);
        f.write("llite/file.c", SOURCE);
        f
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.0.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// Runs rcocci in the fixture, with the fixture as home directory.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_rcocci"))
            .current_dir(self.path())
            .env("HOME", self.path())
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

#[test]
fn version_line_has_the_shape_coccicheck_parses() {
    let f = Fixture::new();
    let out = f.run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let first = stdout(&out).lines().next().unwrap_or("").to_string();
    // coccicheck: `$SPATCH --version | head -1 | awk '{print $3}'`, compared with `sort -V`.
    let third = first.split_whitespace().nth(2).unwrap_or("");
    assert_eq!(third, "1.1.1", "{first}");
    // coccicheck: `$SPATCH --help | grep "\-\-jobs"` decides whether to pass --jobs.
    let help = f.run(&["--help"]);
    assert!(stdout(&help).contains("--jobs"));
    assert!(stdout(&help).contains("Exit status:"));
}

#[test]
fn coccicheck_and_copy_client_command_lines_are_accepted() {
    let f = Fixture::new();
    f.write("macros.h", "#define LL_FOREACH(x) for (;;)\n");
    f.write("std.iso", "");
    f.write("v.cocci", &format!("virtual patch\nvirtual report\n{RULE}"));
    // As the kernel's coccicheck writes them (single-dash spellings included).
    let out = f.run(&[
        "-D",
        "patch",
        "--very-quiet",
        "--cocci-file",
        "v.cocci",
        "--include-headers",
        "--no-includes",
        "-I",
        "llite",
        "--jobs",
        "2",
        "--chunksize",
        "1",
        "--use-gitgrep",
        "--dir",
        "llite",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("+\t\tkfree(lli);"),
        "{}",
        stdout(&out)
    );
    assert_eq!(stderr(&out), "", "--very-quiet prints nothing on stderr");
    let out = f.run(&[
        "-very_quiet",
        "-sp_file",
        "v.cocci",
        "-use_idutils",
        "-timeout",
        "200",
        "-dir",
        "llite",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // As Lustre's copy-client script writes them.
    let out = f.run(&[
        "--very-quiet",
        "--sp-file",
        "rule.cocci",
        "--macro-file-builtins",
        "macros.h",
        "--macro-file=macros.h",
        "--no-show-diff",
        "--in-place",
        "--iso-file",
        "std.iso",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(f.path().join("llite/file.c"))
        .unwrap()
        .contains("kfree(lli)"));
}

#[test]
fn options_without_effect_get_a_note_and_refused_ones_a_reason() {
    let f = Fixture::new();
    let out = f.run(&[
        "--sp-file",
        "rule.cocci",
        "--smpl-spacing",
        "--python",
        "python3",
        "llite",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rcocci: note: --smpl-spacing: rcocci lays out added code one way"),
        "{}",
        stderr(&out)
    );
    let out = f.run(&["--sp-file", "rule.cocci", "--reverse", "llite"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "rcocci: --reverse is not supported: rcocci cannot invert a semantic patch\n"
    );
}

#[test]
fn misspelt_virtual_rule_is_an_error_with_a_suggestion() {
    let f = Fixture::new();
    f.write(
        "v.cocci",
        &format!("virtual patch\nvirtual context\n{RULE}"),
    );
    let out = f.run(&["--sp-file", "v.cocci", "-D", "pacth", "llite"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "rcocci: -D pacth: v.cocci declares no virtual rule `pacth`; did you mean `patch`?\n"
    );
}

#[test]
fn cocciconfig_options_apply_before_the_command_line() {
    let f = Fixture::new();
    f.write("llite/file.h", SOURCE);
    fs::create_dir(f.path().join(".git")).unwrap();
    f.write(
        ".cocciconfig",
        "[spatch]\n\toptions = --include-headers\n\toptions = --use-gitgrep\n",
    );
    let out = f.run(&["--sp-file", "rule.cocci", "--dir", "llite"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("+++ b/file.h"), "{}", stdout(&out));
}

#[test]
fn timeout_leaves_the_file_and_names_the_rule() {
    let f = Fixture::new();
    f.write(
        "two.cocci",
        "@first@\nexpression ptr;\n@@\n- OBD_FREE_PTR(ptr);\n+ kfree(ptr);\n\n@second@\n@@\n- LBUG();\n",
    );
    let out = f.run(&[
        "--sp-file",
        "two.cocci",
        "--timeout",
        "0.000000001",
        "--in-place",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("llite/file.c: timeout after 0.000000001 s (rule first)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(f.path().join("llite/file.c")).unwrap(),
        SOURCE
    );
    let out = f.run(&["--sp-file", "two.cocci", "--timeout", "0", "llite/file.c"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "0 means no limit: {}",
        stderr(&out)
    );
}

#[test]
fn json_lines_give_matches_and_hunks() {
    let f = Fixture::new();
    let out = f.run(&[
        "--sp-file",
        "rule.cocci",
        "--format",
        "json",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{}", stdout(&out));
    assert_eq!(
        lines[0],
        serde_json::json!({
            "schema": "rcocci/1", "kind": "match", "file": "llite/file.c", "rule": "rule_1",
            "start": {"line": 6, "column": 3}, "end": {"line": 6, "column": 21}, "changed": true
        })
    );
    assert_eq!(lines[1]["kind"], "change");
    assert_eq!(lines[1]["rules"], serde_json::json!(["rule_1"]));
    assert_eq!(lines[1]["old"], serde_json::json!({"start": 3, "lines": 6}));
    assert!(lines[1]["hunk"]
        .as_str()
        .unwrap()
        .contains("+\t\tkfree(lli);\n"));
}

#[test]
fn json_lines_give_unparsed_regions_and_errors() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    // Only files some rule may match are parsed: this one names the rule's macro.
    f.write(
        "llite/broken.c",
        "/* OBD_FREE_PTR */\nstatic int ll_y(void)\n{\n\treturn (;\n}\n",
    );
    let out = f.run(&[
        "--sp-file",
        "rule.cocci",
        "--format",
        "json",
        "llite/broken.c",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "{\"file\":\"llite/broken.c\",\"kind\":\"unparsed\",\"line\":4,\"schema\":\"rcocci/1\"}\n"
    );
    let file = f.path().join("llite/file.c");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let out = f.run(&[
        "--sp-file",
        "rule.cocci",
        "--format",
        "json",
        "--in-place",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let last: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().last().unwrap_or("")).unwrap();
    assert_eq!(
        last,
        serde_json::json!({
            "schema": "rcocci/1", "kind": "error", "file": "llite/file.c",
            "message": "llite/file.c: is read-only; not written (--force writes it)"
        })
    );
}

#[test]
fn github_annotations() {
    let f = Fixture::new();
    let out = f.run(&[
        "--sp-file",
        "rule.cocci",
        "--format",
        "github",
        "llite/file.c",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "::warning file=llite/file.c,line=6,col=3,endLine=6,endColumn=21,title=rcocci rule_1::rule rule_1 changes this code\n"
    );
}

#[test]
fn summary_counts_files_hunks_unparsed_regions_and_idle_rules() {
    let f = Fixture::new();
    f.write("llite/other.c", "int ll_x;\n");
    f.write(
        "llite/broken.c",
        "/* OBD_FREE_PTR */\nstatic int ll_y(void)\n{\n\treturn (;\n}\n",
    );
    f.write("two.cocci", &format!("{RULE}\n@never@\n@@\n- LBUG();\n"));
    let out = f.run(&["--sp-file", "two.cocci", "llite"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("rcocci: 3 files scanned, 1 with no rule tried (prefilter), 2 parsed, 1 changed (1 hunks), 1 matches\n"),
        "{err}"
    );
    assert!(
        err.contains("regions not parsed:\n  llite/broken.c:4\n"),
        "{err}"
    );
    assert!(
        err.contains("rcocci: rules that never matched: never\n"),
        "{err}"
    );
}

/// A report-mode rule in the kernel's style: a Python script prints where it matched.
const REPORT_RULE: &str = "\
virtual report

@r depends on report@
expression E;
position p;
@@
 OBD_FREE_PTR@p(E);

@script:python depends on report@
p << r.p;
E << r.E;
@@
coccilib.report.print_report(p[0], \"WARNING: %s is freed with OBD_FREE_PTR\" % E)
";

fn sarif_validator() -> jsonschema::Validator {
    let schema_text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif-2.1.0-results.schema.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn script_reports_join_the_structured_output() {
    let f = Fixture::new();
    f.write("report.cocci", REPORT_RULE);
    // Parsed (it names the rule's macro), with a region that does not parse.
    f.write(
        "llite/broken.c",
        "int f(void *p)\n{\n\treturn ((;\n}\nvoid g(void *p)\n{\n\tOBD_FREE_PTR(p);\n}\n",
    );
    let sarif = f.run(&[
        "--sp-file",
        "report.cocci",
        "-D",
        "report",
        "--format",
        "sarif",
        "llite",
    ]);
    assert_eq!(sarif.status.code(), Some(0), "{}", stderr(&sarif));
    // One JSON document: the script's output does not precede it.
    let log: serde_json::Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&log)
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    let run = &log["runs"][0];
    let report = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["ruleId"] == "script-report"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "llite/file.c"
        })
        .expect("the report is a result");
    assert_eq!(
        report["message"]["text"],
        "WARNING: lli is freed with OBD_FREE_PTR"
    );
    let region = &report["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(6), Some(3))
    );
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(
        notes.iter().any(
            |n| n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "llite/broken.c"
        ),
        "{notes:?}"
    );
    let json = f.run(&[
        "--sp-file",
        "report.cocci",
        "-D",
        "report",
        "--format",
        "json",
        "llite",
    ]);
    let lines: Vec<serde_json::Value> = stdout(&json)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.iter().any(|l| l["kind"] == "report"
        && l["file"] == "llite/file.c"
        && l["start"]["line"] == 6
        && l["message"] == "WARNING: lli is freed with OBD_FREE_PTR"));
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let f = Fixture::new();
    f.write("llite/odd name.c", SOURCE);
    let out = f.run(&["--sp-file", "rule.cocci", "--format", "sarif", "llite"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert_eq!(errors, Vec::<String>::new());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["llite/file.c", "llite/odd%20name.c"]);
    // A log that breaks the schema is caught: the test can fail.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        serde_json::json!(0);
    assert!(!validator.is_valid(&broken));
}

#[test]
fn completions_and_man_page_are_built_in() {
    let f = Fixture::new();
    let out = f.run(&["--completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("--sp-file"), "{}", stdout(&out));
    let out = f.run(&["--man-page"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with(".ie"), "{}", stdout(&out));
    assert!(stdout(&out).contains(".TH rcocci 1"), "{}", stdout(&out));
    assert!(stdout(&out).contains("Exit status"), "{}", stdout(&out));
    let out = f.run(&["--completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The `--- a/...` lines of a diff.
fn heads(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .filter(|l| l.starts_with("--- "))
        .map(String::from)
        .collect()
}

#[test]
fn ignore_max_index_and_context_lines() {
    let f = Fixture::new();
    for name in ["llite/a.c", "llite/b.c", "llite/skip/c.c", "llite/d.c"] {
        f.write(name, SOURCE);
    }
    let out = f.run(&["--sp-file", "rule.cocci", "--ignore", "llite/skip", "llite"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        heads(&out),
        [
            "--- a/llite/a.c",
            "--- a/llite/b.c",
            "--- a/llite/d.c",
            "--- a/llite/file.c"
        ]
    );
    // spatch's --max/--index: several processes share the files.
    let share = |i: &str| {
        heads(&f.run(&[
            "--sp-file",
            "rule.cocci",
            "--max",
            "2",
            "--index",
            i,
            "llite",
        ]))
    };
    assert_eq!(
        share("0"),
        ["--- a/llite/a.c", "--- a/llite/d.c", "--- a/llite/skip/c.c"]
    );
    assert_eq!(share("1"), ["--- a/llite/b.c", "--- a/llite/file.c"]);
    let out = f.run(&[
        "--sp-file",
        "rule.cocci",
        "--max",
        "2",
        "--index",
        "2",
        "llite",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = f.run(&["--sp-file", "rule.cocci", "-U", "1", "llite/file.c"]);
    assert!(stdout(&out).contains("@@ -5,3 +5,3 @@"), "{}", stdout(&out));
}
