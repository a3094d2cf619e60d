//! What a `...` (or a nest `<... P ...>`) asks of the path segment it matches: its `when`
//! clauses and modifiers, read once from the pattern tree.

use crate::syntax::{is_expression, sig_children};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::Quantifier;

/// The constraints of one `...` or nest.
#[derive(Clone, Debug, Default)]
pub struct DotsSpec {
    /// `when != P`: no node of the segment may match P.
    pub when_not: Vec<SyntaxElement>,
    /// `when == P` (`when = P`): every statement of the segment matches P.
    pub when_always: Vec<SyntaxElement>,
    /// `when != true E` / `when != false E`: the segment may not leave a condition matching
    /// E on its true (false) branch.
    pub when_not_true: Vec<SyntaxElement>,
    pub when_not_false: Vec<SyntaxElement>,
    /// `when any`: the segment may pass through code matching the patterns around the dots.
    pub any: bool,
    /// `when strict`: paths that leave through an error branch count as well.
    pub strict: bool,
    /// `when exists` / `when forall` on these dots.
    pub quantifier: Option<Quantifier>,
    /// The nest's pattern (`<... P ...>`: one element, or the statements of a sequence),
    /// and whether it needs one occurrence (`<+...`).
    pub nest: Option<(Vec<SyntaxElement>, bool)>,
}

impl DotsSpec {
    /// Reads a `DOTS_NODE` or `NEST` node; None for an empty nest.
    pub fn read(node: &SyntaxNode) -> Option<DotsSpec> {
        let mut spec = DotsSpec::default();
        for clause in node
            .children()
            .filter(|c| c.kind() == SyntaxKind::WHEN_CLAUSE)
        {
            spec.add_clause(&clause);
        }
        if node.kind() == SyntaxKind::NEST {
            let parts = sig_children(node);
            let plus = parts
                .first()
                .is_some_and(|t| t.kind() == SyntaxKind::NEST_PLUS_OPEN);
            let inner: Vec<SyntaxElement> = parts
                .into_iter()
                .filter(|e| {
                    !matches!(
                        e.kind(),
                        SyntaxKind::NEST_OPEN
                            | SyntaxKind::NEST_CLOSE
                            | SyntaxKind::NEST_PLUS_OPEN
                            | SyntaxKind::NEST_PLUS_CLOSE
                            | SyntaxKind::WHEN_CLAUSE
                    )
                })
                .collect();
            let pattern = match inner.as_slice() {
                [] => return None,
                [one] => vec![unwrap_lone_child(one)],
                several => several.to_vec(),
            };
            spec.nest = Some((pattern, plus));
        }
        Some(spec)
    }

    fn add_clause(&mut self, clause: &SyntaxNode) {
        let parts = sig_children(clause);
        match parts.get(1).map(SyntaxElement::kind) {
            Some(SyntaxKind::NEQ) | Some(SyntaxKind::EQ2) | Some(SyntaxKind::EQ) => {
                let negated = parts[1].kind() == SyntaxKind::NEQ;
                let branch = parts.get(2).and_then(|t| match t {
                    SyntaxElement::Token(t) if t.text() == "true" || t.text() == "false" => {
                        Some(t.text() == "true")
                    }
                    _ => None,
                });
                let at = if branch.is_some() { 3 } else { 2 };
                let Some(p) = parts.get(at) else {
                    return;
                };
                let p = unwrap_expression_statement(p);
                match (negated, branch) {
                    (true, None) => self.when_not.push(p),
                    (true, Some(true)) => self.when_not_true.push(p),
                    (true, Some(false)) => self.when_not_false.push(p),
                    (false, _) => self.when_always.push(p),
                }
            }
            _ => {
                for word in parts.iter().skip(1) {
                    let SyntaxElement::Token(t) = word else {
                        continue;
                    };
                    match t.text() {
                        "any" => self.any = true,
                        "strict" => self.strict = true,
                        "exists" => self.quantifier = Some(Quantifier::Exists),
                        "forall" => self.quantifier = Some(Quantifier::Forall),
                        _ => {}
                    }
                }
            }
        }
    }
}

/// An expression written alone parses as a statement without `;`: the expression.
pub fn unwrap_expression_statement(el: &SyntaxElement) -> SyntaxElement {
    if let SyntaxElement::Node(n) = el {
        if matches!(n.kind(), SyntaxKind::MACRO_STMT | SyntaxKind::EXPR_STMT) {
            let kids = sig_children(n);
            if let [one] = kids.as_slice() {
                if one.as_node().is_some_and(|x| is_expression(x.kind())) {
                    return one.clone();
                }
            }
        }
    }
    el.clone()
}

/// A nest's pattern written alone on its line parses as a statement without `;`: its one
/// child, whatever it is.
fn unwrap_lone_child(el: &SyntaxElement) -> SyntaxElement {
    if let SyntaxElement::Node(n) = el {
        if matches!(n.kind(), SyntaxKind::MACRO_STMT | SyntaxKind::EXPR_STMT) {
            if let [one] = sig_children(n).as_slice() {
                return one.clone();
            }
        }
    }
    el.clone()
}
