//! Snapshots of the `--parse-cocci` dump for rule files covering every construct, and of the
//! diagnostics for broken rule files.

use std::path::{Path, PathBuf};

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cocci"))
        .collect();
    files.sort();
    files
}

/// A path relative to the fixture directory, so snapshots do not depend on the checkout.
fn short(path: &Path) -> PathBuf {
    let parent = path.parent().and_then(Path::file_name).unwrap_or_default();
    Path::new(parent).join(path.file_name().unwrap_or_default())
}

#[test]
fn valid_rule_files_dump() {
    let mut failures = Vec::new();
    for path in fixtures("rules") {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        // Includes are resolved next to the fixture; paths are shown relative to the fixtures.
        let parsed = smpl_parser::parse_rule_file_with_includes(&path, &text).map(|mut rf| {
            for src in &mut rf.sources {
                src.path = short(&src.path);
            }
            rf
        });
        match parsed {
            Ok(rf) => {
                insta::assert_snapshot!(format!("dump_{name}"), smpl_parser::dump_rule_file(&rf))
            }
            Err(d) => failures.push(format!("{name} should parse:\n{}", d.render_plain())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn broken_rule_files_report_located_errors() {
    for path in fixtures("broken") {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match smpl_parser::parse_rule_file(&short(&path), &text) {
            Ok(_) => panic!("{name} should not parse"),
            Err(d) => {
                let rendered = d.render_plain();
                assert!(
                    rendered.contains(&format!("broken/{name}.cocci:")),
                    "{name}: diagnostic without file:line:col:\n{rendered}"
                );
                insta::assert_snapshot!(format!("error_{name}"), rendered);
            }
        }
    }
}
