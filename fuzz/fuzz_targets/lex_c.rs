//! The C lexer, in C and SmPL mode: never panics, and its tokens cover the input exactly.
#![no_main]

use c_parser::{lex, LexMode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for mode in [LexMode::C, LexMode::Smpl] {
        let tokens = lex(text, mode);
        let covered: usize = tokens.iter().map(|t| t.len as usize).sum();
        assert_eq!(covered, text.len(), "tokens must cover the text ({mode:?})");
        assert!(tokens.iter().all(|t| t.len > 0), "no empty token ({mode:?})");
    }
});
