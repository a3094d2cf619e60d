//! spatch's `comm_assoc` isomorphism (built in, not in standard.iso; `disable comm_assoc`
//! turns it off): `E op ...`, with `op` one of the associative and commutative operators
//! `+ * & | && ||`, matches an expression of which `E` is an operand of a chain of `op`, at
//! any depth and on either side, and `E` alone. So `if (E == NULL && ...)` also matches
//! `if (x == NULL)`, `if (ready && x == NULL)` and `if (a && b && x == NULL)`.
//!
//! As in spatch, the form applies only where the operator and the dots are both context
//! code, or the whole expression is removed (a mixed change could not say what to keep),
//! and neither carries a position variable. The dots stand for the whole chain: removing
//! the expression removes all of it.

use crate::env::Env;
use crate::iso::{carries_attachment, is_context_code, Iso};
use crate::node::{Matcher, K};
use crate::syntax::{sig_children, sig_range, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::Mark;

/// A pattern `member op ...`.
pub(crate) struct Chain {
    pub member: SyntaxElement,
    pub op: SyntaxElement,
    pub dots: SyntaxElement,
}

impl Chain {
    /// `p` as a chain pattern, when `comm_assoc` applies to it.
    pub(crate) fn of(m: &Matcher, p: &SyntaxNode) -> Option<Chain> {
        if !m.isos.on(Iso::CommAssoc) || p.kind() != SyntaxKind::BIN_EXPR {
            return None;
        }
        let [member, op, dots] = <[SyntaxElement; 3]>::try_from(sig_children(p)).ok()?;
        if !is_bare_dots(&dots) || !is_associative(op.kind()) {
            return None;
        }
        let chain = Chain { member, op, dots };
        let positioned = carries_attachment(m, &[chain.op.clone(), chain.dots.clone()]);
        (!positioned && chain.modified_as_one(m, p)).then_some(chain)
    }

    /// The operator and the dots are context code (or `*` lines, which change nothing), or
    /// every token of the expression is removed.
    fn modified_as_one(&self, m: &Matcher, p: &SyntaxNode) -> bool {
        if is_context_code(m, &self.op) && is_context_code(m, &self.dots) {
            return true;
        }
        sig_tokens(&SyntaxElement::Node(p.clone())).iter().all(|t| {
            m.pat
                .token_index(t)
                .is_some_and(|i| m.pat.body.tokens[i].mark == Mark::Minus)
        })
    }

    /// `c` has an operand, at any depth of its chain of `member.op_kind`, that the member
    /// accepts (or is one itself). `structural_tried`: the caller already matched the member
    /// against the left operand of `c` with the dots on the right, so that way is not tried
    /// twice.
    pub(crate) fn m_operand(
        &self,
        m: &Matcher,
        member: &Member,
        c: &SyntaxElement,
        env: Env,
        k: K,
        structural_tried: bool,
    ) -> bool {
        let whole = sig_range(c);
        let operands = operands(c, member.op_kind);
        let mut env = env;
        let op_at = operands
            .as_ref()
            .map_or(whole.end..whole.end, |(_, op, _)| sig_range(op));
        match &self.dots {
            SyntaxElement::Node(dots) => m.map_dots(dots, whole, &mut env),
            SyntaxElement::Token(dots) => {
                if let Some(i) = m.pat.token_index(dots) {
                    env.map_token(i, whole);
                }
            }
        }
        if let Some(i) = self.op.as_token().and_then(|t| m.pat.token_index(t)) {
            env.map_token(i, op_at);
        }
        if (member.accepts)(c, env.clone(), k) {
            return true;
        }
        let Some((left, _, right)) = operands else {
            return false;
        };
        in_chain(member, &left, env.clone(), k, structural_tried)
            || in_chain(member, &right, env, k, false)
    }
}

/// What a chain's operand must be: an operand of `op_kind` (the pattern operator's, or its
/// opposite for a negated chain, `neg_if`) that `accepts` takes.
pub(crate) struct Member<'f> {
    pub op_kind: SyntaxKind,
    pub accepts: &'f dyn Fn(&SyntaxElement, Env, K) -> bool,
}

/// `c` or one of its operands down its chain is accepted by `member`.
fn in_chain(member: &Member, c: &SyntaxElement, env: Env, k: K, skip_whole: bool) -> bool {
    if !skip_whole && (member.accepts)(c, env.clone(), k) {
        return true;
    }
    let Some((left, _, right)) = operands(c, member.op_kind) else {
        return false;
    };
    in_chain(member, &left, env.clone(), k, false) || in_chain(member, &right, env, k, false)
}

/// The operands and operator of `c` when it is a binary expression of `op_kind`.
pub(crate) fn operands(
    c: &SyntaxElement,
    op_kind: SyntaxKind,
) -> Option<(SyntaxElement, SyntaxElement, SyntaxElement)> {
    let n = c.as_node().filter(|n| n.kind() == SyntaxKind::BIN_EXPR)?;
    let [left, op, right] = <[SyntaxElement; 3]>::try_from(sig_children(n)).ok()?;
    (op.kind() == op_kind).then_some((left, op, right))
}

/// Whether C node `c` is a binary expression with the operator of pattern node `p`, so that
/// the structural match has tried `p`'s operands against `c`'s.
pub(crate) fn same_operator(p: &SyntaxNode, c: &SyntaxNode) -> bool {
    let op = |n: &SyntaxNode| {
        (n.kind() == SyntaxKind::BIN_EXPR)
            .then(|| sig_children(n).get(1).map(|o| o.kind()))
            .flatten()
    };
    op(p).is_some() && op(p) == op(c)
}

/// `...` without `when` clauses (spatch does not take dots with one as a chain's rest).
fn is_bare_dots(el: &SyntaxElement) -> bool {
    match el {
        SyntaxElement::Token(t) => t.kind() == SyntaxKind::DOTS,
        SyntaxElement::Node(n) => {
            n.kind() == SyntaxKind::DOTS_NODE
                && !n.children().any(|c| c.kind() == SyntaxKind::WHEN_CLAUSE)
        }
    }
}

fn is_associative(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::PLUS
            | SyntaxKind::STAR
            | SyntaxKind::AMP
            | SyntaxKind::PIPE
            | SyntaxKind::AMP2
            | SyntaxKind::PIPE2
    )
}
