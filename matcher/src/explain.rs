//! Why a rule did or did not match a place: a [`Recorder`] the matcher reports its failed
//! comparisons to while it runs (`rcocci --explain`).
//!
//! The matcher holds an `Option<&Recorder>`; when it is `None` (every ordinary run) each hook
//! is one test of that option. With a recorder, the hooks note, for the attempts that concern
//! the place being explained (the *target*, a byte range of the C text), the failure that
//! got farthest into the pattern: the pattern token and the code it met, and why they did
//! not agree (different tokens, a different construct, a metavariable of another kind, a
//! constraint, a type, an earlier binding, a `when` clause). Metavariable refusals at the
//! target are kept apart too, since a refusal is often the answer even when the pattern went
//! on elsewhere. Matches dropped after they were found (a position constraint, a script
//! constraint) are kept whole.

use crate::env::{Binding, Env};
use crate::node::Matcher;
use crate::search::Match;
use crate::syntax::sig_range;
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
use std::cell::RefCell;
use std::ops::Range;

/// Why one pattern element did not match one piece of C code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The pattern's token and the code's token differ.
    TokenDiffers,
    /// The pattern has one construct there and the code another (a call against an
    /// assignment); their syntax kinds.
    Shape {
        pattern: SyntaxKind,
        code: SyntaxKind,
    },
    /// The code is not of the metavariable's kind (a statement for an `expression`).
    MetavarKind { metavar: usize },
    /// One of the metavariable's constraints refused the code: its index in the
    /// declaration's `constraints` (`None`: a script constraint, which are run together).
    Constraint {
        metavar: usize,
        constraint: Option<usize>,
    },
    /// The code's type is not one the metavariable declares (`found`: the type the code has,
    /// if it is known).
    Type {
        metavar: usize,
        found: Option<String>,
    },
    /// The metavariable was already bound to other code (`bound`, its text).
    Inconsistent { metavar: usize, bound: String },
    /// A `when` clause of these dots forbids the code.
    When,
    /// Under `forall`, a path after the dots reaches the end of the block (the code: its
    /// closing brace) without the pattern element that should follow them.
    PathEnds,
    /// The code's list (of arguments, parameters...) ends where the pattern's goes on.
    ListEnds,
    /// The pattern's list ends where the code's goes on.
    ListGoesOn,
}

impl Reason {
    /// Refusals that concern a metavariable or a `when` clause, reported even when the
    /// pattern got farther elsewhere.
    fn is_refusal(&self) -> bool {
        !matches!(
            self,
            Reason::TokenDiffers | Reason::Shape { .. } | Reason::ListEnds | Reason::ListGoesOn
        )
    }
}

/// One failed comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Index in `RuleBody::tokens` of the pattern token where it failed (for a construct,
    /// its first token; for `when`, the dots).
    pub pattern_token: usize,
    /// The C code it failed against.
    pub code: Range<usize>,
    pub reason: Reason,
    /// Where the attempt that failed started in the C text.
    pub attempt: Option<usize>,
}

/// A match found and then dropped.
#[derive(Clone, Debug)]
pub struct Dropped {
    pub range: Range<usize>,
    pub env: Env,
    pub why: DropReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// A metavariable attached with `@` (a position constraint, or a binding the match
    /// already had): the pattern token it is attached to and the metavariable.
    Attached {
        pattern_token: usize,
        metavar: usize,
    },
    /// A script constraint refused the whole match.
    Script,
}

/// What a recorder learnt about one rule on one text.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// The failure that got farthest into the pattern, among attempts at the target.
    pub farthest: Option<Failure>,
    /// The failure that got farthest among all attempts (to say where the pattern stops
    /// when no attempt reaches the target).
    pub farthest_anywhere: Option<Failure>,
    /// Metavariable and `when` refusals at the target, each once, in the order met.
    pub refusals: Vec<Failure>,
    /// Matches dropped after they were found.
    pub dropped: Vec<Dropped>,
}

