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
            format!("int x = {};", vec!["a"; 500].join(" + ")),
        ),
        (
            "sum of 100k terms",
            format!("int x = {};", vec!["a"; 100_000].join(" + ")),
        ),
        ("else-if chain of 10k", else_if_chain(10_000)),
        (
            "stray `{` at top level",
            with_stray(&functions(1_700), "\n{\n", 1),
        ),
        (
            "stray `{` in a body",
            with_stray(&functions(1_700), "\t{\n", 2),
        ),
        (
            "stray `{` after an if",
            with_stray(&functions(1_700), "\tif (x) {\n", 2),
        ),
        (
            "stray `{`, braces on header lines",
            with_stray(&functions(1_700).replace(")\n{", ") {"), "\tif (x) {\n", 2),
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

/// `if (x == 0) ... else if (x == 1) ...` with `n` branches, in a function.
fn else_if_chain(n: usize) -> String {
    let mut s = String::from("int f(int x)\n{\n\tif (x == 0)\n\t\treturn 0;\n");
    for i in 1..n {
        s.push_str(&format!("\telse if (x == {i})\n\t\treturn {i};\n"));
    }
    s.push_str("\treturn -1;\n}\n");
    s
}

/// `n` kernel-style functions of ten lines each.
fn functions(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "static int f{i}(struct dev *d, int x)\n{{\n\tint rc = 0;\n\n\tif (x > {i}) {{\n\t\trc = g(d, x);\n\t\tx--;\n\t}}\n\treturn rc;\n}}\n\n"
            )
        })
        .collect()
}

/// `text` with `stray` inserted at the start of line `offset` of the function in its middle.
fn with_stray(text: &str, stray: &str, offset: usize) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = (lines.len() / 2 / 11) * 11 + offset;
    let mut out: String = lines[..at].concat();
    out.push_str(stray);
    out.push_str(&lines[at..].concat());
    out
}
