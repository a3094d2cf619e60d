//! Conjunctions (`( A & B )`) and expressions written among statements: an expression
//! pattern matches an expression inside the statement (spatch's statement/expression
//! conjunctions, `... E` after dots).

use crate::env::Env;
use crate::node::{Item, Matcher, K};
use crate::syntax::{is_expression, is_statement};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::MetavarKind;

impl Matcher<'_> {
    pub(crate) fn m_conj(&self, pn: &SyntaxNode, c: &SyntaxElement, env: Env, k: K) -> bool {
        let (branches, _, _) = self.branches(pn);
        let singles: Vec<SyntaxElement> = branches
            .into_iter()
            .filter_map(|b| {
                if b.len() == 1 {
                    b.into_iter().next()
                } else {
                    None
                }
            })
            .collect();
        // A conjunction with an expression among its branches is an expression: every
        // branch matches the same one (`E@p & <+... f(...) ...+>`), not each some part of
        // the statement (the `if`'s condition for one, an assignment in its body for the
        // other).
        let expression = singles.iter().all(|p| self.is_expression_branch(p));
        if expression && is_own_code_holder(c) {
            let SyntaxElement::Node(cn) = c else {
                return false;
            };
            return own_expressions(cn)
                .into_iter()
                .any(|d| self.m_all(&singles, &SyntaxElement::Node(d), env.clone(), k));
        }
        self.m_all(&singles, c, env, k)
    }

    fn m_all(&self, ps: &[SyntaxElement], c: &SyntaxElement, env: Env, k: K) -> bool {
        match ps.split_first() {
            None => k(env),
            Some((p, rest)) => {
                self.m_el(p, c, env.clone(), &mut |e| self.m_all(rest, c, e, k))
                    || self.m_inside(p, c, env, &mut |e| self.m_all(rest, c, e, k))
            }
        }
    }

    /// An expression among statements matches an expression of the statement (the
    /// initializer of a declaration included). Written alone on its line, it parses as a
    /// statement without `;`.
    pub(crate) fn m_inside(&self, p: &SyntaxElement, c: &SyntaxElement, env: Env, k: K) -> bool {
        let p = &crate::flow::unwrap_expression_statement(p);
        if !self.is_expression_pattern(p) || !is_own_code_holder(c) {
            return false;
        }
        let SyntaxElement::Node(cn) = c else {
            return false;
        };
        let expressions = own_expressions(cn);
        let changes_code = self.changes_code(p);
        expressions.iter().any(|d| {
            self.m_el(
                p,
                &SyntaxElement::Node(d.clone()),
                env.clone(),
                &mut |mut e| {
                    if changes_code {
                        self.record_other_occurrences(p, d, &expressions, &mut e);
                    }
                    k(e)
                },
            )
        })
    }

    /// The other occurrences of a code-changing expression pattern `p` in the statement
    /// (its expressions), with the bindings of the one matched at `first`, as nested
    /// environments: as in spatch, the statement's node is changed at each
    /// (`foo(); - i+1 + i+0` on `f((i+1)*a[i+1]);` changes both). They do not overlap.
    fn record_other_occurrences(
        &self,
        p: &SyntaxElement,
        first: &SyntaxNode,
        expressions: &[SyntaxNode],
        env: &mut Env,
    ) {
        let base = Env {
            bindings: env.bindings.clone(),
            ..Env::default()
        };
        let mut taken = vec![first.text_range()];
        for d in expressions {
            let range = d.text_range();
            if taken.iter().any(|t| t.intersect(range).is_some()) {
                continue;
            }
            let mut occurrence = None;
            self.m_el(p, &SyntaxElement::Node(d.clone()), base.clone(), &mut |e| {
                occurrence = Some(e);
                true
            });
            if let Some(mut e) = occurrence {
                e.bindings.retain(|(m, _)| env.binding(*m).is_none());
                env.nested.push(e);
                taken.push(range);
            }
        }
    }

    /// An expression, or a disjunction of expressions.
    pub(crate) fn is_expression_pattern(&self, p: &SyntaxElement) -> bool {
        if is_expression(p.kind()) {
            return true;
        }
        match p {
            SyntaxElement::Node(d) if d.kind() == SyntaxKind::DISJ => {
                let (branches, _, _) = self.branches(d);
                branches.iter().all(|b| match b.as_slice() {
                    [one] => {
                        self.is_expression_pattern(&crate::flow::unwrap_expression_statement(one))
                    }
                    _ => false,
                })
            }
            _ => false,
        }
    }

    /// A conjunction branch that can only match an expression: an expression (a lone
    /// metavariable of an expression kind, not `d` for a declaration) or a nest.
    fn is_expression_branch(&self, p: &SyntaxElement) -> bool {
        if p.kind() == SyntaxKind::NEST {
            return true;
        }
        let p = crate::flow::unwrap_expression_statement(p);
        if !self.is_expression_pattern(&p) {
            return false;
        }
        self.pat.single_metavar(&p).is_none_or(|(_, mv)| {
            matches!(
                self.pat.kind(mv),
                MetavarKind::Expression { .. }
                    | MetavarKind::IdExpression { .. }
                    | MetavarKind::Constant { .. }
            )
        })
    }

    /// A conjunction of statement sequences ending the pattern: each branch matches from
    /// the same place, with the bindings of the ones before.
    pub(crate) fn m_conj_seq(
        &self,
        branches: &[Vec<SyntaxElement>],
        cs: &[SyntaxElement],
        pos: usize,
        env: Env,
        k: K,
    ) -> bool {
        match branches.split_first() {
            None => k(env),
            Some((b, more)) => {
                let items: Vec<Item> = b.iter().cloned().map(Item::El).collect();
                self.m_seq(&items, cs, pos, true, env, &mut |e| {
                    self.m_conj_seq(more, cs, pos, e, k)
                })
            }
        }
    }
}

/// A statement (not a block) or a declaration: C code whose expressions
/// [`own_expressions`] lists.
fn is_own_code_holder(c: &SyntaxElement) -> bool {
    (is_statement(c.kind()) || c.kind() == SyntaxKind::DECLARATION)
        && c.kind() != SyntaxKind::COMPOUND_STMT
}

/// The expressions (and initialized declarators) of a statement's own code, outermost
/// first, as its node in the control-flow graph holds it: the branches and bodies of an
/// `if` or loop, braced or not, are nodes of their own (the condition of a `do ... while`
/// is the statement's own, after its body).
fn own_expressions(cn: &SyntaxNode) -> Vec<SyntaxNode> {
    let mut out = Vec::new();
    let mut walk = cn.preorder();
    walk.next();
    while let Some(event) = walk.next() {
        let rowan::WalkEvent::Enter(d) = event else {
            continue;
        };
        if c_parser::ast::is_stmt(d.kind()) && d.kind() != SyntaxKind::DECLARATION {
            walk.skip_subtree();
            continue;
        }
        if is_expression(d.kind()) || d.kind() == SyntaxKind::INIT_DECLARATOR {
            out.push(d);
        }
    }
    out
}
