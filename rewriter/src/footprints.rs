//! The changes of the matches accepted so far, indexed so that whether another match collides
//! with them is answered in log time: a rule with thousands of matches in one file must not
//! compare each with every other.
//!
//! A collision, as between two matches' changes: the same code removed twice (a nested match),
//! the same code added at the same place twice, removed code overlapping other removed code,
//! or code added strictly inside code another match removes. Code added after a statement is
//! the same addition only when it follows the same statement: nested statements that end
//! together (`else if` chains, `if (a) if (b) c();`) each get theirs, inner first.

use crate::rewrite::Addition;
use c_parser::FxHashSet;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

#[derive(Clone, Debug, Default)]
pub struct AcceptedChanges {
    /// Hashed with FxHash: offsets and added code hashed with SipHash were most of the cost of
    /// accepting a match's changes (only membership is asked, so the order is no concern).
    removals: FxHashSet<(usize, usize)>,
    additions: FxHashSet<Addition>,
    /// The C ranges code was added after.
    after_ranges: FxHashSet<(usize, usize)>,
    /// Removed ranges, those that overlap merged (ranges that only touch stay apart): start →
    /// end, disjoint.
    spans: BTreeMap<usize, usize>,
    /// Offsets code is added at.
    points: BTreeSet<usize>,
}

impl AcceptedChanges {
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether a match removing `removals` and adding `additions` (some of them after the C
    /// ranges `after`) collides with the changes accepted so far.
    pub fn collides(
        &self,
        removals: &[Range<usize>],
        additions: &[Addition],
        after: &[Range<usize>],
    ) -> bool {
        removals
            .iter()
            .any(|r| self.removals.contains(&(r.start, r.end)))
            || additions
                .iter()
                .any(|a| self.additions.contains(a) && !self.after_other_code(a.at, after))
            || removals
                .iter()
                .filter(|r| !r.is_empty())
                .any(|r| self.overlaps_span(r) || self.point_strictly_inside(r))
            || removals
                .iter()
                .filter(|r| r.is_empty())
                .map(|r| r.start)
                .chain(additions.iter().map(|a| a.at))
                .any(|at| self.strictly_inside_span(at))
    }

    /// The indices of `additions` that repeat accepted ones after other code (see
    /// `collides`): the caller adds their code once more beside the accepted code.
    pub fn repeated(&self, additions: &[Addition]) -> Vec<usize> {
        (0..additions.len())
            .filter(|&i| self.additions.contains(&additions[i]))
            .collect()
    }

    /// Whether some of `after` ends at `at` with no accepted addition after it: code added
    /// there follows another statement than the accepted code does.
    fn after_other_code(&self, at: usize, after: &[Range<usize>]) -> bool {
        after
            .iter()
            .any(|r| r.end == at && !self.after_ranges.contains(&(r.start, r.end)))
    }

    /// Records a match's changes (one that does not collide).
    pub fn accept(
        &mut self,
        removals: &[Range<usize>],
        additions: &[Addition],
        after: &[Range<usize>],
    ) {
        self.after_ranges
            .extend(after.iter().map(|r| (r.start, r.end)));
        for r in removals {
            self.removals.insert((r.start, r.end));
            if r.is_empty() {
                self.points.insert(r.start);
            } else {
                self.add_span(r.clone());
            }
        }
        for a in additions {
            self.additions.insert(a.clone());
            self.points.insert(a.at);
        }
    }

    /// A removed range sharing bytes with `r`.
    fn overlaps_span(&self, r: &Range<usize>) -> bool {
        let before = self
            .spans
            .range(..r.start)
            .next_back()
            .is_some_and(|(_, &end)| end > r.start);
        before || self.spans.range(r.start..r.end).next().is_some()
    }

    /// An insertion point strictly inside `r`.
    fn point_strictly_inside(&self, r: &Range<usize>) -> bool {
        r.end > r.start + 1 && self.points.range(r.start + 1..r.end).next().is_some()
    }

    /// `at` strictly inside a removed range.
    fn strictly_inside_span(&self, at: usize) -> bool {
        self.spans
            .range(..at)
            .next_back()
            .is_some_and(|(_, &end)| end > at)
    }

    fn add_span(&mut self, r: Range<usize>) {
        let (mut start, mut end) = (r.start, r.end);
        // Merge with every span it overlaps (sharing bytes; touching is not overlapping).
        while let Some((&s, &e)) = self.spans.range(..end).next_back() {
            if e <= start {
                break;
            }
            self.spans.remove(&s);
            start = start.min(s);
            end = end.max(e);
        }
        self.spans.insert(start, end);
    }
}

#[cfg(test)]
// One removed range, given as the slice `collides` takes.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::rewrite::Placement;

    fn add(at: usize, code: &str) -> Addition {
        Addition {
            at,
            code: code.into(),
            placement: Placement::Inline,
        }
    }

    #[test]
    fn collisions_as_between_two_matches() {
        let mut accepted = AcceptedChanges::new();
        accepted.accept(&[10..15, 20..25], &[add(10, "x")], &[]);
        // The same removal: a nested match.
        assert!(accepted.collides(&[20..25], &[], &[]));
        // The same addition at the same place.
        assert!(accepted.collides(&[], &[add(10, "x")], &[]));
        // Other code at the same place, or at a removal's edge: no collision.
        assert!(!accepted.collides(&[], &[add(10, "y")], &[]));
        assert!(!accepted.collides(&[], &[add(15, "y"), add(20, "z")], &[]));
        // Overlapping removals.
        assert!(accepted.collides(&[12..13], &[], &[]));
        assert!(accepted.collides(&[5..11], &[], &[]));
        assert!(accepted.collides(&[24..30], &[], &[]));
        // Touching removals do not collide.
        assert!(!accepted.collides(&[15..20], &[], &[]));
        assert!(!accepted.collides(&[25..26], &[], &[]));
        // Code added strictly inside removed code, or removed code around added code.
        assert!(accepted.collides(&[], &[add(22, "y")], &[]));
        assert!(accepted.collides(&[8..12], &[], &[]));
        assert!(!accepted.collides(&[], &[add(25, "y")], &[]));
    }

    #[test]
    fn code_after_nested_statements_that_end_together_is_added_for_each() {
        let closing = Addition {
            at: 40,
            code: "}".into(),
            placement: Placement::LinesAfter,
        };
        let mut accepted = AcceptedChanges::new();
        // `else if (b) {...} else {...}` (10..40), then the inner `else`'s block (30..40).
        accepted.accept(&[], std::slice::from_ref(&closing), &[10..40]);
        assert!(!accepted.collides(&[], std::slice::from_ref(&closing), &[30..40]));
        assert_eq!(accepted.repeated(std::slice::from_ref(&closing)), vec![0]);
        // The same statement again is the same addition.
        assert!(accepted.collides(&[], std::slice::from_ref(&closing), &[10..40]));
        assert!(accepted.collides(&[], std::slice::from_ref(&closing), &[]));
    }

    #[test]
    fn overlapping_removals_of_one_match_are_merged_soundly() {
        let mut accepted = AcceptedChanges::new();
        accepted.accept(&[0..6, 4..10, 10..12], &[], &[]);
        assert!(accepted.collides(&[], &[add(5, "a")], &[]));
        assert!(accepted.collides(&[], &[add(7, "a")], &[]));
        // The point where two ranges only touch is inside neither.
        assert!(!accepted.collides(&[], &[add(10, "a")], &[]));
        assert!(accepted.collides(&[], &[add(11, "a")], &[]));
        assert!(!accepted.collides(&[12..14], &[], &[]));
    }
}
