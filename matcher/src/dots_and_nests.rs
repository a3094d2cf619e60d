//! Dots and nests where a pattern element stands for a C element: their tokens mapped onto
//! the code they stand for, `when !=` clauses, and the occurrences of a nest's pattern.

use crate::env::Env;
use crate::node::{Matcher, K};
use crate::syntax::{is_expression, sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};

impl Matcher<'_> {
    /// A nest (`<... P ...>`) standing for C element `c`, as many occurrences of P as the
    /// nest requires in it.
    pub(crate) fn m_nest(&self, nest: &SyntaxNode, c: &SyntaxElement, env: Env, k: K) -> bool {
        let mut env = env;
        self.map_dots(nest, sig_range(c), &mut env);
        if !self.nest_occurrences(nest, std::slice::from_ref(c), &mut env) {
            return false;
        }
        k(env)
    }

    /// Maps the tokens of `dots` (`...` or a nest) and of its `when` clauses onto the C code
    /// `range` it stands for, where code added beside them goes.
    pub(crate) fn map_dots(&self, dots: &SyntaxNode, range: std::ops::Range<usize>, env: &mut Env) {
        // Code added after a `when` clause goes where the dots end.
        for clause in dots
            .children()
            .filter(|c| c.kind() == SyntaxKind::WHEN_CLAUSE)
        {
            for t in sig_tokens(&SyntaxElement::Node(clause)) {
                if let Some(i) = self.pat.token_index(&t) {
                    env.map_token(i, range.end..range.end);
                }
            }
        }
        for t in sig_tokens(&SyntaxElement::Node(dots.clone())) {
            if matches!(
                t.kind(),
                SyntaxKind::DOTS
                    | SyntaxKind::NEST_OPEN
                    | SyntaxKind::NEST_CLOSE
                    | SyntaxKind::NEST_PLUS_OPEN
                    | SyntaxKind::NEST_PLUS_CLOSE
            ) {
                if let Some(i) = self.pat.token_index(&t) {
                    let r = if matches!(
                        t.kind(),
                        SyntaxKind::NEST_CLOSE | SyntaxKind::NEST_PLUS_CLOSE
                    ) {
                        range.end..range.end
                    } else if t.kind() == SyntaxKind::DOTS {
                        range.clone()
                    } else {
                        range.start..range.start
                    };
                    env.map_token(i, r);
                }
            }
        }
    }

    /// Whether the code `...` absorbs respects its `when != P` clauses: P occurs nowhere
    /// in it (other `when` forms are not checked yet).
    pub(crate) fn when_allows(
        &self,
        dots: &SyntaxNode,
        absorbed: &[SyntaxElement],
        env: &Env,
    ) -> bool {
        for clause in dots
            .children()
            .filter(|c| c.kind() == SyntaxKind::WHEN_CLAUSE)
        {
            let parts = sig_children(&clause);
            let negated = parts.get(1).is_some_and(|t| t.kind() == SyntaxKind::NEQ);
            // `when != E` or `when != E;` (a statement written with its semicolon).
            let shape_ok =
                parts.len() == 3 || (parts.len() == 4 && parts[3].kind() == SyntaxKind::SEMI);
            let (true, Some(forbidden), true) = (negated, parts.get(2), shape_ok) else {
                continue;
            };
            let forbidden = match forbidden {
                SyntaxElement::Node(n)
                    if matches!(n.kind(), SyntaxKind::MACRO_STMT | SyntaxKind::EXPR_STMT)
                        && sig_children(n).len() == 1
                        && sig_children(n)[0]
                            .as_node()
                            .is_some_and(|x| is_expression(x.kind())) =>
                {
                    sig_children(n).remove(0)
                }
                other => other.clone(),
            };
            for c in absorbed {
                let SyntaxElement::Node(cn) = c else {
                    continue;
                };
                for d in cn.descendants() {
                    let de = SyntaxElement::Node(d);
                    if self.m_el(&forbidden, &de, env.clone(), &mut |_| true) {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// Finds every occurrence of a nest's pattern in the C elements (outermost first, not
    /// overlapping) and records each as a nested environment. A `<+... ...+>` nest needs
    /// one; returns false when it has none.
    pub fn nest_occurrences(&self, nest: &SyntaxNode, cs: &[SyntaxElement], env: &mut Env) -> bool {
        let Some(spec) = crate::flow::DotsSpec::read(nest) else {
            return true;
        };
        let Some((pattern, plus_nest)) = spec.nest else {
            return true;
        };
        let [p] = pattern.as_slice() else {
            // A nest of several statements inside one element: along control flow only.
            return !plus_nest;
        };
        let found = self.occurrences_in(p, cs, env);
        !plus_nest || found > 0
    }

    /// Records every occurrence of `p` in the C elements as a nested environment of `env`,
    /// with only the bindings it made itself; returns how many there were. Occurrences are
    /// listed outermost first. A pattern that changes code takes no occurrence inside another
    /// (spatch refuses the overlap as an "already tagged token"; the rule is applied again to
    /// its own output instead); one that only matches also has the occurrences inside (each
    /// subexpression `E` of `<+... E ...+>` is an environment, as in spatch).
    pub fn occurrences_in(&self, p: &SyntaxElement, cs: &[SyntaxElement], env: &mut Env) -> usize {
        // Asked at the first occurrence only: most calls find none.
        let mut overlapping: Option<bool> = None;
        let mut found = 0;
        let base = Env {
            bindings: env.bindings.clone(),
            ..Env::default()
        };
        let mut stack: Vec<SyntaxElement> = cs.iter().rev().cloned().collect();
        while let Some(c) = stack.pop() {
            let mut occurrence = None;
            self.m_el(p, &c, base.clone(), &mut |e| {
                occurrence = Some(e);
                true
            });
            if let Some(mut e) = occurrence {
                e.bindings.retain(|(m, _)| env.binding(*m).is_none());
                env.nested.push(e);
                found += 1;
                if !*overlapping.get_or_insert_with(|| !self.changes_code(p)) {
                    continue;
                }
            }
            if let SyntaxElement::Node(n) = &c {
                let kids: Vec<SyntaxElement> = n
                    .children_with_tokens()
                    .filter(|e| e.as_node().is_some())
                    .collect();
                stack.extend(kids.into_iter().rev());
            }
        }
        found
    }

    /// Whether pattern element `p` removes code or has code added next to its tokens.
    pub(crate) fn changes_code(&self, p: &SyntaxElement) -> bool {
        let body = self.pat.body;
        let indices: Vec<usize> = crate::syntax::sig_tokens(p)
            .iter()
            .filter_map(|t| self.pat.token_index(t))
            .collect();
        let touches = |i: usize| indices.binary_search(&i).is_ok();
        indices
            .iter()
            .any(|&i| body.tokens[i].mark == smpl_parser::Mark::Minus)
            || body.plus_runs.iter().any(|run| match run.place {
                smpl_parser::AnchorPlace::Replace { first, last } => (first..=last).any(touches),
                smpl_parser::AnchorPlace::Before(i) | smpl_parser::AnchorPlace::After(i) => {
                    touches(i)
                }
                smpl_parser::AnchorPlace::Alone => false,
            })
    }
}
