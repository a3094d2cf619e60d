//! `depends on file in "PLACE"`: a rule applies only to the file PLACE, or to the files below
//! the directory PLACE. Files are named as spatch names them: relative to the `--dir` that
//! holds them, otherwise as given on the command line. PLACE is a regular expression in OCaml
//! `Str` syntax, as spatch reads it, matched from the name's start (`llite` and `l.*te` both
//! hold for `llite/file.c`), and a directory is matched whole (`lite` does not hold for
//! `llite/file.c`).

use smpl_parser::{CompiledRegex, Dependency, RegexDialect, RuleFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The `--dir` roots, and each place the rules name, compiled.
#[derive(Clone, Debug, Default)]
pub(crate) struct FilePlaces {
    roots: Vec<PathBuf>,
    /// Per place, the pattern of the names below it; none for a place that is no valid
    /// pattern (it is then taken as written).
    directories: HashMap<String, Option<CompiledRegex>>,
}

impl FilePlaces {
    pub(crate) fn new(rules: &RuleFile, roots: &[PathBuf]) -> Self {
        let mut directories = HashMap::new();
        for dep in rules.rules.iter().filter_map(|r| r.header.depends.as_ref()) {
            collect_places(dep, &mut |place| {
                let pattern = format!("^\\({place}\\)/");
                let compiled = CompiledRegex::new(&pattern, RegexDialect::OcamlStr).ok();
                directories.insert(place.to_string(), compiled);
            });
        }
        FilePlaces {
            roots: roots.to_vec(),
            directories,
        }
    }

    /// The name `file in` sees for a file of the run (borrowed from the path when it is
    /// UTF-8: most runs name no place, and each file is named).
    pub(crate) fn name_of<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, str> {
        let relative = self
            .roots
            .iter()
            .find_map(|root| path.strip_prefix(root).ok())
            .unwrap_or(path);
        relative.to_string_lossy()
    }

    /// Whether `file in "place"` holds for the file named `name`.
    pub(crate) fn holds(&self, place: &str, name: &str) -> bool {
        name == place
            || match self.directories.get(place) {
                Some(Some(below)) => below.is_match(name),
                _ => name
                    .strip_prefix(place)
                    .is_some_and(|rest| rest.starts_with('/')),
            }
    }
}

fn collect_places(dep: &Dependency, out: &mut dyn FnMut(&str)) {
    match dep {
        Dependency::FileIn(place) => out(place),
        Dependency::Not(d) => collect_places(d, out),
        Dependency::And(a, b) | Dependency::Or(a, b) => {
            collect_places(a, out);
            collect_places(b, out);
        }
        Dependency::Rule(_) | Dependency::Ever(_) | Dependency::Never(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(rule_file: &str, roots: &[&str]) -> FilePlaces {
        let rules = smpl_parser::parse_rule_file(Path::new("places.cocci"), rule_file)
            .expect("rule file parses");
        let roots: Vec<PathBuf> = roots.iter().map(PathBuf::from).collect();
        FilePlaces::new(&rules, &roots)
    }

    #[test]
    fn a_directory_holds_for_the_files_below_it_and_a_file_for_itself() {
        let p = places(
            "@depends on file in \"llite\" || file in \"osc/osc_io.c\" || file in \"l.*e\"@\n@@\n- foo();\n",
            &["/src/lustre"],
        );
        let name = p.name_of(Path::new("/src/lustre/llite/file.c"));
        assert_eq!(name, "llite/file.c");
        assert!(p.holds("llite", &name));
        assert!(p.holds("l.*e", &name));
        assert!(!p.holds("lite", &name));
        assert!(!p.holds("llite", "llite_extra/file.c"));
        assert!(p.holds("osc/osc_io.c", "osc/osc_io.c"));
        assert!(!p.holds("osc/osc_io.c", "osc/osc_io.h"));
        // Outside every --dir: the path as given.
        assert_eq!(p.name_of(Path::new("tree/llite/a.c")), "tree/llite/a.c");
    }
}
