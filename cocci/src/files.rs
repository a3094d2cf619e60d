//! Finding the files a command works on: paths named on the command line, directories walked
//! recursively for the wanted extensions, in a deterministic (sorted) order.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// C sources only (`--parse-c`, the transform command without `--include-headers`).
pub const C_SOURCES: &[&str] = &["c"];
/// C sources and headers (`--include-headers`, `rcocci unifdef`).
pub const C_SOURCES_AND_HEADERS: &[&str] = &["c", "h"];

/// The files found under `paths` and the paths that could not be read.
#[derive(Debug, Default)]
pub struct FileList {
    /// Sorted, without duplicates.
    pub files: Vec<PathBuf>,
    /// Paths that do not exist or whose directory could not be listed, sorted.
    pub errors: Vec<(PathBuf, io::Error)>,
}

/// Collects the files named by `paths`: a file is taken as it is, whatever its extension; a
/// directory is walked recursively for files whose extension is in `extensions` (compared
/// exactly, so `.C` is not `.c`). Symbolic links to files are followed; symbolic links to
/// directories are not, so that a link cycle cannot make the walk endless. The result is sorted
/// by path, so output does not depend on the order the file system lists entries in.
pub fn collect_files(paths: &[PathBuf], extensions: &[&str]) -> FileList {
    collect_files_telling(paths, extensions, &mut |_| true)
}

/// [`collect_files`], telling `found` of each regular file as a walk finds it (so that the
/// files can be read while the walk goes on); the paths named are not told of. When `found`
/// returns `false`, the walk stops there (the list is then incomplete).
pub fn collect_files_telling(
    paths: &[PathBuf],
    extensions: &[&str],
    found: &mut dyn FnMut(&Path) -> bool,
) -> FileList {
    let mut list = FileList::default();
    let mut walk = Walk {
        extensions,
        list: &mut list,
        found,
        stopped: false,
    };
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk.dir(path),
            // Not told: a path named may be a pipe (`<(...)`), to be read once only.
            Ok(_) => walk.list.files.push(path.clone()),
            Err(e) => walk.list.errors.push((path.clone(), e)),
        }
    }
    // One walk lists its files in order already (see `Walk::dir`); several paths may come
    // in any order, and overlap.
    if paths.len() > 1 {
        list.files.sort();
        list.files.dedup();
    }
    list.errors.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

/// [`collect_files`] for `.c` files, plus `.h` files when `include_headers` is set.
pub fn collect_c_files(paths: &[PathBuf], include_headers: bool) -> FileList {
    collect_c_files_telling(paths, include_headers, &mut |_| true)
}

/// [`collect_files_telling`] for `.c` files, plus `.h` files when `include_headers` is set.
pub fn collect_c_files_telling(
    paths: &[PathBuf],
    include_headers: bool,
    found: &mut dyn FnMut(&Path) -> bool,
) -> FileList {
    let extensions = if include_headers {
        C_SOURCES_AND_HEADERS
    } else {
        C_SOURCES
    };
    collect_files_telling(paths, extensions, found)
}

/// Whether a file name (one component, no `/`) has one of `extensions`, read as
/// `Path::extension` reads it: what follows the last `.`, unless that `.` starts the name.
/// On the name's bytes: `Path::extension` parses the name as a path first, which took a
/// tenth of the walk's instructions.
fn has_extension(name: &OsStr, extensions: &[&str]) -> bool {
    let name = name.as_encoded_bytes();
    match name.iter().rposition(|&b| b == b'.') {
        Some(dot) if dot > 0 => extensions.iter().any(|e| e.as_bytes() == &name[dot + 1..]),
        _ => false,
    }
}

struct Walk<'a> {
    extensions: &'a [&'a str],
    list: &'a mut FileList,
    found: &'a mut dyn FnMut(&Path) -> bool,
    /// `found` said to stop.
    stopped: bool,
}

