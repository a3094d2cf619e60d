//! `#include "other.cocci"`: included rules come first and may be inherited from.

use std::path::PathBuf;

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("smpl-includes-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("lib")).expect("scratch dir");
    dir
}

#[test]
fn included_rules_come_first_and_can_be_inherited() {
    let dir = scratch_dir("ok");
    let lib = "virtual report\n@find_lock@\nexpression L;\n@@\n  spin_lock(L);\n";
    std::fs::write(dir.join("lib/locks.cocci"), lib).expect("write");
    // Found relative to an ancestor of the including file's directory.
    let main = "#include \"lib/locks.cocci\"\n@depends on find_lock@\nexpression find_lock.L;\n@@\n- spin_unlock(L);\n";
    std::fs::create_dir_all(dir.join("rules")).expect("dir");
    let main_path = dir.join("rules/main.cocci");
    std::fs::write(&main_path, main).expect("write");
    let rf = match smpl_parser::parse_rule_file_with_includes(&main_path, main) {
        Ok(rf) => rf,
        Err(d) => panic!("{}", d.render_plain()),
    };
    let names: Vec<&str> = rf.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["find_lock", "rule_1"]);
    assert_eq!(rf.virtuals, ["report"]);
    assert_eq!(rf.sources.len(), 2);
    assert_eq!(rf.rules[0].source, 1);
    assert_eq!(rf.line_col(&rf.rules[0], rf.rules[0].span.start), (2, 1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_include_is_located() {
    let dir = scratch_dir("missing");
    let main = "#include \"nowhere.cocci\"\n@@\n@@\n- foo();\n";
    let path = dir.join("main.cocci");
    std::fs::write(&path, main).expect("write");
    let err = smpl_parser::parse_rule_file_with_includes(&path, main).expect_err("missing include");
    let text = err.render_plain();
    assert!(text.contains("main.cocci:1:1"), "{text}");
    assert!(text.contains("nowhere.cocci"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_include_cycle_reads_each_file_once() {
    let dir = scratch_dir("cycle");
    let a = "#include \"b.cocci\"\n@ra@\n@@\n- a();\n";
    let b = "#include \"a.cocci\"\n@rb@\n@@\n- b();\n";
    std::fs::write(dir.join("a.cocci"), a).expect("write");
    std::fs::write(dir.join("b.cocci"), b).expect("write");
    let rf = match smpl_parser::parse_rule_file_with_includes(&dir.join("a.cocci"), a) {
        Ok(rf) => rf,
        Err(d) => panic!("{}", d.render_plain()),
    };
    let names: Vec<&str> = rf.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["rb", "ra"]);
    let _ = std::fs::remove_dir_all(&dir);
}
