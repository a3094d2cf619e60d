//! Finding the files a command works on: paths named on the command line, directories walked
//! recursively for the wanted extensions, in a deterministic (sorted) order.

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
    let mut list = FileList::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, extensions, &mut list),
            Ok(_) => list.files.push(path.clone()),
            Err(e) => list.errors.push((path.clone(), e)),
        }
    }
    list.files.sort();
    list.files.dedup();
    list.errors.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

/// [`collect_files`] for `.c` files, plus `.h` files when `include_headers` is set.
pub fn collect_c_files(paths: &[PathBuf], include_headers: bool) -> FileList {
    let extensions = if include_headers {
        C_SOURCES_AND_HEADERS
    } else {
        C_SOURCES
    };
    collect_files(paths, extensions)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e))
}

fn walk(dir: &Path, extensions: &[&str], list: &mut FileList) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            list.errors.push((dir.to_path_buf(), e));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                list.errors.push((dir.to_path_buf(), e));
                continue;
            }
        };
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                list.errors.push((path, e));
                continue;
            }
        };
        if file_type.is_dir() {
            walk(&path, extensions, list);
        } else if has_extension(&path, extensions) {
            let is_file = file_type.is_file()
                || (file_type.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_file()));
            if is_file {
                list.files.push(path);
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
