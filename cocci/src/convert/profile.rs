//! The conversion profile: a TOML file naming what `rcocci convert` does to a tree (symbols to
//! strip, version macros to normalise, renames, include maps, definitions to delete, rule files
//! in order, layout fixes). The format is described in `rules/README.md`.

use super::names::NameMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The profile as written in the file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(default)]
    description: String,
    #[serde(default)]
    files: FilesSection,
    #[serde(default)]
    strip: StripSection,
    versions: Option<VersionsSection>,
    #[serde(default)]
    renames: BTreeMap<String, String>,
    #[serde(default)]
    includes: Vec<IncludeEntry>,
    #[serde(default)]
    definitions: DefinitionsSection,
    #[serde(default)]
    rules: RulesSection,
    #[serde(default)]
    layout: Layout,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilesSection {
    #[serde(default = "default_extensions")]
    extensions: Vec<String>,
    /// Globs on the path relative to the tree (`*` any run of characters, `/` included).
    #[serde(default)]
    exclude: Vec<String>,
}

impl Default for FilesSection {
    fn default() -> Self {
        FilesSection {
            extensions: default_extensions(),
            exclude: Vec::new(),
        }
    }
}

fn default_extensions() -> Vec<String> {
    vec!["c".into(), "h".into()]
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StripSection {
    /// unifdef `-D`/`-U` arguments.
    #[serde(default)]
    symbols: Vec<String>,
    /// Other unifdef processing flags (`-k`, `-B`, ...).
    #[serde(default)]
    flags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionsSection {
    #[serde(rename = "macro")]
    macro_name: String,
    compared_with: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IncludeEntry {
    path: String,
    to: Option<String>,
    #[serde(default)]
    delete: bool,
    replace: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefinitionsSection {
    #[serde(default)]
    delete: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesSection {
    #[serde(default)]
    files: Vec<String>,
    #[serde(default)]
    macro_files: Vec<String>,
}

/// Layout fixes applied last, to the files the conversion changed.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Eight spaces after a line's leading tabs become a tab (repeatedly).
    #[serde(default)]
    pub indent_tabs: bool,
    /// Runs of blank lines become one blank line.
    #[serde(default)]
    pub squeeze_blank_lines: bool,
}

/// What an `#include` of a matching path becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IncludeAction {
    /// The path is rewritten (`*` in the pattern and the target stand for the same text).
    Rewrite,
    /// The line is removed.
    Delete,
    /// The line is replaced by these lines.
    Replace(Vec<String>),
}

/// Version calls in `#if` lines made literal, so that unifdef can decide the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versions {
    /// The function-like macro computing a version (`OBD_OCD_VERSION(2, 14, 53, 0)`).
    pub macro_name: String,
    /// The symbol compared with it (`LUSTRE_VERSION_CODE`); only lines naming it change.
    pub compared_with: String,
}

/// A profile ready to use: patterns checked, paths made absolute.
#[derive(Debug)]
pub struct Profile {
    pub path: PathBuf,
    pub description: String,
    pub extensions: Vec<String>,
    pub exclude: Vec<String>,
    /// unifdef arguments: the flags, then the symbols. Empty: no strip step.
    pub strip_args: Vec<String>,
    pub versions: Option<Versions>,
    pub renames: NameMap<String>,
    pub includes: NameMap<IncludeAction>,
    pub delete_definitions: NameMap<()>,
    pub rule_files: Vec<PathBuf>,
    pub macro_files: Vec<PathBuf>,
    pub layout: Layout,
}

/// Reads and checks a profile; errors name the file and, for TOML errors, the line.
pub fn load(path: &Path) -> Result<Profile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read profile: {e}", path.display()))?;
    parse(path, &text)
}

/// Parses profile text; `path` names it in errors and anchors relative paths.
pub fn parse(path: &Path, text: &str) -> Result<Profile, String> {
    let raw: ProfileFile = toml::from_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let at = |what: String| format!("{}: {what}", path.display());
    let mut renames = NameMap::new();
    for (from, to) in &raw.renames {
        if to.trim().is_empty() {
            return Err(at(format!("renames: `{from}` has an empty replacement")));
        }
        renames
            .insert(from, to.clone(), Some(to))
            .map_err(|e| at(format!("renames: {e}")))?;
    }
    let mut includes = NameMap::new();
    for entry in &raw.includes {
        let (action, target) = match (&entry.to, entry.delete, &entry.replace) {
            (Some(to), false, None) => (IncludeAction::Rewrite, Some(to.as_str())),
            (None, true, None) => (IncludeAction::Delete, None),
            (None, false, Some(lines)) => (IncludeAction::Replace(lines.clone()), None),
            _ => {
                return Err(at(format!(
                    "includes: `{}` needs exactly one of `to`, `delete = true`, `replace`",
                    entry.path
                )))
            }
        };
        includes
            .insert(&entry.path, action, target)
            .map_err(|e| at(format!("includes: {e}")))?;
    }
    let mut delete_definitions = NameMap::new();
    for name in &raw.definitions.delete {
        delete_definitions
            .insert(name, (), None)
            .map_err(|e| at(format!("definitions: {e}")))?;
    }
    let mut strip_args = Vec::new();
    if !raw.strip.symbols.is_empty() {
        strip_args.extend(raw.strip.flags.iter().cloned());
        strip_args.extend(raw.strip.symbols.iter().cloned());
        crate::strip::options_from_args(&strip_args).map_err(|e| at(format!("strip: {e}")))?;
    }
    let resolve = |p: &String| base.join(p);
    let rule_files: Vec<PathBuf> = raw.rules.files.iter().map(resolve).collect();
    let macro_files: Vec<PathBuf> = raw.rules.macro_files.iter().map(resolve).collect();
    Ok(Profile {
        path: path.to_path_buf(),
        description: raw.description,
        extensions: raw.files.extensions,
        exclude: raw.files.exclude,
        strip_args,
        versions: raw.versions.map(|v| Versions {
            macro_name: v.macro_name,
            compared_with: v.compared_with,
        }),
        renames,
        includes,
        delete_definitions,
        rule_files,
        macro_files,
        layout: raw.layout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_relative_paths() {
        let text = r#"
            description = "t"
            [strip]
            flags = ["-k"]
            symbols = ["-UHAVE_SERVER_SUPPORT", "-DLUSTRE_VERSION_CODE=21353"]
            [versions]
            macro = "OBD_OCD_VERSION"
            compared_with = "LUSTRE_VERSION_CODE"
            [renames]
            cfs_from_timer = "from_timer"
            "CFS_CAP_*" = "CAP_*"
            [[includes]]
            path = "libcfs/*"
            to = "linux/libcfs/*"
            [[includes]]
            path = "lustre_compat.h"
            delete = true
            [definitions]
            delete = ["OBD_ALLOC*"]
            [rules]
            files = ["../rules/a.cocci"]
        "#;
        let p = parse(Path::new("/x/profiles/p.toml"), text).unwrap();
        assert_eq!(p.strip_args[0], "-k");
        assert_eq!(
            p.rule_files,
            [PathBuf::from("/x/profiles/../rules/a.cocci")]
        );
        assert_eq!(
            p.renames.lookup("CFS_CAP_SYS_ADMIN").as_deref(),
            Some("CAP_SYS_ADMIN")
        );
        assert!(p.delete_definitions.matches("OBD_ALLOC_PTR"));
        assert!(!p.delete_definitions.matches("obd_alloc"));
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let bad_key = parse(Path::new("p.toml"), "[renamez]\na = \"b\"\n").unwrap_err();
        assert!(bad_key.starts_with("p.toml: "), "{bad_key}");
        assert!(bad_key.contains("renamez"), "{bad_key}");
        let both = parse(
            Path::new("p.toml"),
            "[[includes]]\npath = \"a.h\"\nto = \"b.h\"\ndelete = true\n",
        )
        .unwrap_err();
        assert!(both.contains("exactly one of"), "{both}");
        let stars = parse(Path::new("p.toml"), "[renames]\n\"a_*_*\" = \"b_*\"\n").unwrap_err();
        assert!(stars.contains("a_*_*"), "{stars}");
        let symbol = parse(Path::new("p.toml"), "[strip]\nsymbols = [\"-DA-B\"]\n").unwrap_err();
        assert!(symbol.contains("strip"), "{symbol}");
    }
}