/// Collects a [`Trace`] for the code in `target`.
#[derive(Debug)]
pub struct Recorder {
    target: Range<usize>,
    trace: RefCell<Trace>,
    attempt: RefCell<Option<usize>>,
}

impl Recorder {
    pub fn new(target: Range<usize>) -> Recorder {
        Recorder {
            target,
            trace: RefCell::default(),
            attempt: RefCell::default(),
        }
    }

    pub fn target(&self) -> Range<usize> {
        self.target.clone()
    }

    pub fn into_trace(self) -> Trace {
        self.trace.into_inner()
    }

    /// Code that starts in the target: a construct around it (the function, the file) says
    /// nothing about the target itself.
    fn in_target(&self, r: &Range<usize>) -> bool {
        self.target.contains(&r.start)
    }

    fn record(&self, failure: Failure) {
        let at_target = self.in_target(&failure.code)
            || failure.attempt.is_some_and(|a| self.target.contains(&a));
        let mut trace = self.trace.borrow_mut();
        let farther = |old: &Option<Failure>| {
            old.as_ref().is_none_or(|o| {
                (failure.pattern_token, failure.reason.is_refusal())
                    > (o.pattern_token, o.reason.is_refusal())
            })
        };
        // A failure at the pattern's first token anywhere in the file is only the search
        // trying a place: it tells how far nothing got.
        if failure.pattern_token > 0 && farther(&trace.farthest_anywhere) {
            trace.farthest_anywhere = Some(failure.clone());
        }
        if !at_target {
            return;
        }
        if farther(&trace.farthest) {
            trace.farthest = Some(failure.clone());
        }
        let seen = |f: &Failure| f.pattern_token == failure.pattern_token && f.code == failure.code;
        if failure.reason.is_refusal() && !trace.refusals.iter().any(seen) {
            trace.refusals.push(failure);
        }
    }
}

