//! The headers a C file includes, read for the types they declare (typedefs, globals, struct
//! fields), as spatch reads them: by default the file's local includes (`#include "x.h"`,
//! beside the file) and the system include named like the file (`<linux/serio.h>` for
//! `serio.c`), looked for on the `-I` path; `--all-includes` every include of the file,
//! `--recursive-includes` those of the headers too, `--no-includes` none.

use matcher::types::{IntSizes, TypeEnv};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Which `#include`s are read (spatch's `--no-includes`, `--local-includes`,
/// `--all-includes`, `--recursive-includes`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IncludeMode {
    None,
    #[default]
    Local,
    All,
    Recursive,
}

/// The run's header reading: where headers are looked for, and each header's types once read
/// (shared by every file and worker).
pub struct Headers {
    mode: IncludeMode,
    /// `-I` directories in command-line order; without any, `include` in the working
    /// directory when there is one (as spatch).
    search_path: Vec<PathBuf>,
    int_sizes: Option<IntSizes>,
    options: c_parser::ParseOptions,
    read: Mutex<HashMap<PathBuf, Option<Arc<HeaderTypes>>>>,
}

/// One header's types and the headers it includes in turn.
struct HeaderTypes {
    types: Arc<TypeEnv>,
    includes: Vec<Include>,
}

/// One `#include` line: its path and whether it is local (`"x.h"`, not `<x.h>`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Include {
    path: String,
    local: bool,
}

