//! Which declaration a name in C code refers to. Two uses of an expression metavariable
//! agree only when their names refer to the same variables: in spatch an identifier
//! carries the place of the local declaration it names, so `x` bound outside a block does
//! not match the `x` of a block-local declaration that shadows it.

use crate::syntax::sig_range;
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken, TextRange, TextSize};
use std::ops::Range;

/// Whether the code at `a` and at `b` (the same tokens, by text) names the same variables:
/// each name in one refers to the declaration its counterpart in the other refers to.
/// True when either range is not in `root` (code of another tree or an earlier version of
/// the text), since then nothing can be told.
pub(crate) fn same_referents(root: &SyntaxNode, a: &Range<usize>, b: &Range<usize>) -> bool {
    if a == b {
        return true;
    }
    let (Some(names_a), Some(names_b)) = (names_in(root, a), names_in(root, b)) else {
        return true;
    };
    names_a.len() != names_b.len()
        || names_a
            .iter()
            .zip(&names_b)
            .all(|(x, y)| x.text() != y.text() || declaration_of(x) == declaration_of(y))
}

/// The identifiers of the variable references (`NAME_REF`) in a range of the tree.
fn names_in(root: &SyntaxNode, r: &Range<usize>) -> Option<Vec<SyntaxToken>> {
    let end = TextSize::try_from(r.end).ok()?;
    if r.start >= r.end || end > root.text_range().end() {
        return None;
    }
    let range = TextRange::new(TextSize::try_from(r.start).ok()?, end);
    let top = match root.covering_element(range) {
        SyntaxElement::Node(n) => n,
        SyntaxElement::Token(t) => t.parent()?,
    };
    Some(
        top.descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| {
                t.kind() == SyntaxKind::IDENT
                    && range.contains_range(t.text_range())
                    && t.parent().is_some_and(|p| p.kind() == SyntaxKind::NAME_REF)
            })
            .collect(),
    )
}

/// The offset of the name a local declaration or parameter gives to the variable that
/// `name` refers to; None for a global (or undeclared) name.
pub(crate) fn declaration_of(name: &SyntaxToken) -> Option<usize> {
    let at = usize::from(name.text_range().start());
    let text = name.text();
    for scope in name.parent_ancestors() {
        let declarations: Vec<SyntaxNode> = match scope.kind() {
            SyntaxKind::COMPOUND_STMT | SyntaxKind::FOR_STMT => scope
                .children()
                .filter(|c| c.kind() == SyntaxKind::DECLARATION)
                .filter(|c| sig_range(&SyntaxElement::Node(c.clone())).start < at)
                .collect(),
            SyntaxKind::FUNCTION_DEF => scope
                .children()
                .filter(|c| c.kind() != SyntaxKind::COMPOUND_STMT)
                .flat_map(|c| {
                    c.descendants()
                        .filter(|d| d.kind() == SyntaxKind::PARAM_LIST)
                })
                .take(1)
                .flat_map(|list| list.children().filter(|p| p.kind() == SyntaxKind::PARAM))
                .collect(),
            _ => continue,
        };
        // The last declaration before the use is the one in force.
        let found = declarations
            .iter()
            .rev()
            .flat_map(declared_names)
            .find(|n| n.text() == text);
        if let Some(n) = found {
            return Some(usize::from(n.text_range().start()));
        }
        if scope.kind() == SyntaxKind::FUNCTION_DEF {
            return None;
        }
    }
    None
}

/// The names a declaration or parameter declares (not those of the parameters of a
/// function pointer it declares).
fn declared_names(decl: &SyntaxNode) -> Vec<SyntaxToken> {
    let declarators = decl
        .children()
        .filter(|c| c.kind() != SyntaxKind::DECL_SPECS);
    let mut names = Vec::new();
    for d in declarators {
        let name = d.descendants().find(|n| {
            n.kind() == SyntaxKind::NAME
                && !n
                    .ancestors()
                    .take_while(|a| *a != d)
                    .any(|a| a.kind() == SyntaxKind::PARAM_LIST)
        });
        if let Some(t) = name.and_then(|n| {
            n.children_with_tokens()
                .filter_map(|e| e.into_token())
                .find(|t| t.kind() == SyntaxKind::IDENT)
        }) {
            names.push(t);
        }
    }
    names
}

impl crate::node::Matcher<'_> {
    /// Whether an expression metavariable's new value `b`, equal in text to the value it
    /// holds, also names the same variables (see [`same_referents`]). An inherited value
    /// agrees by text alone: its range is that of whichever of the earlier rule's matches
    /// with this text was kept (in another function, or in an earlier version of the text),
    /// so it tells nothing about the declarations the names refer to here.
    pub(crate) fn same_variables(&self, mv: usize, b: &crate::Binding, env: &crate::Env) -> bool {
        use smpl_parser::MetavarKind;
        if self.pat.metavars[mv].is_inherited() {
            return true;
        }
        if !matches!(
            self.pat.kind(mv),
            MetavarKind::Expression { .. } | MetavarKind::IdExpression { .. }
        ) {
            return true;
        }
        let (Some(root), Some(old)) = (&self.root, env.binding(mv)) else {
            return true;
        };
        same_referents(root, &old.range, &b.range)
    }
}
