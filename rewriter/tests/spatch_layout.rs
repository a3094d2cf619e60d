//! Layout against spatch 1.1.1's own output (`tests/spatch/*.res`, written by spatch; see the
//! README there). Each test makes the changes the matcher reports for the fixture's rule.

use rewriter::{check_token_boundaries, Rewrite};
use std::ops::Range;

/// Every occurrence of `needle`, as byte ranges.
fn all(text: &str, needle: &str) -> Vec<Range<usize>> {
    text.match_indices(needle)
        .map(|(at, _)| at..at + needle.len())
        .collect()
}

/// Applies a rewrite, checking the token seams on the way.
fn applied(text: &str, rw: Rewrite<'_>) -> String {
    let edits = rw.into_edits().expect("edits");
    let out = rewriter::apply_edits(text, &edits).expect("apply");
    check_token_boundaries(text, &edits, &out).expect("token seams");
    out
}

#[test]
fn not_null_test_replaced_inside_parentheses() {
    // `- E == NULL + !E`, also through the `NULL == E` isomorphism: the test is removed token
    // by token and `!E` is written where it began.
    let text = include_str!("spatch/not_null_in_parentheses.c");
    let mut rw = Rewrite::new(text);
    for name in ["a", "b", "sbi", "d"] {
        for test in all(text, &format!("{name} == NULL")) {
            let tokens = [
                test.start..test.start + name.len(),
                test.end - 7..test.end - 5,
                test.end - 4..test.end,
            ];
            for t in tokens {
                rw.remove(t);
            }
            rw.add_inline(test.start, format!("!{name}"));
        }
    }
    let test = all(text, "NULL == c")[0].clone();
    for t in [
        test.start..test.start + 4,
        test.start + 5..test.start + 7,
        test.end - 1..test.end,
    ] {
        rw.remove(t);
    }
    rw.add_inline(test.start, "!c");
    assert_eq!(
        applied(text, rw),
        include_str!("spatch/not_null_in_parentheses.res")
    );
}

#[test]
fn braces_added_around_a_body_after_a_comment() {
    // `foo(E); + bar(E);`: a line after each call, each call the unbraced body of its `if` or
    // `while`, some with comments on the header's line, on lines of their own, or after.
    let text = include_str!("spatch/braces_after_comment.c");
    let mut rw = Rewrite::new(text);
    for call in all(text, "foo(x);") {
        rw.mark_unbraced_body(call.clone());
        rw.add_lines_after(call.end, "bar(x);");
    }
    assert_eq!(
        applied(text, rw),
        include_str!("spatch/braces_after_comment.res")
    );
}
