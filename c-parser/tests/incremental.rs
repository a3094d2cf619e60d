//! The spliced tree after an incremental re-parse is the tree a full parse gives: for edits
//! the incremental path handles (and then splices) and for those it refuses (and then parses
//! the whole file).

use c_parser::incremental::{IncrementalTree, Reparsed, TextChange};
use c_parser::{lex, parse, LexMode, ParseOptions};
use proptest::prelude::*;

/// A file in the style of a kernel driver: typedefs (one used as a type only the typedef
/// makes a type), an annotation macro, conditionals inside and between functions, an
/// iterator macro, a declarer, a K&R-free mix of items.
const DRIVER: &str = r#"/* SPDX-License-Identifier: GPL-2.0 */
#include <linux/slab.h>
#define __dev_only
#define RING_SIZE 64

typedef struct ring_slot slot_t;
typedef int ring_id;
typedef unsigned long (*ring_hash_fn)(const void *key, int len);

struct ring {
	slot_t *slots;
	int head, tail;
	ring_hash_fn hash;
};

static DEFINE_SPINLOCK(ring_lock);

static int __dev_only ring_init(struct ring *r, int n)
{
	slot_t *s;

	r->slots = kcalloc(n, sizeof(*s), GFP_KERNEL);
	if (r->slots == NULL)
		return -ENOMEM;
	r->head = r->tail = 0;
	return 0;
}

#ifdef CONFIG_RING_DEBUG
static void ring_dump(struct ring *r)
{
	int i;

	for (i = r->tail; i != r->head; i = (i + 1) % RING_SIZE)
		pr_info("slot %d: %p\n", i, &r->slots[i]);
}
#else
static inline void ring_dump(struct ring *r) { }
#endif

static void ring_fini(struct ring *r)
{
	slot_t *s = r->slots;

	spin_lock(&ring_lock);
	r->slots = NULL;
	spin_unlock(&ring_lock);
#if 0
	memset(s, 0, RING_SIZE);
#endif
	kfree(s);
}

int ring_push(struct ring *r, slot_t *item)
{
	unsigned long h;

	if ((r->head + 1) % RING_SIZE == r->tail)
		return -EBUSY;
	h = r->hash ? r->hash(item, sizeof(*item)) : 0;
	list_for_each_entry(item, &r->list, link) {
		if (item->hash == h)
			return -EEXIST;
	}
	r->slots[r->head] = *item;
	r->head = (r->head + 1) % RING_SIZE;
	return 0;
}
EXPORT_SYMBOL(ring_push);

static int ring_cast(void *p)
{
	int len = 2;

	return (ring_id)-1 + (len) - 1 + (p != NULL);
}
"#;

/// Replacements in the spirit of a rule's output, and some that break things on purpose
/// (an open comment, a bracket, a directive, a typedef).
const REPLACEMENTS: &[&str] = &[
    "x",
    "kfree(p)",
    "kmalloc(n, GFP_NOFS)",
    "r->head",
    ";",
    "",
    "\n",
    "\tkvfree(s);\n",
    "{",
    "}",
    "(",
    "/* gone */",
    "/*",
    "\"",
    "#define EMPTY\n",
    "#ifdef X\n",
    "typedef long ring_key;\n",
    "slot_t *q;\n",
    "if (r)\n\t\treturn 1;\n",
];

fn full(text: &str) -> c_parser::Parse {
    parse(text, &ParseOptions::default())
}

/// Applies `changes` (sorted, disjoint) to `text` and re-parses incrementally; asserts the
/// result is a full parse's.
fn check(text: &str, changes: &[(std::ops::Range<usize>, &str)]) -> Reparsed {
    let mut new = String::new();
    let mut at = 0;
    for (range, replacement) in changes {
        new.push_str(&text[at..range.start]);
        new.push_str(replacement);
        at = range.end;
    }
    new.push_str(&text[at..]);
    let changes: Vec<TextChange> = changes
        .iter()
        .map(|(r, s)| TextChange {
            old: r.clone(),
            new_len: s.len(),
        })
        .collect();
    let mut tree = IncrementalTree::new(full(text));
    let expected = full(&new);
    // The errors alone, without the tree, are the full parse's too, and come the same way.
    let (errors, errors_how) = tree.errors_after(text, &new, &changes, &ParseOptions::default());
    assert_eq!(errors, expected.errors, "{errors_how:?}");
    assert_eq!(tree.parse().root.to_string(), text);
    let how = tree.apply(text, &new, &changes, &ParseOptions::default());
    assert_eq!(how, errors_how);
    assert_eq!(tree.parse().root.to_string(), new, "{how:?}");
    assert_eq!(
        c_parser::debug_tree(&tree.parse().root),
        c_parser::debug_tree(&expected.root),
        "{how:?} for {new}"
    );
    assert_eq!(tree.parse().errors, expected.errors, "{how:?}");
    // A whole text's parse knows exactly whether it left a token inactive; after a splice
    // the flag may only stay set for nothing.
    assert_eq!(expected.inactive, holds_inactive(&expected.root));
    assert!(tree.parse().inactive || !holds_inactive(&tree.parse().root));
    how
}

fn holds_inactive(root: &c_parser::SyntaxNode) -> bool {
    root.descendants_with_tokens()
        .any(|e| e.kind() == c_parser::SyntaxKind::INACTIVE)
}

