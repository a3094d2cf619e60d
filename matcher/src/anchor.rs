//! Anchored search: a pattern element that names an identifier can only match C code that
//! contains it, so the search tries the nodes above that identifier's occurrences instead
//! of every node of the tree (spatch's "worth trying" check, taken down to the node).
//!
//! The occurrences come from one index per tree, built on first use and kept while the same
//! tree is searched by rule after rule.

use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// The identifier-like tokens of one tree by text.
struct TokenIndex {
    root: SyntaxNode,
    by_text: HashMap<String, Vec<SyntaxToken>>,
}

thread_local! {
    static INDEX: RefCell<Option<TokenIndex>> = const { RefCell::new(None) };
}

/// Tokens whose text is one of `names`, in text order.
fn occurrences(root: &SyntaxNode, names: &[String]) -> Vec<SyntaxToken> {
    INDEX.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.as_ref().is_none_or(|ix| &ix.root != root) {
            *cell = Some(build(root));
        }
        let Some(ix) = cell.as_ref() else {
            return Vec::new();
        };
        let mut out: Vec<SyntaxToken> = names
            .iter()
            .filter_map(|n| ix.by_text.get(n))
            .flatten()
            .cloned()
            .collect();
        out.sort_by_key(|t| t.text_range().start());
        out
    })
}

fn build(root: &SyntaxNode) -> TokenIndex {
    let mut by_text: HashMap<String, Vec<SyntaxToken>> = HashMap::new();
    for tok in root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
    {
        let word = tok.kind() == SyntaxKind::IDENT || tok.kind().is_keyword();
        if word {
            by_text.entry(tok.text().to_string()).or_default().push(tok);
        }
    }
    TokenIndex {
        root: root.clone(),
        by_text,
    }
}

/// The nodes that contain an occurrence of one of `names`, in the order
/// `root.descendants()` gives them (preorder).
pub fn nodes_above(root: &SyntaxNode, names: &[String]) -> Vec<SyntaxNode> {
    let mut seen: HashSet<SyntaxNode> = HashSet::new();
    let mut out: Vec<(usize, usize, SyntaxNode)> = Vec::new();
    for tok in occurrences(root, names) {
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
