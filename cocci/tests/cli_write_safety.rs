//! Writing safety of `--in-place` and `-o` (issue 14): runs killed at random points leave
//! every file old or new and no temporary file after the next run; a file edited during a
//! run is not overwritten; links, read-only files and special destinations are respected.

use cocci::driver::{
    Driver, FileInput, FileTransformer, NoSyntaxCheck, TransformError, TransformResult,
};
use cocci::write::{write_file, WritePolicy};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::Duration;

const RULE: &str = "@@\nexpression ptr;\n@@\n- OBD_FREE_PTR(ptr);\n+ kfree(ptr);\n";

/// A C function freeing `n` pointers, in Lustre's style.
fn source(n: usize) -> String {
    let mut s = String::from("static void ll_free_all(struct ll_sb_info *sbi)\n{\n");
    for i in 0..n {
        s.push_str(&format!(
            "\tif (sbi->ll_p{i} != NULL)\n\t\tOBD_FREE_PTR(sbi->ll_p{i});\n"
        ));
    }
    s.push_str("}\n");
    s
}

fn rcocci(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rcocci"));
    c.current_dir(dir).args(args).env("HOME", dir);
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    rcocci(dir, args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`, recursively.
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(all_files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    all_files(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".rcocci-tmp."))
        .collect()
}

#[test]
fn killed_runs_leave_every_file_old_or_new_and_the_next_run_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("rule.cocci"), RULE).unwrap();
    let mut expected = Vec::new();
    for i in 0..40 {
        let old = source(20 + i % 7 * 15);
        let new = old.replace("OBD_FREE_PTR(", "kfree(");
        let path = root.join(format!("tree/d{}/f{i}.c", i % 5));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &old).unwrap();
        expected.push((path, old, new));
    }
    // Deterministic "random" kill points, spread over the length of a run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..6 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_millis(5 + (seed >> 33) % 1000);
        let mut child = rcocci(
            root,
            &["--sp-file", "rule.cocci", "--in-place", "-j", "2", "tree"],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        for (path, old, new) in &expected {
            let now = fs::read_to_string(path).unwrap();
            assert!(
                &now == old || &now == new,
                "round {round}: {} is neither old nor new",
                path.display()
            );
        }
    }
    let out = run(root, &["--sp-file", "rule.cocci", "--in-place", "tree"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(temporaries(root), Vec::<PathBuf>::new());
    for (path, _, new) in &expected {
        assert_eq!(
            &fs::read_to_string(path).unwrap(),
            new,
            "{}",
            path.display()
        );
    }
}

#[test]
fn stale_temporary_files_are_recognised_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("rule.cocci"), RULE).unwrap();
    fs::write(root.join("a.c"), source(1)).unwrap();
    // Left by a run whose process is gone (no pid is this large), and a user's file that
    // merely looks similar.
    fs::write(root.join(".a.c.rcocci-tmp.99999999.0"), "half a file").unwrap();
    fs::write(root.join("a.c.rcocci-notes"), "mine").unwrap();
    let out = run(root, &["--sp-file", "rule.cocci", "--in-place", "a.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("left by an interrupted run"),
        "{}",
        stderr(&out)
    );
    assert!(!root.join(".a.c.rcocci-tmp.99999999.0").exists());
    assert!(root.join("a.c.rcocci-notes").exists());
}

#[test]
fn interrupted_or_terminated_run_removes_its_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("rule.cocci"), RULE).unwrap();
    let mut names: Vec<String> = (10..40).map(|i| format!("f{i}.c")).collect();
    for name in &names {
        fs::write(root.join(name), source(150)).unwrap();
    }
    // A FIFO among the files: the worker that reaches it waits for a writer that never
    // comes, so the run is still going when the signal arrives, while the other worker
    // goes on writing files.
    let fifo = root.join("f25x.c");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    names.push("f25x.c".into());
    let mut args: Vec<&str> = vec!["--sp-file", "rule.cocci", "--in-place", "-j", "2"];
    args.extend(names.iter().map(String::as_str));
    for (delay, signal) in [
        (20u64, libc::SIGTERM),
        (60, libc::SIGINT),
        (150, libc::SIGTERM),
    ] {
        let mut child = rcocci(root, &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        // SAFETY: sending a signal to our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().unwrap();
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            status.signal(),
            Some(signal),
            "the run ended before the signal"
        );
        assert_eq!(temporaries(root), Vec::<PathBuf>::new(), "after {delay} ms");
    }
}

/// An engine that stands for a user saving the file while rcocci works on it.
struct EditsMeanwhile;

impl FileTransformer for EditsMeanwhile {
    fn transform(&self, input: &FileInput<'_>) -> Result<TransformResult, TransformError> {
        fs::write(input.path, "/* saved by the user */\n")
            .map_err(|e| TransformError::new(e.to_string()))?;
        Ok(TransformResult {
            new_text: Some(input.text.replace("OBD_FREE_PTR(", "kfree(")),
            ..TransformResult::default()
        })
    }
}

#[test]
fn a_file_edited_during_the_run_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.c");
    fs::write(&path, source(2)).unwrap();
    let driver = Driver::new(Arc::new(EditsMeanwhile), Arc::new(NoSyntaxCheck));
    let mut outcomes = driver.run(std::slice::from_ref(&path));
    for o in &mut outcomes {
        let bytes = o.new_bytes.clone().unwrap();
        if let Err(e) = write_file(&o.path, &bytes, o.snapshot.as_ref(), WritePolicy::default()) {
            o.error = Some(e.to_string());
        }
    }
    assert_eq!(
        outcomes[0].error.as_deref(),
        Some("changed since it was read; not written")
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "/* saved by the user */\n"
    );
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("rule.cocci"), RULE).unwrap();
    dir
}

#[test]
fn in_place_writes_through_a_symlink() {
    let dir = fixture();
    let root = dir.path();
    fs::write(root.join("real.c"), source(1)).unwrap();
    std::os::unix::fs::symlink("real.c", root.join("link.c")).unwrap();
    let out = run(root, &["--sp-file", "rule.cocci", "--in-place", "link.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::symlink_metadata(root.join("link.c"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(root.join("real.c"))
        .unwrap()
        .contains("kfree(sbi->ll_p0)"));
}

#[test]
fn in_place_refuses_hard_links_unless_forced() {
    let dir = fixture();
    let root = dir.path();
    fs::write(root.join("a.c"), source(1)).unwrap();
    fs::hard_link(root.join("a.c"), root.join("b.c")).unwrap();
    let out = run(root, &["--sp-file", "rule.cocci", "--in-place", "a.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a.c: has 2 hard links; not written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(root.join("b.c")).unwrap(), source(1));
    let out = run(
        root,
        &["--sp-file", "rule.cocci", "--in-place", "--force", "a.c"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let b = fs::read_to_string(root.join("b.c")).unwrap();
    assert!(b.contains("kfree(sbi->ll_p0)"), "{b}");
    let ino = |p: &str| fs::metadata(root.join(p)).unwrap().ino();
    assert_eq!(ino("a.c"), ino("b.c"));
}

#[test]
fn in_place_refuses_read_only_files_unless_forced() {
    let dir = fixture();
    let root = dir.path();
    let path = root.join("ro.c");
    fs::write(&path, source(1)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(root, &["--sp-file", "rule.cocci", "--in-place", "ro.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ro.c: is read-only; not written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), source(1));
    let out = run(
        root,
        &["--sp-file", "rule.cocci", "--in-place", "--force", "ro.c"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

/// Writes go through one writer thread (in file order) while two workers transform: each
/// file is written or refused on its own, and the diffs and errors come out in file order.
#[test]
fn in_place_runs_write_and_report_every_file_in_order() {
    let dir = fixture();
    let root = dir.path();
    let names: Vec<String> = (0..40).map(|i| format!("f{i:02}.c")).collect();
    for (i, name) in names.iter().enumerate() {
        let path = root.join(name);
        fs::write(&path, source(i % 3 + 1)).unwrap();
        if i % 7 == 3 {
            fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        }
    }
    let mut args = vec!["--sp-file", "rule.cocci", "--in-place", "-j", "2"];
    args.extend(names.iter().map(String::as_str));
    let out = run(root, &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let refused: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 7 == 3)
        .map(|(_, n)| n.as_str())
        .collect();
    let errors: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| l.contains("is read-only; not written"))
        .map(|l| l.to_string())
        .collect();
    assert_eq!(errors.len(), refused.len(), "{errors:?}");
    for (line, name) in errors.iter().zip(&refused) {
        assert!(line.contains(name), "{line} should name {name}");
    }
    let diffed: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("+++ b/").map(|n| n.to_string()))
        .collect();
    let written: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 7 != 3)
        .map(|(_, n)| n.as_str())
        .collect();
    assert_eq!(diffed, written);
    for (i, name) in names.iter().enumerate() {
        let text = fs::read_to_string(root.join(name)).unwrap();
        let expected = if i % 7 == 3 {
            source(i % 3 + 1)
        } else {
            source(i % 3 + 1).replace("OBD_FREE_PTR(", "kfree(")
        };
        assert_eq!(text, expected, "{name}");
    }
}

#[test]
fn output_to_a_fifo_or_directory_is_refused() {
    let dir = fixture();
    let root = dir.path();
    fs::write(root.join("a.c"), source(1)).unwrap();
    let fifo = root.join("pipe");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let out = run(root, &["--sp-file", "rule.cocci", "-o", "pipe", "a.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pipe: is a FIFO, not a regular file"),
        "{}",
        stderr(&out)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    fs::create_dir(root.join("outdir")).unwrap();
    let out = run(root, &["--sp-file", "rule.cocci", "-o", "outdir", "a.c"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("outdir: is a directory"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn output_through_a_symlink_writes_its_target() {
    let dir = fixture();
    let root = dir.path();
    fs::write(root.join("a.c"), source(1)).unwrap();
    fs::write(root.join("target.c"), "").unwrap();
    std::os::unix::fs::symlink("target.c", root.join("out.c")).unwrap();
    let out = run(root, &["--sp-file", "rule.cocci", "-o", "out.c", "a.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::symlink_metadata(root.join("out.c"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(root.join("target.c"))
        .unwrap()
        .contains("kfree("));
}

#[test]
fn double_dash_ends_option_conversion() {
    let dir = fixture();
    let root = dir.path();
    fs::write(root.join("-quiet"), source(1)).unwrap();
    let out = run(root, &["--sp-file", "rule.cocci", "--", "-quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let diff = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(diff.starts_with("--- a/-quiet\n+++ b/-quiet\n"), "{diff}");
}

#[test]
fn odd_file_names_are_quoted_in_diff_headers_as_gnu_diff_does() {
    let dir = fixture();
    let root = dir.path();
    fs::write(root.join("new\nline.c"), source(1)).unwrap();
    let out = run(root, &["--sp-file", "rule.cocci", "new\nline.c"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let diff = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        diff.starts_with("--- \"a/new\\nline.c\"\n+++ \"b/new\\nline.c\"\n"),
        "{diff}"
    );
}

#[test]
fn file_names_that_are_not_utf8_are_processed_and_quoted() {
    use std::os::unix::ffi::OsStrExt;
    let dir = fixture();
    let root = dir.path();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.c");
    fs::write(root.join(name), source(1)).unwrap();
    let out = rcocci(root, &["--sp-file", "rule.cocci"])
        .arg(name)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let diff = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        diff.starts_with("--- \"a/caf\\351.c\"\n+++ \"b/caf\\351.c\"\n"),
        "{diff}"
    );
    let out = rcocci(root, &["--sp-file", "rule.cocci", "--in-place"])
        .arg(name)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(root.join(name))
        .unwrap()
        .contains("kfree("));
}
