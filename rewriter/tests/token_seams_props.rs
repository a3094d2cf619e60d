//! Token-exact rewriting: whatever is removed and whatever plus code is added, the new text
//! re-lexes as exactly the kept tokens with the plus tokens in their places: no two tokens
//! glued (`return` + `rc` → `returnrc`), none split.

use c_parser::{lex, LexMode, SyntaxKind};
use proptest::prelude::*;
use rewriter::{check_token_boundaries, Rewrite};

/// Tokens that glue easily: words next to words, operators that extend each other, numbers
/// that take letters and dots.
const POOL: &[&str] = &[
    "return", "sizeof", "if", "int", "case", "goto", "rc", "x", "foo", "_a1", "L", "0", "1",
    "0x1f", "1.5", "1e", "-", "+", "*", "&", "!", "~", "<", ">", "=", "/", ".", "->", "++", "--",
    "<<", "&&", "|", "||", "==", "(", ")", "[", "]", ";", "\"s\"", "'c'", "%", ":", "?", "...",
];

/// Plus code of `tokens`: laid out from the tree c-parser gives them (mostly an error tree:
/// the pool's tokens in random order), which must keep each token whole.
fn join_tokens(tokens: &[&str]) -> String {
    rewriter::lay_out_expression(&tokens.join(" "))
}

/// The significant tokens of `text` (no spaces, line breaks or comments).
fn significant(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pos = 0;
    for t in lex(text, LexMode::C) {
        let end = pos + t.len as usize;
        if !matches!(
            t.kind,
            SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE | SyntaxKind::COMMENT
        ) {
            out.push(text[pos..end].to_string());
        }
        pos = end;
    }
    out
}

/// The significant tokens with their byte ranges.
fn token_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for t in lex(text, LexMode::C) {
        let end = pos + t.len as usize;
        if !matches!(
            t.kind,
            SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE | SyntaxKind::COMMENT
        ) {
            out.push(pos..end);
        }
        pos = end;
    }
    out
}

/// What happens at one token of the original: kept, removed, replaced by plus tokens; and
/// plus tokens added before it.
#[derive(Clone, Debug)]
struct TokenChange {
    remove: bool,
    replace_by: Vec<&'static str>,
    add_before: Vec<&'static str>,
}

fn token_change() -> impl Strategy<Value = TokenChange> {
    let plus = prop::collection::vec(prop::sample::select(POOL), 0..4);
    (0u8..10, plus.clone(), plus).prop_map(|(roll, replace_by, add_before)| TokenChange {
        remove: roll < 3,
        replace_by: if roll == 0 { replace_by } else { Vec::new() },
        add_before: if roll >= 8 { add_before } else { Vec::new() },
    })
}

/// Original code: pool tokens with no space, one space or a line break between them.
fn original_code() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(POOL), 0u8..4), 1..16).prop_map(|parts| {
        let mut text = String::from("\t");
        for (token, sep) in parts {
            text.push_str(token);
            text.push_str(match sep {
                0 | 1 => "",
                2 => " ",
                _ => "\n\t",
            });
        }
        text.push('\n');
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn rewritten_code_relexes_as_asked(
        text in original_code(),
        changes in prop::collection::vec(token_change(), 16),
    ) {
        let ranges = token_ranges(&text);
        let mut rw = Rewrite::new(&text);
        let mut expected: Vec<String> = Vec::new();
        for (range, change) in ranges.iter().zip(changes.iter().cycle()) {
            if !change.add_before.is_empty() {
                let code = join_tokens(&change.add_before);
                expected.extend(significant(&code));
                rw.add_inline(range.start, code);
            }
            if change.remove {
                rw.remove(range.clone());
                if !change.replace_by.is_empty() {
                    let code = join_tokens(&change.replace_by);
                    expected.extend(significant(&code));
                    rw.add_inline(range.start, code);
                }
            } else {
                expected.push(text[range.clone()].to_string());
            }
        }
        let edits = rw.into_edits().expect("edits apply");
        let new_text = rewriter::apply_edits(&text, &edits).expect("edits apply");
        prop_assert_eq!(significant(&new_text), expected, "new text {:?}", new_text);
        prop_assert!(check_token_boundaries(&text, &edits, &new_text).is_ok());
    }

    #[test]
    fn plus_code_joins_as_its_tokens(tokens in prop::collection::vec(prop::sample::select(POOL), 1..10)) {
        let code = join_tokens(&tokens);
        let expected: Vec<String> = tokens.iter().flat_map(|t| significant(t)).collect();
        prop_assert_eq!(significant(&code), expected, "joined {:?}", code);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Any text, any edits (inside comments, strings, directives, characters of several
    /// bytes): the seam pass and the check never panic.
    #[test]
    fn seams_never_panic(
        text in "(\\PC|[#/*\"'\\\\\n ]){0,60}",
        cuts in prop::collection::vec((0usize..80, 0usize..80, "(\\PC|[#/*\"'\\\\\n ]){0,6}"), 0..6),
    ) {
        let mut edits = Vec::new();
        for (a, b, rep) in cuts {
            let (mut a, mut b) = (a.min(text.len()), b.min(text.len()));
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            while !text.is_char_boundary(a) {
                a -= 1;
            }
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            edits.push(rewriter::Edit::replace(a..b, rep));
        }
        if let Ok(edits) = rewriter::normalize_edits(&text, &edits) {
            let edits = rewriter::separate_tokens(&text, edits);
            let new_text = rewriter::apply_edits(&text, &edits).expect("still disjoint");
            let _ = check_token_boundaries(&text, &edits, &new_text);
        }
    }
}

/// Lines of kernel-style C with what makes lexing depend on where it starts: block comments
/// over several lines, directives continued with `\`, strings, line comments.
const LINES: &[&str] = &[
    "\tif (rc)\n",
    "\t\treturn rc;\n",
    "\tx = y->z + 1;\n",
    "/* a comment\n",
    " * that runs on */\n",
    "#define F(a) \\\n",
    "\tg(a)\n",
    "\ts = \"a /* b\";\n",
    "\t// note\n",
    "\n",
    "int f(void)\n",
    "{\n",
    "}\n",
    "\tn = 'c' - -m;\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// With the text's tree, the seams are lexed near the edits only; the edits that come
    /// out are those of lexing the whole text.
    #[test]
    fn seams_near_the_edits_are_the_seams_of_the_whole_text(
        lines in prop::collection::vec(prop::sample::select(LINES), 1..24),
        cuts in prop::collection::vec(
            (0usize..400, 0usize..6, prop::sample::select(POOL)),
            1..5,
        ),
    ) {
        let text: String = lines.concat();
        let mut edits = Vec::new();
        for (at, len, code) in cuts {
            let a = at.min(text.len());
            let b = (a + len).min(text.len());
            edits.push(rewriter::Edit::replace(a..b, code));
        }
        let Ok(edits) = rewriter::normalize_edits(&text, &edits) else {
            return Ok(());
        };
        let tree = c_parser::parse(&text, &c_parser::ParseOptions::default()).root;
        let whole = rewriter::separate_tokens(&text, edits.clone());
        let near = rewriter::separate_tokens_in_tree(&text, edits, Some(&tree));
        prop_assert_eq!(near, whole);
    }
}
