//! What the transform command prints: per changed file, a unified diff in `diff -u -p` style
//! headed `--- a/PATH` / `+++ b/PATH`.

use crate::driver::FileOutcome;
use std::path::{Component, Path};

/// Lines of context around each change, as `diff -u` gives.
pub const CONTEXT_LINES: usize = 3;

/// The path as written in diff headers: `./` and a leading `/` dropped, so that the labels
/// `a/PATH` and `b/PATH` apply with `patch -p1` from the directory the paths are relative to.
pub fn diff_path(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

/// The unified diff of one file's change, or an empty string if it does not change.
pub fn file_diff(outcome: &FileOutcome) -> String {
    match &outcome.new_text {
        Some(new) => {
            let p = diff_path(&outcome.path);
            rewriter::unified_diff(
                &outcome.original,
                new,
                &format!("a/{p}"),
                &format!("b/{p}"),
                CONTEXT_LINES,
            )
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            diff_path(Path::new("./lustre/llite/file.c")),
            "lustre/llite/file.c"
        );
        assert_eq!(diff_path(Path::new("/tmp/x.c")), "tmp/x.c");
        assert_eq!(diff_path(Path::new("../x.c")), "../x.c");
    }
}
