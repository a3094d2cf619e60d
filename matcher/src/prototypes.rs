//! Prototypes follow their functions, as in spatch: when a rule removes a function
//! definition, the file's prototypes of that function go too; when it changes the
//! definition's parameter list, the prototypes written with the same parameters get the new
//! list.

use crate::syntax::{normalized_text, sig_range};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use rewriter::{Addition, Placement};
use std::ops::Range;

/// A function's name and parameter list (the node), from its declarator.
fn name_and_params(declarator: &SyntaxNode) -> Option<(String, SyntaxNode)> {
    let f = std::iter::once(declarator.clone())
        .chain(declarator.descendants())
        .find(|n| n.kind() == SyntaxKind::FUNCTION_DECLARATOR)?;
    let name = f.children().find(|c| c.kind() == SyntaxKind::NAME)?;
    let params = f.children().find(|c| c.kind() == SyntaxKind::PARAM_LIST)?;
    Some((normalized_text(&SyntaxElement::Node(name)), params))
}

/// The type words of a declaration's specifiers (storage classes and `inline` left out):
/// a prototype declares the function a definition defines only when they agree.
fn type_of_specs(item: &SyntaxNode) -> String {
    item.children()
        .find(|c| c.kind() == SyntaxKind::DECL_SPECS)
        .map(|specs| {
            crate::syntax::sig_children(&specs)
                .iter()
                .filter(|e| {
                    !matches!(
                        e.kind(),
                        SyntaxKind::STATIC_KW | SyntaxKind::EXTERN_KW | SyntaxKind::INLINE_KW
                    )
                })
                .map(normalized_text)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

fn range_of(node: &SyntaxNode) -> Range<usize> {
    sig_range(&SyntaxElement::Node(node.clone()))
}

/// What a rule's accepted changes (`removals`, `additions`) mean for the prototypes of the
/// functions whose headers they change: the extra removals and additions. `changed_root`
/// gives the file as the changes leave it (parsed only when some function header changed).
pub fn follow_definitions(
    root: &SyntaxNode,
    text: &str,
    removals: &[Range<usize>],
    additions: &[Addition],
    changed_root: impl FnOnce() -> Option<SyntaxNode>,
) -> (Vec<Range<usize>>, Vec<Addition>) {
    let mut out_removals = Vec::new();
    let mut out_additions = Vec::new();
    let index = ChangeIndex::new(removals, additions);
    // Nearly every rule changes function bodies only: that is known from ranges alone,
    // without the names and parameter lists of every definition (which cost 3% of the
    // copy-client conversion when computed per rule).
    if !root
        .children()
        .any(|n| n.kind() == SyntaxKind::FUNCTION_DEF && index.header_change(text, &n).is_some())
    {
        return (out_removals, out_additions);
    }
    let changed = changed_definitions(root, text, &index);
    if changed.is_empty() {
        return (out_removals, out_additions);
    }
    let Some(new_root) = changed_root() else {
        return (out_removals, out_additions);
    };
    let prototypes: Vec<Prototype> = root.children().filter_map(Prototype::of).collect();
    for def in changed {
        let Some(change) = def.change_to_follow(&new_root) else {
            continue;
        };
        let old_types = param_types(&def.params);
        for proto in &prototypes {
            if proto.name != def.name
                || type_of_specs(&proto.item) != def.specs
                || param_types(&proto.params) != old_types
                || index.touches(&range_of(&proto.item))
            {
                continue;
            }
            match &change {
                DefinitionChange::Removed => out_removals.push(range_of(&proto.item)),
                DefinitionChange::NewParams(new) => {
                    out_removals.push(range_of(&proto.params));
                    out_additions.push(followed_params(&def.params, new, &proto.params));
                }
            }
        }
    }
    (out_removals, out_additions)
}

/// A function definition whose header the rule changes.
struct ChangedDefinition {
    name: String,
    /// How many definitions of the same name come before (a file may define a name under
    /// several `#if` branches; each is found again in the changed file by that count).
    nth: usize,
    params: SyntaxNode,
    /// Whether the rule removes the whole definition.
    removed: bool,
    /// Its type words (see [`type_of_specs`]).
    specs: String,
}

/// What the prototypes of a changed definition follow.
enum DefinitionChange {
    Removed,
    /// The definition's new parameter list (in the changed file).
    NewParams(SyntaxNode),
}

impl ChangedDefinition {
    /// The definition's removal, or its new parameter list as found in `new_root`; None when
    /// the header change leaves the parameter list as it was.
    fn change_to_follow(&self, new_root: &SyntaxNode) -> Option<DefinitionChange> {
        let new_params = definitions(new_root)
            .find(|(_, n, k, _)| *n == self.name && *k == self.nth)
            .map(|(_, _, _, p)| p);
        match (self.removed, new_params) {
            (true, None) => Some(DefinitionChange::Removed),
            (_, Some(p)) if node_text(&p) != node_text(&self.params) => {
                Some(DefinitionChange::NewParams(p))
            }
            _ => None,
        }
    }
}

/// The definitions of `root` whose header the changes in `index` touch.
fn changed_definitions(
    root: &SyntaxNode,
    text: &str,
    index: &ChangeIndex,
) -> Vec<ChangedDefinition> {
    definitions(root)
        .filter_map(|(def, name, nth, params)| {
            index
                .header_change(text, &def)
                .map(|removed| ChangedDefinition {
                    name,
                    nth,
                    params,
                    removed,
                    specs: type_of_specs(&def),
                })
        })
        .collect()
}

/// A declaration of one function: a prototype.
struct Prototype {
    item: SyntaxNode,
    name: String,
    params: SyntaxNode,
}

impl Prototype {
    /// The prototype `item` is, if it declares a single function.
    fn of(item: SyntaxNode) -> Option<Prototype> {
        if item.kind() != SyntaxKind::DECLARATION {
            return None;
        }
        let declarators: Vec<SyntaxNode> = item
            .children()
            .filter(|c| c.kind() != SyntaxKind::DECL_SPECS)
            .collect();
        let [d] = declarators.as_slice() else {
            return None;
        };
        let (name, params) = name_and_params(d)?;
        Some(Prototype { item, name, params })
    }
}

/// The addition that rewrites a prototype's parameter list `proto` as the definition's went
/// from `old` to `new`.
fn followed_params(old: &SyntaxNode, new: &SyntaxNode, proto: &SyntaxNode) -> Addition {
    let (code, tokens) = if node_text(proto) == node_text(old) {
        (new.text().to_string(), node_tokens(new, 0))
    } else {
        same_edit(old, new, proto)
    };
    // A parameter list like the definition's: its parentheses at its edges.
    let kind = |t: Option<c_parser::SyntaxToken>| t.map(|t| t.kind());
    let (first, last) = (kind(new.first_token()), kind(new.last_token()));
    Addition {
        at: range_of(proto).start,
        code: rewriter::AddedCode::new(code, first, last).with_break_marks(
            rewriter::wrap::marks_of_tokens(tokens.iter().map(|(at, k, t)| (*at, *k, t.as_str()))),
        ),
        placement: Placement::Inline,
    }
}

fn node_text(node: &SyntaxNode) -> String {
    normalized_text(&SyntaxElement::Node(node.clone()))
}

fn params_of(list: &SyntaxNode) -> Vec<SyntaxNode> {
    list.children()
        .filter(|c| c.kind() == SyntaxKind::PARAM)
        .collect()
}

/// A parameter list's types: each parameter with its name left out (a prototype may name
/// its parameters differently from the definition, or not at all).
fn param_types(list: &SyntaxNode) -> Vec<String> {
    params_of(list)
        .iter()
        .map(|p| {
            crate::syntax::sig_tokens(&SyntaxElement::Node(p.clone()))
                .iter()
                .filter(|t| t.parent().is_none_or(|n| n.kind() != SyntaxKind::NAME))
                .map(|t| t.text().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The prototype's parameter list after the edit that took the definition's `old` list to
/// `new`: parameters the definition kept are written as the prototype writes them (its
/// names), added ones as the definition has them, removed ones go.
fn same_edit(
    old: &SyntaxNode,
    new: &SyntaxNode,
    proto: &SyntaxNode,
) -> (String, Vec<(usize, SyntaxKind, String)>) {
    let text = |n: &SyntaxNode| normalized_text(&SyntaxElement::Node(n.clone()));
    let old: Vec<String> = params_of(old).iter().map(text).collect();
    let proto = params_of(proto);
    let mut from = 0;
    let mut code = String::from("(");
    let mut tokens = vec![(0, SyntaxKind::L_PAREN, "(".to_string())];
    for (n, p) in params_of(new).iter().enumerate() {
        if n > 0 {
            tokens.push((code.len(), SyntaxKind::COMMA, ",".to_string()));
            code.push_str(", ");
        }
        let kept = old[from..].iter().position(|o| *o == text(p));
        let param = match kept.and_then(|i| proto.get(from + i)) {
            Some(own) => {
                from += kept.unwrap_or(0) + 1;
                own
            }
            None => p,
        };
        tokens.extend(node_tokens(param, code.len()));
        code.push_str(&param.text().to_string());
    }
    tokens.push((code.len(), SyntaxKind::R_PAREN, ")".to_string()));
    code.push(')');
    (code, tokens)
}

/// A node's tokens, by offset from `at` where its text is written: where its lines may break.
fn node_tokens(node: &SyntaxNode, at: usize) -> Vec<(usize, SyntaxKind, String)> {
    let start = node.text_range().start();
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .map(|t| {
            let offset = at + usize::from(t.text_range().start() - start);
            (offset, t.kind(), t.text().to_string())
        })
        .collect()
}

/// The file's function definitions: each with its name, how many definitions of that name
/// come before it, and its parameter list.
fn definitions(root: &SyntaxNode) -> impl Iterator<Item = (SyntaxNode, String, usize, SyntaxNode)> {
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    root.children()
        .filter(|n| n.kind() == SyntaxKind::FUNCTION_DEF)
        .filter_map(move |def| {
            let declarator = def
                .children()
                .find(|c| c.kind() != SyntaxKind::DECL_SPECS)?;
            let (name, params) = name_and_params(&declarator)?;
            let count = seen.entry(name.clone()).or_default();
            let nth = *count;
            *count += 1;
            Some((def, name, nth, params))
        })
}

/// The changes of a rule, sorted for overlap queries: asking per function definition with a
/// scan of every change made a file of n functions and n changes cost n².
struct ChangeIndex {
    /// Removals by start.
    removals: Vec<Range<usize>>,
    /// The largest end among `removals[..=i]`: it grows with `i`, so the first removal that
    /// can reach a place is found by binary search even when removals nest.
    reach: Vec<usize>,
    /// Where additions go, sorted.
    additions: Vec<usize>,
}

impl ChangeIndex {
    fn new(removals: &[Range<usize>], additions: &[Addition]) -> Self {
        let mut sorted = removals.to_vec();
        sorted.sort_by_key(|r| r.start);
        let reach = sorted
            .iter()
            .scan(0, |max, r| {
                *max = (*max).max(r.end);
                Some(*max)
            })
            .collect();
        let mut at: Vec<usize> = additions.iter().map(|a| a.at).collect();
        at.sort_unstable();
        ChangeIndex {
            removals: sorted,
            reach,
            additions: at,
        }
    }

    /// Whether the changes remove definition `def` (`Some(true)`) or change its header, all
    /// before the body (`Some(false)`).
    fn header_change(&self, text: &str, def: &SyntaxNode) -> Option<bool> {
        let whole = range_of(def);
        let body = def
            .children()
            .find(|c| c.kind() == SyntaxKind::COMPOUND_STMT)
            .map_or(whole.end, |b| range_of(&b).start);
        let removed = covered(text, &self.removals_overlapping(&whole), &whole);
        (removed || self.touches(&(whole.start..body + 1))).then_some(removed)
    }

    /// The removals that overlap `r`, by start.
    fn removals_overlapping(&self, r: &Range<usize>) -> Vec<Range<usize>> {
        let from = self.reach.partition_point(|&end| end <= r.start);
        let to = self.removals.partition_point(|x| x.start < r.end);
        self.removals[from..to.max(from)]
            .iter()
            .filter(|x| r.start < x.end)
            .cloned()
            .collect()
    }

    /// Whether a removal overlaps `r` or an addition falls strictly inside it.
    fn touches(&self, r: &Range<usize>) -> bool {
        let first_after = self.additions.partition_point(|&at| at <= r.start);
        let added_inside = self
            .additions
            .get(first_after)
            .is_some_and(|&at| at < r.end);
        added_inside || !self.removals_overlapping(r).is_empty()
    }
}

/// Whether the removals that overlap `range` (sorted by start) leave nothing of it but
/// blanks.
fn covered(text: &str, inside: &[Range<usize>], range: &Range<usize>) -> bool {
    let mut at = range.start;
    for r in inside {
        let gap = text.get(at..r.start.max(at)).unwrap_or("x");
        if !gap.trim().is_empty() {
            return false;
        }
        at = at.max(r.end);
    }
    at >= range.end
}
