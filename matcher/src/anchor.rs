//! Anchored search: a pattern element that names an identifier can only match C code that
//! contains it, so the search tries the nodes above that identifier's occurrences instead
//! of every node of the tree (spatch's "worth trying" check, taken down to the node).
//!
//! The occurrences are found in the text and resolved to tokens through the tree: a rule
//! names a handful of identifiers, so a text search costs far less than indexing every
//! identifier of a tree that is re-parsed after each rule that changes it (the index was
//! 28% of the copy-client conversion's time, most of it allocating and freeing).

use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken};
use rowan::{TextRange, TextSize};
use std::collections::HashSet;

/// Tokens whose text is one of `names`, in text order. `text` is the text of `root`.
fn occurrences(root: &SyntaxNode, text: &str, names: &[String]) -> Vec<SyntaxToken> {
    if usize::from(root.text_range().end()) != text.len() || root.text_range().start() != 0.into() {
        // Not the tree of this text: look at every token instead.
        return root
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| is_word(t) && names.iter().any(|n| n == t.text()))
            .collect();
    }
    let bytes = text.as_bytes();
    let is_ident_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut out: Vec<SyntaxToken> = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        for start in memchr::memmem::find_iter(bytes, name.as_bytes()) {
            let end = start + name.len();
            let glued_before = start > 0 && is_ident_byte(bytes[start - 1]);
            let glued_after = end < bytes.len() && is_ident_byte(bytes[end]);
            if glued_before || glued_after {
                continue;
            }
            let (Ok(s), Ok(e)) = (u32::try_from(start), u32::try_from(end)) else {
                continue;
            };
            let range = TextRange::new(TextSize::from(s), TextSize::from(e));
            // In a comment or a string the covering element is wider than the name.
            if let Some(tok) = root.covering_element(range).into_token() {
                if tok.text_range() == range && is_word(&tok) {
                    out.push(tok);
                }
            }
        }
    }
    out.sort_by_key(|t| t.text_range().start());
    out
}

fn is_word(tok: &SyntaxToken) -> bool {
    tok.kind() == SyntaxKind::IDENT || tok.kind().is_keyword()
}

/// The nodes that contain an occurrence of one of `names`, in the order
/// `root.descendants()` gives them (preorder). `text` is the text of `root`.
pub fn nodes_above(root: &SyntaxNode, text: &str, names: &[String]) -> Vec<SyntaxNode> {
    let mut seen: HashSet<SyntaxNode> = HashSet::new();
    let mut out: Vec<(usize, usize, SyntaxNode)> = Vec::new();
    for tok in occurrences(root, text, names) {
        for node in tok.parent_ancestors() {
            if !seen.insert(node.clone()) {
                break;
            }
            let start = usize::from(node.text_range().start());
            let depth = node.ancestors().count();
            out.push((start, depth, node));
        }
    }
    // Preorder: by start, a parent before the children that start with it.
    out.sort_by_key(|(start, depth, _)| (*start, *depth));
    out.into_iter().map(|(_, _, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "int f(void)\n{\n",
        "}\n",
        "\tkfree(p);\n",
        "\tif (p)\n\t\tkfree(q->p);\n",
        "/* kfree */",
        "\tx = kfree_all(p, kfree);\n",
        "#define K kfree(p)\n",
        "\t\"kfree\";\n",
        "\n",
        "static void *p;\n",
        "\twhile (p) { p = p->next; }\n",
        "\tfoo(\n",
        ")",
    ];

    proptest! {
        /// The nodes above the names' tokens are the preorder nodes holding one of them.
        #[test]
        fn nodes_above_are_the_preorder_nodes_holding_a_name(
            picks in proptest::collection::vec(0..PIECES.len(), 0..12)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let parse = c_parser::parse(&text, &c_parser::ParseOptions::default());
            let names = ["kfree".to_string(), "p".to_string()];
            let holds_name = |n: &SyntaxNode| {
                n.descendants_with_tokens()
                    .filter_map(|e| e.into_token())
                    .any(|t| is_word(&t) && names.iter().any(|name| name == t.text()))
            };
            let expected: Vec<SyntaxNode> =
                parse.root.descendants().filter(|n| holds_name(n)).collect();
            prop_assert_eq!(nodes_above(&parse.root, &text, &names), expected);
        }
    }
}