impl Headers {
    pub fn new(
        mode: IncludeMode,
        include_dirs: &[PathBuf],
        int_sizes: Option<IntSizes>,
        options: c_parser::ParseOptions,
    ) -> Headers {
        let mut search_path = include_dirs.to_vec();
        if search_path.is_empty() && Path::new("include").is_dir() {
            search_path.push(PathBuf::from("include"));
        }
        Headers {
            mode,
            search_path,
            int_sizes,
            options,
            read: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a file may see anything beyond its own declarations.
    pub fn matter(&self) -> bool {
        self.mode != IncludeMode::None || self.int_sizes.is_some()
    }

    /// The types around a C file with `text` at `file`: its headers' and the run's integer
    /// sizes; `None` when there is nothing to add.
    pub fn around(&self, file: &Path, text: &str) -> Option<Arc<TypeEnv>> {
        let mut found: Vec<Arc<TypeEnv>> = Vec::new();
        let mut seen: Vec<PathBuf> = Vec::new();
        self.collect(file, &includes_of(text), &mut seen, &mut found);
        if found.is_empty() && self.int_sizes.is_none() {
            return None;
        }
        Some(Arc::new(TypeEnv::of_headers(&found, self.int_sizes)))
    }

    fn collect(
        &self,
        from: &Path,
        includes: &[Include],
        seen: &mut Vec<PathBuf>,
        found: &mut Vec<Arc<TypeEnv>>,
    ) {
        let from_header = from.extension().is_some_and(|e| e == "h");
        let wanted = match self.mode {
            IncludeMode::None => false,
            IncludeMode::Local | IncludeMode::All => !from_header,
            IncludeMode::Recursive => true,
        };
        if !wanted {
            return;
        }
        for include in includes {
            let Some(path) = self.resolve(from, include) else {
                continue;
            };
            if seen.contains(&path) {
                continue;
            }
            seen.push(path.clone());
            let Some(header) = self.read(&path) else {
                continue;
            };
            // A header's own includes come before it, as the preprocessor reads them.
            self.collect(&path, &header.includes, seen, found);
            found.push(header.types.clone());
        }
    }

    /// Where an include of `from` is, if it is one the mode reads.
    fn resolve(&self, from: &Path, include: &Include) -> Option<PathBuf> {
        let all = matches!(self.mode, IncludeMode::All | IncludeMode::Recursive);
        if include.local {
            let beside = from.parent().unwrap_or(Path::new("")).join(&include.path);
            if beside.is_file() {
                return Some(beside);
            }
            return all.then(|| self.search(&include.path)).flatten();
        }
        let stem = |p: &Path| p.file_stem().map(|s| s.to_os_string());
        let named_like_file = stem(Path::new(&include.path)) == stem(from);
        (all || named_like_file)
            .then(|| self.search(&include.path))
            .flatten()
    }

    /// `a/b/c.h` on the search path, then `b/c.h`, then `c.h` (spatch's search).
    fn search(&self, relative: &str) -> Option<PathBuf> {
        let parts: Vec<&str> = relative.split('/').filter(|p| !p.is_empty()).collect();
        (0..parts.len()).find_map(|skip| {
            let tail = parts[skip..].join("/");
            self.search_path
                .iter()
                .map(|dir| dir.join(&tail))
                .find(|p| p.is_file())
        })
    }

    /// A header's types, read once per run; `None` for one that cannot be read.
    fn read(&self, path: &Path) -> Option<Arc<HeaderTypes>> {
        if let Some(known) = self.lock().get(path) {
            return known.clone();
        }
        let header = std::fs::read(path).ok().map(|bytes| {
            let text = String::from_utf8_lossy(&bytes);
            let parse = c_parser::parse(&text, &self.options);
            Arc::new(HeaderTypes {
                types: Arc::new(TypeEnv::collect(&parse.root)),
                includes: includes_of(&text),
            })
        });
        self.lock().insert(path.to_path_buf(), header.clone());
        header
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Option<Arc<HeaderTypes>>>> {
        // A worker that panicked while holding the lock left a consistent map: every entry
        // is inserted whole.
        self.read.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The `#include "x"` and `#include <x>` lines of a C text, in order.
fn includes_of(text: &str) -> Vec<Include> {
    text.lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix("include")?.trim_start();
            let (close, local) = match rest.chars().next()? {
                '"' => ('"', true),
                '<' => ('>', false),
                _ => return None,
            };
            let inner = &rest[1..];
            let end = inner.find(close)?;
            Some(Include {
                path: inner[..end].to_string(),
                local,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_lines_are_read_with_their_kind() {
        let text = "#include <linux/fs.h>\n  #  include \"llite_internal.h\"\n#define X 1\n\
                    #include MACRO_HEADER\n";
        assert_eq!(
            includes_of(text),
            [
                Include {
                    path: "linux/fs.h".into(),
                    local: false
                },
                Include {
                    path: "llite_internal.h".into(),
                    local: true
                },
            ]
        );
    }

    fn headers_in(dir: &Path, mode: IncludeMode) -> Headers {
        let options = c_parser::ParseOptions::default();
        Headers::new(mode, &[dir.join("include")], None, options)
    }

    #[test]
    fn local_mode_reads_local_includes_and_the_header_named_like_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("include/linux")).unwrap();
        std::fs::write(dir.path().join("local.h"), "").unwrap();
        std::fs::write(dir.path().join("include/linux/osc.h"), "").unwrap();
        std::fs::write(dir.path().join("include/linux/fs.h"), "").unwrap();
        let file = dir.path().join("osc.c");
        let headers = headers_in(dir.path(), IncludeMode::Local);
        let local = Include {
            path: "local.h".into(),
            local: true,
        };
        let own = Include {
            path: "linux/osc.h".into(),
            local: false,
        };
        let other = Include {
            path: "linux/fs.h".into(),
            local: false,
        };
        assert_eq!(
            headers.resolve(&file, &local),
            Some(dir.path().join("local.h"))
        );
        assert_eq!(
            headers.resolve(&file, &own),
            Some(dir.path().join("include/linux/osc.h"))
        );
        assert_eq!(headers.resolve(&file, &other), None);
        let all = headers_in(dir.path(), IncludeMode::All);
        assert_eq!(
            all.resolve(&file, &other),
            Some(dir.path().join("include/linux/fs.h"))
        );
    }

    #[test]
    fn types_come_from_included_headers_only_in_the_modes_that_read_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("osc_internal.h"),
            "#include \"osc_types.h\"\nextern struct osc_device *osc_dev;\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("osc_types.h"),
            "typedef struct osc_page osc_page_t;\n",
        )
        .unwrap();
        let file = dir.path().join("osc_io.c");
        let text = "#include \"osc_internal.h\"\n";
        let local = headers_in(dir.path(), IncludeMode::Local)
            .around(&file, text)
            .unwrap();
        assert_eq!(local.resolve_typedefs("osc_page_t"), "osc_page_t");
        let recursive = headers_in(dir.path(), IncludeMode::Recursive)
            .around(&file, text)
            .unwrap();
        assert_eq!(recursive.resolve_typedefs("osc_page_t"), "struct osc_page");
        assert!(headers_in(dir.path(), IncludeMode::None)
            .around(&file, text)
            .is_none());
    }
}
