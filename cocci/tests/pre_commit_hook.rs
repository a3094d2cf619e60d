//! The repository's `.pre-commit-hooks.yaml`, run by the `pre-commit` tool (from PyPI) on a
//! fixture repository: a commit that a rule would change is refused with the diff, a clean
//! one passes. CI installs pre-commit and sets RCOCCI_REQUIRE_ORACLES, so that a missing tool
//! fails there instead of skipping.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RULE: &str = "@@\nexpression ptr;\n@@\n- OBD_FREE_PTR(ptr);\n+ kfree(ptr);\n";

fn pre_commit_available() -> bool {
    let found = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("RCOCCI_REQUIRE_ORACLES").is_none(),
            "pre-commit is required (RCOCCI_REQUIRE_ORACLES is set) but not installed"
        );
        eprintln!("pre-commit is not installed: the hook test is not run (pip install pre-commit)");
    }
    found
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "rcocci test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "rcocci test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A git repository holding the project's hook definition, as a hook repository.
fn hook_repository(root: &Path) -> (PathBuf, String) {
    let repo = root.join("hooks");
    fs::create_dir_all(&repo).unwrap();
    let hooks = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../.pre-commit-hooks.yaml"
    ))
    .unwrap();
    fs::write(repo.join(".pre-commit-hooks.yaml"), hooks).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "hooks"]);
    let rev = String::from_utf8(git(&repo, &["rev-parse", "HEAD"]).stdout).unwrap();
    (repo, rev.trim().to_string())
}

fn run_hooks(project: &Path, home: &Path) -> Output {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_rcocci"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    Command::new("pre-commit")
        .current_dir(project)
        .args(["run", "--color", "never"])
        .env("PATH", path)
        .env("HOME", home)
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        .output()
        .unwrap()
}

#[test]
fn hook_refuses_a_commit_the_rule_would_change() {
    if !pre_commit_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (hooks, rev) = hook_repository(root);
    let project = root.join("project");
    fs::create_dir_all(project.join("scripts")).unwrap();
    fs::write(project.join("scripts/free.cocci"), RULE).unwrap();
    fs::write(
        project.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: rcocci\n        args: [--sp-file, scripts/free.cocci]\n",
            hooks.display()
        ),
    )
    .unwrap();
    fs::write(
        project.join("file.c"),
        "static void ll_free(struct ll_sb_info *sbi)\n{\n\tOBD_FREE_PTR(sbi);\n}\n",
    )
    .unwrap();
    git(&project, &["init", "-q"]);
    git(&project, &["add", "."]);
    let out = run_hooks(&project, root);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("rcocci semantic patch check"), "{text}");
    assert!(text.contains("Failed"), "{text}");
    assert!(text.contains("+\tkfree(sbi);"), "{text}");

    fs::write(
        project.join("file.c"),
        "static void ll_free(struct ll_sb_info *sbi)\n{\n\tkfree(sbi);\n}\n",
    )
    .unwrap();
    git(&project, &["add", "."]);
    let out = run_hooks(&project, root);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Passed"), "{text}");
}
