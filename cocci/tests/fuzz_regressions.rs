//! Every input the fuzzers found a problem with (`fuzz/regressions/`, a rule file and a C file
//! joined by a NUL byte), run through the library as the `transform` fuzz target runs it: it
//! must finish, give the same result twice, and any new text must re-parse losslessly.

use cocci::driver::{build_engine, EngineConfig, FileInput};
use std::path::Path;
use std::sync::Arc;

fn transform(rule_text: &str, c_text: &str) -> Option<String> {
    let macros = Arc::new(c_parser::MacroTable::builtin());
    let rules = smpl_parser::parse_rule_file(Path::new("regression.cocci"), rule_text)
        .expect("the kept rule file parses");
    let config = EngineConfig::new(macros.clone());
    let engine = build_engine(Arc::new(rules), &config).expect("engine");
    let options = c_parser::ParseOptions { macros, smpl: None };
    let tree = c_parser::parse(c_text, &options);
    let input = FileInput {
        path: Path::new("regression.c"),
        text: c_text,
        tree: Some(&tree),
    };
    let new_text = engine.transform(&input).ok()?.new_text?;
    let reparsed = c_parser::parse(&new_text, &options);
    assert_eq!(reparsed.root.text().to_string(), new_text);
    Some(new_text)
}

#[test]
fn kept_fuzzer_inputs_finish_with_the_same_result_each_time() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "bin") {
            continue;
        }
        let data = std::fs::read(&path).expect("read");
        let split = data.iter().position(|&b| b == 0).expect("rule NUL C file");
        let rule = String::from_utf8_lossy(&data[..split]).into_owned();
        let c = String::from_utf8_lossy(&data[split + 1..]).into_owned();
        let first = transform(&rule, &c);
        assert_eq!(first, transform(&rule, &c), "{}", path.display());
        count += 1;
    }
    assert!(count > 0, "no kept inputs in {}", dir.display());
}
