//! Doubling series for applying many edits to one file: layout (`Rewrite::into_edits`), the
//! token-seam pass and check, `apply_edits` and `unified_diff`. Each size should take about
//! twice as long as the one before (O(n log n)); a ratio near 4 means a quadratic part.
//!
//!     cargo bench -p rewriter --bench edits_scaling

use rewriter::{apply_edits, check_token_boundaries, unified_diff, Rewrite};
use std::time::{Duration, Instant};

/// A C file of `n` small functions, each with a call to rename, a statement to replace in an
/// unbraced `if`, and an argument to change.
fn generated_file(n: usize) -> String {
    let mut text = String::from("#include <linux/slab.h>\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "static int f{i}(struct obd_device *obd, int rc)\n{{\n\tif (rc)\n\t\treturn(rc);\n\told_call(obd, {i});\n\treturn 0;\n}}\n\n"
        ));
    }
    text
}

/// One edit per function of each kind: 3n edits.
fn rewrite(text: &str) -> Rewrite<'_> {
    let mut rw = Rewrite::new(text);
    let mut from = 0;
    while let Some(p) = text[from..].find("\t\treturn(rc);") {
        let at = from + p + 2;
        // `return(rc);` → the parentheses go; a line is added in the unbraced body.
        rw.remove(at + 6..at + 7);
        rw.remove(at + 9..at + 10);
        rw.mark_unbraced_body(at..at + 11);
        rw.add_lines_before(at, "trace(rc);");
        let call = at + text[at..].find("old_call").unwrap_or(0);
        rw.remove(call..call + 8);
        rw.add_inline(call, "new_call");
        from = call + 8;
    }
    rw
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    println!(
        "{:>7} {:>7} {:>10} {:>10} {:>10} {:>10}",
        "funcs", "edits", "layout", "apply", "check", "diff"
    );
    for n in [1000, 2000, 4000, 8000, 16000] {
        let text = generated_file(n);
        let (edits, layout) = time(|| rewrite(&text).into_edits().expect("edits"));
        let (new_text, apply) = time(|| apply_edits(&text, &edits).expect("apply"));
        let (checked, check) = time(|| check_token_boundaries(&text, &edits, &new_text));
        assert!(checked.is_ok(), "{checked:?}");
        let (diff, diff_time) = time(|| unified_diff(&text, &new_text, "a/f.c", "b/f.c", 3));
        assert!(!diff.is_empty());
        println!(
            "{:>7} {:>7} {:>9.3}s {:>9.3}s {:>9.3}s {:>9.3}s",
            n,
            edits.len(),
            layout.as_secs_f64(),
            apply.as_secs_f64(),
            check.as_secs_f64(),
            diff_time.as_secs_f64()
        );
    }
}
