//! Properties of edit application and layout: no input makes them panic, and edits that do
//! not overlap give exactly the expected concatenation.

use proptest::prelude::*;
use rewriter::{apply_edits, Edit, Rewrite};

/// Cuts `text` into pieces at sorted offsets, and edits every other gap.
fn disjoint_edits(text: &str, cuts: &[usize], replacements: &[String]) -> (Vec<Edit>, String) {
    let mut points: Vec<usize> = cuts
        .iter()
        .map(|c| c % (text.len() + 1))
        .filter(|&c| text.is_char_boundary(c))
        .collect();
    points.push(0);
    points.push(text.len());
    points.sort_unstable();
    points.dedup();
    let mut edits = Vec::new();
    let mut expected = String::new();
    for (i, w) in points.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        if i % 2 == 0 {
            let rep = replacements
                .get(i % replacements.len().max(1))
                .cloned()
                .unwrap_or_default();
            expected.push_str(&rep);
            edits.push(Edit::replace(a..b, rep));
        } else {
            expected.push_str(&text[a..b]);
        }
    }
    (edits, expected)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn apply_edits_never_panics(text in "\\PC{0,40}", edits in prop::collection::vec((0usize..50, 0usize..50, "\\PC{0,5}"), 0..8)) {
        let edits: Vec<Edit> = edits.into_iter().map(|(a, b, r)| Edit::replace(a..b, r)).collect();
        let _ = apply_edits(&text, &edits);
    }

    #[test]
    fn disjoint_edits_concatenate(text in "[a-z\\n\\té]{0,60}", cuts in prop::collection::vec(0usize..80, 0..10),
                                  reps in prop::collection::vec("[A-Z]{0,4}", 1..5), shuffle in any::<u64>()) {
        let (mut edits, expected) = disjoint_edits(&text, &cuts, &reps);
        // Order of the edits does not matter.
        let len = edits.len();
        if len > 1 {
            edits.rotate_left((shuffle as usize) % len);
        }
        prop_assert_eq!(apply_edits(&text, &edits).unwrap(), expected);
    }

    #[test]
    fn layout_never_panics(text in "[a-zé(){};=, \\n\\t]{0,80}",
                           removals in prop::collection::vec((0usize..90, 0usize..6), 0..6),
                           additions in prop::collection::vec((0usize..90, 0u8..3, "[a-z(){};\\n ]{0,12}"), 0..4),
                           body in prop::option::of((0usize..90, 0usize..10))) {
        let mut rw = Rewrite::new(&text);
        for (start, len) in removals {
            rw.remove(start..start + len);
        }
        for (at, kind, code) in additions {
            let at = at.min(text.len());
            match kind {
                0 => rw.add_inline(at, code),
                1 => rw.add_lines_before(at, code),
                _ => rw.add_lines_after(at, code),
            }
        }
        if let Some((start, len)) = body {
            rw.mark_unbraced_body(start..start + len);
        }
        let _ = rw.apply();
    }
}

proptest! {
    #[test]
    fn text_helpers_never_panic(before in "\\PC{0,30}", code in "\\PC{0,30}", after in "\\PC{0,30}") {
        let _ = rewriter::lay_out_expression(&code);
        let _ = rewriter::AddedCode::from(code.as_str()).lines();
        let _ = rewriter::unified_diff(&before, &after, "a", "b", 3);
    }
}
