//! `depends on file in "PLACE"`: a rule applies to the file PLACE or to the files below the
//! directory PLACE, named relative to the `--dir` holding them, as spatch 1.1.1 names them
//! (each expected output checked with spatch on the same tree).

mod support;
use support::{run_in, stdout};

const BODY: &str = "static int ll_setattr(struct inode *inode)\n{\n\tCDEBUG(D_VFSTRACE, \"setattr\");\n\treturn 0;\n}\n";

fn changed_files(rule: &str, args: &[&str]) -> Vec<String> {
    let mut all_args = vec!["--sp-file", "place.cocci", "--very-quiet"];
    all_args.extend_from_slice(args);
    let out = run_in(
        &[
            ("place.cocci", rule),
            ("lustre/llite/file.c", BODY),
            ("lustre/llite_ext/file.c", BODY),
            ("lustre/osc/osc_io.c", BODY),
        ],
        &all_args,
        &[],
    );
    let mut files: Vec<String> = stdout(&out)
        .lines()
        .filter_map(|l| l.strip_prefix("+++ "))
        .map(str::to_string)
        .collect();
    files.sort();
    files
}

fn rule(dependency: &str) -> String {
    format!("@depends on {dependency}@\n@@\n- CDEBUG(D_VFSTRACE, ...);\n")
}

#[test]
fn a_directory_holds_for_the_files_below_it_only() {
    assert_eq!(
        changed_files(&rule("file in \"llite\""), &["--dir", "lustre"]),
        ["b/llite/file.c"]
    );
    // A pattern, matched from the name's start, and a whole directory name.
    assert_eq!(
        changed_files(&rule("file in \"llite.*\""), &["--dir", "lustre"]),
        ["b/llite/file.c", "b/llite_ext/file.c"]
    );
    assert!(changed_files(&rule("file in \"lite\""), &["--dir", "lustre"]).is_empty());
}

#[test]
fn a_file_holds_for_itself_and_combines_with_other_atoms() {
    assert_eq!(
        changed_files(&rule("file in \"osc/osc_io.c\""), &["--dir", "lustre"]),
        ["b/osc/osc_io.c"]
    );
    assert_eq!(
        changed_files(&rule("!(file in \"llite\")"), &["--dir", "lustre"]),
        ["b/llite_ext/file.c", "b/osc/osc_io.c"]
    );
    // Without --dir, a file is named as given.
    assert_eq!(
        changed_files(&rule("file in \"lustre/osc\""), &["lustre/osc/osc_io.c"]),
        ["b/lustre/osc/osc_io.c"]
    );
}
