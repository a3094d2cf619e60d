//! Declarations in added code built from a type metavariable and several names (`T a, b;`)
//! or an array type (`T x;` with `T` bound to `char [16]`): each name gets its own declarator.

use super::CCode;
use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken};
use std::ops::Range;

/// `T a, b;` with T a type metavariable: spatch writes one declaration per declarator
/// (`int *a;` and `int *b;`, each with T's pointers and dimensions), on lines of their own.
/// Decided on the plus tree: the run's `tokens` (with the text standing for each) must be one
/// declaration whose specifiers are the type metavariable alone (its placeholder among
/// `type_placeholders`) and whose declarators are names alone; `decorations` are the array
/// dimensions written after the names (`a[2]`). `laid_out` is the run as laid out, whose
/// indentation and surrounding blanks the declarations keep.
pub(super) fn distribute_declarators(
    laid_out: &str,
    tokens: &[&(SyntaxToken, String)],
    type_placeholders: &[&str],
    decorations: &Decorations,
) -> Option<String> {
    let (type_token, ty) = tokens.first().map(|t| (&t.0, t.1.as_str()))?;
    if !type_placeholders.contains(&ty) {
        return None;
    }
    let declaration = type_token
        .parent_ancestors()
        .find(|n| n.kind() == SyntaxKind::DECLARATION)?;
    let own: Vec<SyntaxToken> = declaration
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !matches!(t.kind(), SyntaxKind::WHITESPACE | SyntaxKind::NEWLINE))
        .collect();
    // The run is the declaration, with nothing else (no comment) in it.
    if own.len() != tokens.len() || own.iter().zip(tokens).any(|(a, b)| *a != b.0) {
        return None;
    }
    let mut names = Vec::new();
    for child in declaration.children() {
        if child.kind() == SyntaxKind::DECL_SPECS {
            if first_token(&child).as_ref() != Some(type_token)
                || child.text_range().len() != type_token.text_range().len()
            {
                return None;
            }
            continue;
        }
        let name = match child.kind() {
            SyntaxKind::INIT_DECLARATOR => child
                .first_child()
                .filter(|_| child.children().count() == 1)?,
            _ => child,
        };
        if name.kind() != SyntaxKind::NAME {
            return None;
        }
        let token = first_token(&name)?;
        let (_, text) = tokens.iter().find(|t| t.0 == token)?;
        let at = token.text_range().start();
        let decorated = match decorations.iter().find(|d| d.0 == at) {
            Some((_, before, after)) => format!("{before}{text}{after}"),
            None => text.clone(),
        };
        names.push(decorated);
    }
    if names.len() < 2 {
        return None;
    }
    let indent = laid_out
        .lines()
        .find(|l| !l.trim().is_empty())
        .map_or("", |l| &l[..l.len() - l.trim_start().len()]);
    let lead = &laid_out[..laid_out.len() - laid_out.trim_start().len()];
    let trail = &laid_out[laid_out.trim_end().len()..];
    let decls: Vec<String> = names.iter().map(|n| format!("{ty} {n};")).collect();
    Some(format!(
        "{lead}{}{trail}",
        decls.join(&format!("\n{indent}"))
    ))
}

/// Whether a type bound to a metavariable ends with a declarator's `*` (`char *`, `struct
/// foo *`), which is written against the name after it (`char *buf`, as spatch does):
/// decided on the type's tree, the C file's where the binding lies, else the type parsed on
/// its own declaring a name.
pub(super) fn ends_with_declarator_star(c: &CCode, range: &Range<usize>, text: &str) -> bool {
    let in_file = (!range.is_empty() && c.text.get(range.clone()) == Some(text))
        .then(|| last_token_before(c.root, range.start, range.end))
        .flatten();
    let last = in_file.or_else(|| {
        let code = format!("{text} rcocci_declared;");
        let parse = c_parser::parse(&code, &c_parser::ParseOptions::default());
        last_token_before(&parse.root, 0, text.len())
    });
    last.is_some_and(|t| rewriter::spacing::is_declarator_star(&t))
}

/// The last significant token of a tree lying in `start..end`.
fn last_token_before(root: &SyntaxNode, start: usize, end: usize) -> Option<SyntaxToken> {
    let at = c_parser::TextSize::try_from(end).ok()?;
    let mut token = root.token_at_offset(at).left_biased()?;
    while token.kind().is_trivia() || usize::from(token.text_range().end()) > end {
        token = token.prev_token()?;
    }
    (usize::from(token.text_range().start()) >= start).then_some(token)
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

    /// `code` (a declaration whose first word stands for a type metavariable, its
    /// placeholder `T`) distributed over its declarators, or `None`; its tokens taken as
    /// added code takes them, without comments.
    fn distributed(code: &str) -> Option<String> {
        let tree = c_parser::parse(code, &c_parser::ParseOptions::default()).root;
        let tokens: Vec<(SyntaxToken, String)> = tree
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| !t.kind().is_trivia())
            .enumerate()
            .map(|(i, t)| {
                let text = if i == 0 {
                    "T".to_string()
                } else {
                    t.text().to_string()
                };
                (t, text)
            })
            .collect();
        let tokens: Vec<&(SyntaxToken, String)> = tokens.iter().collect();
        distribute_declarators(&format!("\t{code}"), &tokens, &["T"], &Vec::new())
    }

    #[test]
    fn one_declaration_per_declared_name() {
        assert_eq!(
            distributed("foo_t a, b;").as_deref(),
            Some("\tT a;\n\tT b;")
        );
        assert_eq!(
            distributed("foo_t a, b, c;").as_deref(),
            Some("\tT a;\n\tT b;\n\tT c;")
        );
        // One name, a declarator that is more than a name, or a comment: left alone.
        assert_eq!(distributed("foo_t a;"), None);
        assert_eq!(distributed("foo_t a, *b;"), None);
        assert_eq!(distributed("foo_t a = 1, b;"), None);
        assert_eq!(distributed("foo_t a, /* why */ b;"), None);
        assert_eq!(distributed("const foo_t a, b;"), None);
    }

    /// Whether a type's text, parsed on its own, ends with a declarator's star.
    fn ends_with_star(ty: &str) -> bool {
        let root = c_parser::parse("", &c_parser::ParseOptions::default()).root;
        let c = CCode {
            text: "",
            root: &root,
            macro_body: None,
        };
        ends_with_declarator_star(&c, &(0..0), ty)
    }

    #[test]
    fn a_type_ending_with_a_pointer_star_is_told_from_its_tree() {
        assert!(ends_with_star("char *"));
        assert!(ends_with_star("struct ldlm_lock **"));
        assert!(ends_with_star("lu_fid_t *"));
        assert!(!ends_with_star("char * const"));
        assert!(!ends_with_star("int"));
        assert!(!ends_with_star("char [16]"));
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
