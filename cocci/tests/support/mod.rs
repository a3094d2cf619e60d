//! What the end-to-end test files share: a scratch directory with the given files, and the
//! rcocci binary run in it.

use std::process::{Command, Output};

/// Writes `files` (name, text) into a fresh directory and runs rcocci there.
pub fn run_in(files: &[(&str, &str)], args: &[&str], env: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rcocci"));
    cmd.current_dir(dir.path()).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
