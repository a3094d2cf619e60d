//! Times the parser on pathological inputs (deep nesting, unbalanced brackets, long chains):
//! `cargo run --release -p c-parser --example pathological`.

use c_parser::{parse, ParseOptions};
use std::time::Instant;

fn main() {
    let cases: Vec<(&str, String)> = vec![
        ("open parens", "(".repeat(100_000)),
        ("open braces", "{".repeat(100_000)),
        (
            "call opens in body",
            format!("void f(void) {{ {} }}", "g(".repeat(50_000)),
        ),
        (
            "statements with unclosed call",
            format!("void f(void) {{ {} }}", "g(x; ".repeat(30_000)),
        ),
        ("top-level unclosed macros", "FOO(x\n".repeat(30_000)),
        ("casts", format!("int x = {}y;", "(u32)".repeat(50_000))),
        (
            "ifdef else soup",
            "#ifdef A\nint f(void) {\n#else\nint g(void) {\n#endif\n".repeat(5_000),
        ),
        ("brackets", "a[".repeat(50_000)),
        (
            "iterator opens",
            format!(
                "void f(void) {{ {} }}",
                "list_for_each(a, b) ".repeat(30_000)
            ),
        ),
        ("struct opens", "struct a {".repeat(30_000)),
        (
            "long chain",
            format!("int x = {};", vec!["a"; 100_000].join(" + ")),
        ),
    ];
    for (name, text) in cases {
        let t = Instant::now();
        let p = parse(&text, &ParseOptions::default());
        let ok = p.root.text().to_string() == text;
        println!(
            "{name:32} {:>8} bytes {:>8.3}s errors {:>6} round-trip {ok}",
            text.len(),
            t.elapsed().as_secs_f64(),
            p.errors.len()
        );
    }
}