/// The hooks the matcher calls; each does nothing without a recorder.
impl Matcher<'_> {
    /// A search attempt starts at `c` (failures until the next one belong to it).
    pub(crate) fn explain_attempt(&self, c: &SyntaxElement) {
        if let Some(r) = self.explain {
            *r.attempt.borrow_mut() = Some(sig_range(c).start);
        }
    }

    /// Pattern element `p` (a token or a construct) did not match `c` for `reason`.
    pub(crate) fn explain_failure(&self, p: &SyntaxElement, c: &SyntaxElement, reason: Reason) {
        let Some(r) = self.explain else {
            return;
        };
        // Only the rule's own tokens count: an isomorphism's variant and the patterns of
        // `when` clauses (tried everywhere to see that they do not occur) say nothing about
        // how far the rule's pattern got.
        let Some(first) = crate::syntax::sig_tokens(p).into_iter().next() else {
            return;
        };
        let Some(pattern_token) = self.own_pattern_token(&first) else {
            return;
        };
        r.record(Failure {
            pattern_token,
            code: sig_range(c),
            reason,
            attempt: *r.attempt.borrow(),
        });
    }

    /// Pattern element `p` is another construct than `c`.
    pub(crate) fn explain_shape(&self, p: &SyntaxElement, c: &SyntaxElement) {
        if self.explain.is_some() {
            let reason = Reason::Shape {
                pattern: p.kind(),
                code: c.kind(),
            };
            self.explain_failure(p, c, reason);
        }
    }

    /// `c` is not of the kind of code metavariable `mv` (written `tok`) stands for.
    pub(crate) fn explain_kind(&self, tok: &SyntaxToken, mv: usize, c: &SyntaxElement) {
        if self.explain.is_some() {
            let reason = Reason::MetavarKind { metavar: mv };
            self.explain_failure(&SyntaxElement::Token(tok.clone()), c, reason);
        }
    }

    /// Under `forall`, a path after dots reached the end of `block` without the rest of the
    /// pattern (`rest`).
    pub(crate) fn explain_path_end(
        &self,
        quantifier: smpl_parser::Quantifier,
        rest: &[crate::node::Item],
        block: Option<&SyntaxNode>,
    ) {
        let (Some(r), Some(block)) = (self.explain, block) else {
            return;
        };
        if quantifier != smpl_parser::Quantifier::Forall {
            return;
        }
        let next = rest.iter().find_map(|i| match i {
            crate::node::Item::El(p) => crate::syntax::sig_tokens(p).into_iter().next(),
            crate::node::Item::DisjEnd(_) => None,
        });
        let Some(pattern_token) = next.and_then(|t| self.own_pattern_token(&t)) else {
            return;
        };
        let end = usize::from(block.text_range().end());
        r.record(Failure {
            pattern_token,
            code: end.saturating_sub(1)..end,
            reason: Reason::PathEnds,
            attempt: *r.attempt.borrow(),
        });
    }

    /// A pattern list without `...` or list metavariables against a C list of another
    /// length: the first element one has and the other lacks (the C list ends at `end`).
    pub(crate) fn explain_list_lengths(
        &self,
        close: Option<&SyntaxToken>,
        ps: &[crate::lists::ListElem],
        cs: &[crate::lists::ListElem],
        end: usize,
    ) {
        let Some(r) = self.explain else {
            return;
        };
        let variadic = ps.iter().any(|p| {
            matches!(
                p.el.kind(),
                SyntaxKind::DOTS | SyntaxKind::DOTS_NODE | SyntaxKind::DISJ
            ) || self
                .pat
                .single_metavar(&p.el)
                .is_some_and(|(_, mv)| self.pat.is_list_metavar(mv))
        });
        let (pattern, code, reason) = match (ps.get(cs.len()), cs.get(ps.len())) {
            _ if variadic => return,
            (Some(p), None) => (
                crate::syntax::sig_tokens(&p.el).into_iter().next(),
                end..end,
                Reason::ListEnds,
            ),
            (None, Some(c)) => (close.cloned(), sig_range(&c.el), Reason::ListGoesOn),
            _ => return,
        };
        if let Some(pattern_token) = pattern.and_then(|t| self.own_pattern_token(&t)) {
            r.record(Failure {
                pattern_token,
                code,
                reason,
                attempt: *r.attempt.borrow(),
            });
        }
    }

    /// Pattern token `pt` did not match `c`.
    pub(crate) fn explain_token(&self, pt: &SyntaxToken, c: &SyntaxElement) {
        if self.explain.is_some() {
            self.explain_failure(&SyntaxElement::Token(pt.clone()), c, Reason::TokenDiffers);
        }
    }

    /// Metavariable `mv` (written as `tok`) refused `c` for one of its constraints.
    pub(crate) fn explain_constraint(
        &self,
        tok: &SyntaxToken,
        mv: usize,
        c: &SyntaxElement,
        b: &Binding,
        env: &Env,
    ) {
        if self.explain.is_none() {
            return;
        }
        let value_of = |v: &str| self.constraint_value(v, env);
        let constraint = self.pat.metavars[mv]
            .constraints
            .iter()
            .position(|k| !crate::meta_checks::constraint_holds(k, b, &value_of));
        let reason = Reason::Constraint {
            metavar: mv,
            constraint,
        };
        self.explain_failure(&SyntaxElement::Token(tok.clone()), c, reason);
    }

    /// Whether the positions attached to pattern token `tok` (index `i`) accept `at`, where
    /// it matched `c`; a refusal is recorded as the position's constraint.
    pub(crate) fn positions_accept(
        &self,
        (tok, i): (&SyntaxToken, usize),
        c: &SyntaxElement,
        at: &Range<usize>,
        env: &Env,
    ) -> bool {
        let Some((mv, constraint)) =
            crate::attach::leading_position_refusing(&self.pat, i, at, env)
        else {
            return true;
        };
        match constraint {
            Some(constraint) if self.explain.is_some() => {
                let reason = Reason::Constraint {
                    metavar: mv,
                    constraint: Some(constraint),
                };
                self.explain_failure(&SyntaxElement::Token(tok.clone()), c, reason);
            }
            Some(_) => {}
            None => self.explain_rebound(tok, mv, c, env),
        }
        false
    }

    /// Metavariable `mv` is bound in `env` to other code than `c`.
    pub(crate) fn explain_rebound(
        &self,
        tok: &SyntaxToken,
        mv: usize,
        c: &SyntaxElement,
        env: &Env,
    ) {
        if let Some(bound) = env.binding(mv).filter(|_| self.explain.is_some()) {
            let reason = Reason::Inconsistent {
                metavar: mv,
                bound: bound.text.clone(),
            };
            self.explain_failure(&SyntaxElement::Token(tok.clone()), c, reason);
        }
    }

    /// The code of `c` has a type metavariable `mv` does not accept.
    pub(crate) fn explain_type(&self, tok: &SyntaxToken, mv: usize, c: &SyntaxElement) {
        if self.explain.is_some() {
            let found = self.types.type_of(c);
            let reason = Reason::Type { metavar: mv, found };
            self.explain_failure(&SyntaxElement::Token(tok.clone()), c, reason);
        }
    }

    /// `when` clauses of `dots` forbid the code `code`.
    pub(crate) fn explain_when(&self, dots: &SyntaxElement, code: &[SyntaxElement]) {
        let (Some(r), Some(first), Some(last)) = (self.explain, code.first(), code.last()) else {
            return;
        };
        let Some(token) = crate::syntax::sig_tokens(dots)
            .into_iter()
            .find(|t| {
                matches!(
                    t.kind(),
                    SyntaxKind::DOTS | SyntaxKind::NEST_OPEN | SyntaxKind::NEST_PLUS_OPEN
                )
            })
            .and_then(|t| self.own_pattern_token(&t))
        else {
            return;
        };
        r.record(Failure {
            pattern_token: token,
            code: sig_range(first).start..sig_range(last).end,
            reason: Reason::When,
            attempt: *r.attempt.borrow(),
        });
    }

    /// The index of a token of the rule's own pattern outside `when` clauses.
    fn own_pattern_token(&self, t: &SyntaxToken) -> Option<usize> {
        let root: SyntaxNode = t.parent_ancestors().last()?;
        if root != self.pat.minus_tree
            || t.parent_ancestors()
                .any(|a| a.kind() == SyntaxKind::WHEN_CLAUSE)
        {
            return None;
        }
        self.pat.token_index(t)
    }
}

