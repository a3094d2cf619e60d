//! Declarations in added code built from a type metavariable and several names (`T a, b;`)
//! or an array type (`T x;` with `T` bound to `char [16]`): each name gets its own declarator.

use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken};

/// `T a, b;` with T a type metavariable: spatch writes one declaration per declarator
/// (`int *a;` and `int *b;`, each with T's pointers and dimensions), on lines of their own.
/// `suffixes` are array dimensions already written after the names (`a[2]`).
pub(super) fn distribute_declarators(
    raw: &str,
    type_placeholders: &[&str],
    suffixes: &[String],
) -> Option<String> {
    let content = raw.trim();
    let indent = raw
        .lines()
        .find(|l| !l.trim().is_empty())
        .map_or("", |l| &l[..l.len() - l.trim_start().len()]);
    let ty = type_placeholders.iter().find(|t| {
        content
            .strip_prefix(**t)
            .is_some_and(|r| r.starts_with(' '))
    })?;
    let names = content[ty.len()..].trim().strip_suffix(';')?;
    let names: Vec<&str> = names.split(',').map(str::trim).collect();
    let plain = |n: &str| {
        let n = suffixes
            .iter()
            .find_map(|s| n.strip_suffix(s.as_str()))
            .unwrap_or(n);
        !n.is_empty()
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !n.starts_with(|c: char| c.is_ascii_digit())
    };
    if names.len() < 2 || !names.iter().all(|n| plain(n)) {
        return None;
    }
    let lead = &raw[..raw.len() - raw.trim_start().len()];
    let trail = &raw[raw.trim_end().len()..];
    let decls: Vec<String> = names.iter().map(|n| format!("{ty} {n};")).collect();
    Some(format!(
        "{lead}{}{trail}",
        decls.join(&format!("\n{indent}"))
    ))
}

/// An array type's text split before its dimensions: `char [2]` gives `char` and `[2]`.
pub(super) fn array_suffix(text: &str) -> (&str, &str) {
    match text.find('[') {
        Some(at) if text.ends_with(']') => (text[..at].trim_end(), &text[at..]),
        _ => (text, ""),
    }
}

/// Text written around tokens of the plus tree: (token offset, before it, after it).
pub(super) type Decorations = Vec<(c_parser::TextSize, String, String)>;

/// Where an array type's dimensions go when a type metavariable bound to one declares names
/// (`T p;` with T bound to `char [2]` is `char p[2];`), found on the plus tree from the
/// metavariable's token: after each declared name, past the pointers around it, which
/// then are grouped with it (`T *tbl;` is `char (*tbl)[16];`: `*` binds looser than `[]`).
/// Empty when the type declares no name (`sizeof(T)`): the dimensions stay with the type.
pub(super) fn array_declarators(type_token: &SyntaxToken, suffix: &str) -> Decorations {
    let Some(specs) = type_token
        .parent_ancestors()
        .find(|n| n.kind() == SyntaxKind::DECL_SPECS)
    else {
        return Vec::new();
    };
    let declarators = specs
        .parent()
        .into_iter()
        .flat_map(|owner| owner.children())
        .filter(|n| n.text_range().start() >= specs.text_range().end());
    let mut out = Vec::new();
    for declarator in declarators {
        let declarator = match declarator.kind() {
            SyntaxKind::INIT_DECLARATOR => match declarator.first_child() {
                Some(d) => d,
                None => continue,
            },
            _ => declarator,
        };
        let Some((pointers, name)) = declared_name(&declarator) else {
            continue;
        };
        let at = name.text_range().start();
        match pointers.and_then(|p| first_token(&p)) {
            Some(star) => {
                out.push((star.text_range().start(), "(".to_string(), String::new()));
                out.push((at, String::new(), format!("){suffix}")));
            }
            None => out.push((at, String::new(), suffix.to_string())),
        }
    }
    out
}

/// The name a declarator declares, with the outermost pointer declarator around it if any;
/// `None` for declarators of other shapes (a function, an array of its own).
fn declared_name(declarator: &SyntaxNode) -> Option<(Option<SyntaxNode>, SyntaxToken)> {
    let mut pointers = None;
    let mut node = declarator.clone();
    loop {
        match node.kind() {
            SyntaxKind::NAME => return Some((pointers, first_token(&node)?)),
            SyntaxKind::POINTER_DECLARATOR => {
                pointers.get_or_insert_with(|| node.clone());
                node = node.children().find(|c| {
                    matches!(c.kind(), SyntaxKind::NAME | SyntaxKind::POINTER_DECLARATOR)
                })?;
            }
            _ => return None,
        }
    }
}

fn first_token(node: &SyntaxNode) -> Option<SyntaxToken> {
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| !t.kind().is_trivia())
}

#[cfg(test)]
mod array_type_tests {
    use super::*;

    /// The declaration `code` with `[2]` placed as for a type bound to `char [2]` in place
    /// of its first word (parsed as a type).
    fn placed(code: &str) -> String {
        let tree = c_parser::parse(code, &c_parser::ParseOptions::default()).root;
        let ty = tree
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| !t.kind().is_trivia())
            .expect("a type word");
        let decorations = array_declarators(&ty, "[2]");
        let mut out = String::new();
        for tok in tree
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
        {
            let around = decorations.iter().find(|d| d.0 == tok.text_range().start());
            out.push_str(around.map_or("", |d| d.1.as_str()));
            out.push_str(tok.text());
            out.push_str(around.map_or("", |d| d.2.as_str()));
        }
        out
    }

    #[test]
    fn dimensions_go_after_the_declared_name() {
        assert_eq!(placed("foo_t buf;"), "foo_t buf[2];");
        assert_eq!(placed("foo_t buf __used;"), "foo_t buf[2] __used;");
        assert_eq!(placed("int a, b;"), "int a[2], b[2];");
        // A pointer to the array type.
        assert_eq!(placed("foo_t *tbl;"), "foo_t (*tbl)[2];");
        assert_eq!(placed("foo_t **tbl;"), "foo_t (**tbl)[2];");
        // No name: nothing placed (the dimensions stay with the type).
        assert_eq!(placed("int;"), "int;");
    }
}
