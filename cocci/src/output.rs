//! What the transform command prints for a changed file: a unified diff in `diff -u -p` style
//! headed `--- a/PATH` / `+++ b/PATH`, with names quoted as GNU diff quotes them.

use crate::driver::FileOutcome;
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path};

/// Lines of context around each change, as `diff -u` gives.
pub const CONTEXT_LINES: usize = 3;

/// The path's bytes as written in diff headers: `./` and a leading `/` dropped, so that the
/// labels `a/PATH` and `b/PATH` apply with `patch -p1` from the directory the paths are
/// relative to; with `base` (`--patch DIR`), relative to that directory.
pub fn diff_path(path: &Path, base: Option<&Path>) -> Vec<u8> {
    let path = base.and_then(|b| path.strip_prefix(b).ok()).unwrap_or(path);
    let mut parts: Vec<&[u8]> = Vec::new();
    for c in path.components() {
        match c {
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
            Component::ParentDir => parts.push(b".."),
            Component::Normal(s) => parts.push(s.as_bytes()),
        }
    }
    parts.join(&b'/')
}

/// A diff header name as GNU diff writes it (rewriter's quoting, shared with every diff).
pub use rewriter::quote_file_name as quote_name;

/// The unified diff of one file's change, or an empty string if it does not change.
pub fn file_diff(outcome: &FileOutcome, context: usize, base: Option<&Path>) -> String {
    match &outcome.new_text {
        Some(new) => {
            let p = diff_path(&outcome.path, base);
            let label = |side: &[u8]| {
                let mut name = side.to_vec();
                name.extend_from_slice(&p);
                quote_name(&name)
            };
            rewriter::unified_diff(
                &outcome.original,
                new,
                &label(b"a/"),
                &label(b"b/"),
                context,
            )
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(path: &str) -> String {
        String::from_utf8(diff_path(Path::new(path), None)).unwrap()
    }

    #[test]
    fn labels() {
        assert_eq!(label("./lustre/llite/file.c"), "lustre/llite/file.c");
        assert_eq!(label("/tmp/x.c"), "tmp/x.c");
        assert_eq!(label("../x.c"), "../x.c");
        let based = diff_path(
            Path::new("/src/linux/mm/slab.c"),
            Some(Path::new("/src/linux")),
        );
        assert_eq!(based, b"mm/slab.c");
    }

    #[test]
    fn names_are_quoted_as_gnu_diff_does() {
        assert_eq!(quote_name(b"a/llite/file.c"), "a/llite/file.c");
        assert_eq!(quote_name(b"a/x\ny.c"), "\"a/x\\ny.c\"");
        assert_eq!(quote_name(b"a/sp ace.c"), "\"a/sp ace.c\"");
        assert_eq!(quote_name(b"a/q\"u\\o.c"), "\"a/q\\\"u\\\\o.c\"");
        assert_eq!(quote_name(b"a/caf\xe9.c"), "\"a/caf\\351.c\"");
        assert_eq!(quote_name(b"a/b\x01c.c"), "\"a/b\\001c.c\"");
        assert_eq!(quote_name(b"a/it's$1.c"), "a/it's$1.c");
    }
}