fn range_of(text: &str, needle: &str) -> std::ops::Range<usize> {
    let start = text.find(needle).unwrap();
    start..start + needle.len()
}

#[test]
fn an_edit_inside_a_function_is_spliced() {
    let how = check(DRIVER, &[(range_of(DRIVER, "kcalloc"), "kzalloc")]);
    assert!(matches!(how, Reparsed::Spliced { .. }), "{how:?}");
    // Next to an `#if 0` and an `#ifdef`: the inactive code stays inactive.
    let how = check(DRIVER, &[(range_of(DRIVER, "kfree(s)"), "kvfree(s)")]);
    assert!(matches!(how, Reparsed::Spliced { .. }), "{how:?}");
    let how = check(DRIVER, &[(range_of(DRIVER, "i = r->tail"), "i = 0")]);
    assert!(matches!(how, Reparsed::Spliced { .. }), "{how:?}");
}

#[test]
fn a_cast_to_a_typedef_name_declared_earlier_is_spliced_as_a_cast() {
    // `(ring_id)-1` is a cast only because `ring_id` is a typedef of the file: without the
    // typedef, the same text is a subtraction.
    let without = DRIVER.replace("typedef int ring_id;\n", "");
    let cast_tree = |text: &str| {
        let tree = c_parser::debug_tree(&full(text).root);
        tree.contains("CAST_EXPR")
    };
    assert!(cast_tree(DRIVER) && !cast_tree(&without));
    let how = check(DRIVER, &[(range_of(DRIVER, "p != NULL"), "p != 0")]);
    assert!(matches!(how, Reparsed::Spliced { .. }), "{how:?}");
}

#[test]
fn a_cast_to_a_type_named_by_a_define_is_spliced_as_a_cast() {
    let text = "#define REG16 unsigned short\n\nint f(int *p)\n{\n\treturn (REG16) *p;\n}\n\n\
                int g(int *p)\n{\n\treturn (REG16) *p;\n}\n";
    assert!(c_parser::debug_tree(&full(text).root).contains("CAST_EXPR"));
    let at = text.rfind("*p").unwrap();
    let how = check(text, &[(at..at + 2, "p[1]")]);
    assert!(matches!(how, Reparsed::Spliced { .. }), "{how:?}");
}

#[test]
fn edits_in_several_functions_are_spliced_in_one_tree() {
    let how = check(
        DRIVER,
        &[
            (range_of(DRIVER, "kcalloc"), "kzalloc"),
            (range_of(DRIVER, "EBUSY"), "EAGAIN"),
            (range_of(DRIVER, "EXPORT_SYMBOL"), "EXPORT_SYMBOL_GPL"),
        ],
    );
    assert!(matches!(how, Reparsed::Spliced { .. }), "{how:?}");
}

#[test]
fn an_added_typedef_or_conditional_parses_the_whole_file() {
    let at = range_of(DRIVER, "\tr->slots = NULL;\n");
    for added in ["typedef int ring_key;\n", "#ifdef X\n"] {
        let how = check(DRIVER, &[(at.start..at.start, added)]);
        assert!(matches!(how, Reparsed::Full(_)), "{how:?}");
    }
}

#[test]
fn an_unclosed_comment_parses_the_whole_file() {
    let at = range_of(DRIVER, "kfree(s);");
    let how = check(DRIVER, &[(at.start..at.start, "/* ")]);
    assert!(matches!(how, Reparsed::Full(_)), "{how:?}");
}

/// Token boundaries of the fixture: where random edits start and end.
fn boundaries(text: &str) -> Vec<usize> {
    let mut at = 0;
    let mut out = vec![0];
    for t in lex(text, LexMode::C) {
        at += t.len as usize;
        out.push(at);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_edits_give_the_full_parse(
        picks in proptest::collection::vec(
            (any::<prop::sample::Index>(), 0usize..4, any::<prop::sample::Index>()),
            1..5,
        )
    ) {
        let bounds = boundaries(DRIVER);
        let mut changes: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        let mut starts: Vec<(usize, usize, usize)> = picks
            .iter()
            .map(|(at, len, with)| {
                let i = at.index(bounds.len());
                let j = (i + len).min(bounds.len() - 1);
                (bounds[i], bounds[j], with.index(REPLACEMENTS.len()))
            })
            .collect();
        starts.sort();
        let mut end = 0;
        for (s, e, w) in starts {
            if s < end || (s == e && s == end && !changes.is_empty()) {
                continue;
            }
            changes.push((s..e, REPLACEMENTS[w]));
            end = e;
        }
        check(DRIVER, &changes);
    }
}

#[test]
fn each_token_replaced_in_turn_gives_the_full_parse_and_mostly_splices() {
    let bounds = boundaries(DRIVER);
    let (mut spliced, mut full_parses) = (0, 0);
    for pair in bounds.windows(2).step_by(3) {
        let token = &DRIVER[pair[0]..pair[1]];
        if token.trim().is_empty() {
            continue;
        }
        match check(DRIVER, &[(pair[0]..pair[1], "x")]) {
            Reparsed::Spliced { .. } => spliced += 1,
            Reparsed::Full(_) => full_parses += 1,
        }
    }
    // Many replacements break the syntax (`x` for a bracket) or touch a typedef or a
    // directive, and those parse the whole file; the rest splice.
    assert!(
        spliced > full_parses,
        "{spliced} spliced, {full_parses} full"
    );
}
