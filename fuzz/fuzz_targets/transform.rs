//! The whole transformation through the `cocci` library: a rule file and a C file from the
//! fuzzer's bytes (split at the first NUL byte: rule, then C). Never panics; whatever new text
//! comes out parses without panicking.
#![no_main]

use cocci::driver::{build_engine, EngineConfig, FileInput};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::{Arc, OnceLock};

fuzz_target!(|data: &[u8]| {
    static MACROS: OnceLock<Arc<c_parser::MacroTable>> = OnceLock::new();
    let macros = MACROS.get_or_init(|| Arc::new(c_parser::MacroTable::builtin()));
    let Some(split) = data.iter().position(|&b| b == 0) else {
        return;
    };
    let (Ok(rule_text), Ok(c_text)) = (
        std::str::from_utf8(&data[..split]),
        std::str::from_utf8(&data[split + 1..]),
    ) else {
        return;
    };
    let Ok(rules) = smpl_parser::parse_rule_file(Path::new("fuzz.cocci"), rule_text) else {
        return;
    };
    let config = EngineConfig::new(macros.clone());
    let Ok(engine) = build_engine(Arc::new(rules), &config) else {
        return;
    };
    let options = c_parser::ParseOptions {
        macros: macros.clone(),
        smpl: None,
    };
    let tree = c_parser::parse(c_text, &options);
    let input = FileInput {
        path: Path::new("fuzz.c"),
        text: c_text,
        tree: Some(&tree),
    };
    if let Ok(result) = engine.transform(&input) {
        if let Some(new_text) = result.new_text {
            let reparsed = c_parser::parse(&new_text, &options);
            assert_eq!(reparsed.root.text().to_string(), new_text);
        }
    }
});
