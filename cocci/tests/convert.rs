//! `rcocci convert PROFILE TREE`: in place, `-o OUT`, `--check`, `--diff`, and errors.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn rcocci(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rcocci"))
        .arg("convert")
        .args(args)
        .output()
        .expect("rcocci runs")
}

/// A profile (renames, an include map, a rule file with a flag rule) and a tree of one file.
fn setup(dir: &Path) {
    fs::write(
        dir.join("p.toml"),
        "[renames]\ncfs_from_timer = \"from_timer\"\n\
         [[includes]]\npath = \"libcfs/*\"\nto = \"linux/libcfs/*\"\n\
         [rules]\nfiles = [\"r.cocci\", \"flags.cocci\"]\n",
    )
    .unwrap();
    fs::write(
        dir.join("r.cocci"),
        "@@\nexpression p;\n@@\n- OBD_FREE_PTR(p);\n+ kfree(p);\n",
    )
    .unwrap();
    fs::write(
        dir.join("flags.cocci"),
        "// flag cfs_hash_create: no rhashtable conversion\n@@\nexpression list a;\n@@\n* cfs_hash_create(a)\n",
    )
    .unwrap();
    fs::create_dir_all(dir.join("tree/llite")).unwrap();
    fs::write(
        dir.join("tree/llite/a.c"),
        "#include <libcfs/libcfs.h>\n/* cfs_from_timer */\nvoid f(struct x *p)\n{\n\tOBD_FREE_PTR(p);\n\th = cfs_hash_create(\"x\", 1);\n\tq = cfs_from_timer(q, t, f);\n}\n",
    )
    .unwrap();
    fs::write(dir.join("tree/llite/Makefile"), "obj-y += a.o\n").unwrap();
}

const CONVERTED: &str = "#include <linux/libcfs/libcfs.h>\n/* cfs_from_timer */\nvoid f(struct x *p)\n{\n\tkfree(p);\n\th = cfs_hash_create(\"x\", 1);\n\tq = from_timer(q, t, f);\n}\n";

#[test]
fn check_then_in_place_then_check_again() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let p = dir.path().join("p.toml");
    let tree = dir.path().join("tree");
    let (p, tree) = (p.to_str().unwrap(), tree.to_str().unwrap());
    let check = rcocci(&["--check", p, tree]);
    assert_eq!(check.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&check.stdout);
    assert!(diff.contains("+\tkfree(p);"), "{diff}");
    let report = String::from_utf8_lossy(&check.stderr);
    assert!(
        report.contains("llite/a.c:6: cfs_hash_create: no rhashtable conversion"),
        "{report}"
    );
    assert!(report.contains("r.cocci"), "{report}");

    let run = rcocci(&[p, tree]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("tree/llite/a.c")).unwrap(),
        CONVERTED
    );
    let again = rcocci(&["--check", p, tree]);
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());
}

#[test]
fn output_copy_leaves_the_tree_alone() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let out = dir.path().join("out");
    let run = rcocci(&[
        dir.path().join("p.toml").to_str().unwrap(),
        dir.path().join("tree").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        fs::read_to_string(out.join("llite/a.c")).unwrap(),
        CONVERTED
    );
    assert_eq!(
        fs::read_to_string(out.join("llite/Makefile")).unwrap(),
        "obj-y += a.o\n"
    );
    assert!(fs::read_to_string(dir.path().join("tree/llite/a.c"))
        .unwrap()
        .contains("OBD_FREE_PTR"));
    // A second -o into the now non-empty directory is refused.
    let again = rcocci(&[
        dir.path().join("p.toml").to_str().unwrap(),
        dir.path().join("tree").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn profile_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "[renames]\nx = \"y\"\n[rulez]\n").unwrap();
    let run = rcocci(&[
        bad.to_str().unwrap(),
        dir.path().join("tree").to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("bad.toml") && err.contains("rulez"), "{err}");
    assert!(err.contains('3'), "the line of the bad key: {err}");
}
