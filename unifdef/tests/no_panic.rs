//! No byte sequence makes the stripper panic or overflow the stack, whatever the flags.

use proptest::prelude::*;

fn option_sets() -> Vec<unifdef::Options> {
    let mut base = unifdef::Options::default();
    base.symbols.define("A", None);
    base.symbols.undefine("B");
    base.symbols.define("C", Some("2"));
    base.symbols.define("D", Some("A"));
    base.symbols.set(b"E", Some(b"1"), true);
    let mut sets = vec![base.clone()];
    let mut k = base.clone();
    k.process_constants = true;
    k.compress_blanks = true;
    k.line_directives = true;
    sets.push(k);
    let mut t = base.clone();
    t.text_mode = true;
    t.complement = true;
    t.blank_removed = true;
    t.ignore_multiline = true;
    t.strict_logic = true;
    sets.push(t);
    sets
}

fn exercise(bytes: &[u8]) {
    for options in option_sets() {
        let _ = unifdef::strip_file(bytes, &options, Some("f.c"));
        let _ = unifdef::list_symbols(bytes, &options, unifdef::ListStyle::Lines);
    }
}

/// Pieces that reach the interesting states more often than uniform bytes do.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..8),
        Just(b"#if ".to_vec()),
        Just(b"#ifdef A\n".to_vec()),
        Just(b"#elif ".to_vec()),
        Just(b"#else\n".to_vec()),
        Just(b"#endif\n".to_vec()),
        Just(b"defined(".to_vec()),
        Just(b"/*".to_vec()),
        Just(b"*/".to_vec()),
        Just(b"\\\n".to_vec()),
        Just(b"\\\r\n".to_vec()),
        Just(b"'\"".to_vec()),
        Just(b" && ".to_vec()),
        Just(b"(((".to_vec()),
        Just(b")".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\0".to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_do_not_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        exercise(&bytes);
    }

    #[test]
    fn directive_soup_does_not_panic(pieces in proptest::collection::vec(piece(), 0..80)) {
        exercise(&pieces.concat());
    }
}

#[test]
fn deep_expressions_do_not_overflow_the_stack() {
    for unit in [&b"("[..], b"!", b"!(", b"defined(A) && ("] {
        let mut text = b"#if ".to_vec();
        for _ in 0..200_000 {
            text.extend_from_slice(unit);
        }
        text.extend_from_slice(b"\nx\n#endif\n");
        exercise(&text);
    }
    let deep: Vec<u8> = b"#ifdef A\n".repeat(10_000);
    exercise(&deep);
}