/// Runs one of the checks a found match must pass (`check`), noting the match when it is
/// dropped; without a recorder, just the check.
pub(crate) fn kept(
    recorder: Option<&Recorder>,
    mt: Match,
    why: impl Fn(&Match) -> DropReason,
    check: impl FnOnce(Match) -> Option<Match>,
) -> Option<Match> {
    let Some(r) = recorder else {
        return check(mt);
    };
    let copy = mt.clone();
    let out = check(mt);
    if out.is_none() {
        r.trace.borrow_mut().dropped.push(Dropped {
            range: copy.range.clone(),
            why: why(&copy),
            env: copy.env,
        });
    }
    out
}

/// Which attached metavariable refused a match `bind_attached` dropped: the first attached
/// position whose constraint fails, else the first attached metavariable (bound already to
/// other code).
pub(crate) fn attached_refusal(pat: &crate::pattern::Pattern, mt: &Match) -> DropReason {
    let mut first = None;
    for (i, t) in pat.body.tokens.iter().enumerate() {
        for &mv in &t.attached {
            first.get_or_insert(DropReason::Attached {
                pattern_token: i,
                metavar: mv,
            });
            let Some(range) = mt.env.token_range(i) else {
                continue;
            };
            if !crate::attach::position_constraints_hold(pat, mv, &range, &mt.env) {
                return DropReason::Attached {
                    pattern_token: i,
                    metavar: mv,
                };
            }
        }
    }
    first.unwrap_or(DropReason::Script)
}