impl Walk<'_> {
    fn take(&mut self, file: PathBuf) {
        self.stopped = !(self.found)(&file);
        self.list.files.push(file);
    }

    /// Walks `dir` depth first, each directory's entries in the order of their names, which
    /// is the order of the paths (paths compare by components, and all these share `dir`'s):
    /// the files come out sorted without sorting them.
    fn dir(&mut self, dir: &Path) {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.list.errors.push((dir.to_path_buf(), e));
                return;
            }
        };
        // The names to take, and whether each is a directory to walk.
        let mut taken: Vec<(std::ffi::OsString, bool)> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.list.errors.push((dir.to_path_buf(), e));
                    continue;
                }
            };
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    self.list.errors.push((entry.path(), e));
                    continue;
                }
            };
            let name = entry.file_name();
            if file_type.is_dir() {
                taken.push((name, true));
            } else if has_extension(&name, self.extensions) {
                let is_file = file_type.is_file()
                    || (file_type.is_symlink()
                        && fs::metadata(entry.path()).is_ok_and(|m| m.is_file()));
                if is_file {
                    taken.push((name, false));
                }
            }
        }
        taken.sort_unstable();
        for (name, is_dir) in taken {
            if self.stopped {
                return;
            }
            let path = dir.join(name);
            match is_dir {
                true => self.dir(&path),
                false => self.take(path),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch directory under the target's temp dir, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir =
                std::env::temp_dir().join(format!("rcocci-files-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("create scratch dir");
            Scratch(dir)
        }
        fn file(&self, rel: &str) -> PathBuf {
            let path = self.0.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).expect("create parent");
            }
            fs::write(&path, "int x;\n").expect("write file");
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn relative(list: &FileList, root: &Path) -> Vec<String> {
        list.files
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn extensions_are_read_as_path_reads_them() {
        let extensions = ["c", "h"];
        for name in [
            "a.c", "a.h", ".c", ".h", "..", ".", "a.", "a.b.c", "a.c.b", "a.C", "é.c", ".x.h",
            "x.cc", "c", "a..c", "..c", "...", "a.c.", "noext",
        ] {
            let by_path = Path::new(name)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e));
            assert_eq!(
                has_extension(OsStr::new(name), &extensions),
                by_path,
                "{name}"
            );
        }
    }

    #[test]
    fn walks_directories_sorted_with_extension_filter() {
        let s = Scratch::new("walk");
        s.file("b/z.c");
        s.file("b/a.h");
        s.file("a.c");
        s.file("b/c/deep.c");
        s.file("notes.txt");
        s.file("upper.C");
        let list = collect_c_files(std::slice::from_ref(&s.0), false);
        assert_eq!(relative(&list, &s.0), vec!["a.c", "b/c/deep.c", "b/z.c"]);
        let list = collect_c_files(std::slice::from_ref(&s.0), true);
        assert_eq!(
            relative(&list, &s.0),
            vec!["a.c", "b/a.h", "b/c/deep.c", "b/z.c"]
        );
        assert!(list.errors.is_empty());
    }

    /// Names that sort differently as whole strings and as path components (`-` and `.`
    /// sort before `/`): the walk's order is the order of the paths.
    #[test]
    fn the_walk_lists_files_in_path_order() {
        let s = Scratch::new("order");
        for rel in [
            "a/x.c",
            "a.c",
            "a-b/y.c",
            "a.b/z.h",
            "A/q.c",
            "_/r.c",
            "a/b/c/d.c",
            "a/b.c",
            "ab.c",
            "a/b-c.c",
            "a/b/c.c",
            "é/s.c",
            "z.c",
        ] {
            s.file(rel);
        }
        let list = collect_c_files(std::slice::from_ref(&s.0), true);
        let mut sorted = list.files.clone();
        sorted.sort();
        assert_eq!(list.files, sorted);
        assert_eq!(list.files.len(), 13);
    }

    /// The files a walk finds are told of, in order; a path named is not (it may be a pipe,
    /// which only one reader may read).
    #[test]
    fn only_walked_files_are_told_of() {
        let s = Scratch::new("told");
        let named = s.file("named.c");
        s.file("d/b.c");
        s.file("d/a.c");
        let mut told = Vec::new();
        let list = collect_c_files_telling(&[named.clone(), s.0.join("d")], false, &mut |p| {
            told.push(p.to_path_buf());
            true
        });
        assert_eq!(told, vec![s.0.join("d/a.c"), s.0.join("d/b.c")]);
        assert_eq!(list.files.len(), 3);
        assert!(list.files.contains(&named));
    }

    /// When told to stop, the walk finds nothing more, in this directory or the ones above.
    #[test]
    fn a_walk_told_to_stop_finds_nothing_more() {
        let s = Scratch::new("stop");
        s.file("a/b/one.c");
        s.file("a/b/two.c");
        s.file("a/three.c");
        s.file("four.c");
        let mut told = 0;
        let list = collect_c_files_telling(std::slice::from_ref(&s.0), false, &mut |_| {
            told += 1;
            false
        });
        assert_eq!(told, 1);
        assert_eq!(relative(&list, &s.0), vec!["a/b/one.c"]);
    }

    #[test]
    fn named_files_are_taken_whatever_their_extension_and_deduplicated() {
        let s = Scratch::new("named");
        let txt = s.file("x.txt");
        let c = s.file("y.c");
        let list = collect_files(&[c.clone(), txt.clone(), s.0.clone()], C_SOURCES);
        assert_eq!(list.files, vec![txt, c]);
    }

    #[test]
    fn missing_paths_are_errors() {
        let s = Scratch::new("missing");
        let gone = s.0.join("gone.c");
        let list = collect_c_files(std::slice::from_ref(&gone), false);
        assert!(list.files.is_empty());
        assert_eq!(list.errors.len(), 1);
        assert_eq!(list.errors[0].0, gone);
        assert_eq!(list.errors[0].1.kind(), io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn directory_symlink_cycles_are_not_followed() {
        let s = Scratch::new("cycle");
        s.file("d/f.c");
        std::os::unix::fs::symlink(&s.0, s.0.join("d/loop")).expect("symlink");
        let list = collect_c_files(std::slice::from_ref(&s.0), false);
        assert_eq!(relative(&list, &s.0), vec!["d/f.c"]);
    }
}
