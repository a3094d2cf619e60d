//! The SmPL rule-file parser: never panics (bad rules are diagnostics, not crashes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = smpl_parser::parse_rule_file(Path::new("fuzz.cocci"), text);
});
