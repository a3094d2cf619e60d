//! The C parser with the built-in macro table: never panics, and the tree is lossless.
#![no_main]

use c_parser::{parse, MacroTable, ParseOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

fuzz_target!(|data: &[u8]| {
    static OPTIONS: OnceLock<ParseOptions> = OnceLock::new();
    let options = OPTIONS.get_or_init(|| ParseOptions {
        macros: Arc::new(MacroTable::builtin()),
        smpl: None,
    });
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse(text, options);
    assert_eq!(parsed.root.text().to_string(), text, "the tree must hold the text");
});
