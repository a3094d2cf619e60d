//! Which lines of two texts changed: Myers' O(ND) algorithm in linear space, with runs of
//! changes slid to where `diff` puts them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hash of a line, eight bytes at a time: equal numbers come from a full
/// comparison of the lines, so a fast hash is all the numbering needs (SipHash was most of
/// the cost of diffing a file).
#[derive(Default)]
struct LineHasher(u64);

impl Hasher for LineHasher {
    fn write(&mut self, bytes: &[u8]) {
        for word in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..word.len()].copy_from_slice(word);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// One step of a line diff, over 0-based line indices of the old and new texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffOp {
    Equal { old: usize, new: usize, len: usize },
    Delete { old: usize, len: usize, new: usize },
    Insert { old: usize, new: usize, len: usize },
}

/// Splits a text into lines, each with its `\n` (the last may lack one).
pub fn split_lines(text: &str) -> Vec<&str> {
    // `memchr`'s vector search: the standard library's `split_inclusive` was a tenth of the
    // cost of diffing a file.
    let mut lines = Vec::new();
    let mut start = 0;
    for newline in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(&text[start..=newline]);
        start = newline + 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Which lines of each side are changed, as `diff` computes it: a shortest edit script, with
/// each run of changes then slid down as far as identical lines allow, unless sliding it up
/// joins it to a change on the other side.
pub(super) fn changed_lines<'t>(
    old: &[&'t str],
    new: &[&'t str],
    horizon: usize,
) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (old.len(), new.len());
    // Like `diff`, search only between the common prefix and suffix, widened by `horizon`
    // lines on each side: the lines set aside depend on what the window holds.
    let prefix = old.iter().zip(new).take_while(|(x, y)| x == y).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let lead = prefix.min(horizon);
    let trail = suffix.min(horizon);
    let (lo, a_hi, b_hi) = (prefix - lead, n - suffix + trail, m - suffix + trail);
    // Lines are numbered (equal lines, equal numbers) in the window only: the rest is not
    // searched.
    let mut ids: HashMap<&'t str, u32, BuildHasherDefault<LineHasher>> =
        HashMap::with_capacity_and_hasher(a_hi - lo + b_hi - lo, Default::default());
    let mut number = |lines: &[&'t str]| -> Vec<u32> {
        lines
            .iter()
            .map(|&l| {
                let next = ids.len() as u32;
                *ids.entry(l).or_insert(next)
            })
            .collect()
    };
    let wa = &number(&old[lo..a_hi])[..];
    let wb = &number(&new[lo..b_hi])[..];
    let (keep_a, keep_b) = crate::confusing::lines_to_search(wa, wb);
    let kept = |w: &[u32], keep: &[bool]| -> (Vec<u32>, Vec<usize>) {
        w.iter()
            .zip(keep)
            .enumerate()
            .filter(|(_, (_, &k))| k)
            .map(|(i, (&id, _))| (id, i))
            .unzip()
    };
    let (ka, ia) = kept(wa, &keep_a);
    let (kb, ib) = kept(wb, &keep_b);
    let mut cka = vec![false; ka.len()];
    let mut ckb = vec![false; kb.len()];
    let mut search = Search::new(ka.len() + kb.len());
    search.compare(&ka, &kb, 0, 0, &mut cka, &mut ckb, false);
    // One sentinel on each side keeps the sliding loops free of bounds checks.
    let window_marks = |len: usize, keep: &[bool], idx: &[usize], ck: &[bool]| -> Vec<bool> {
        let mut c = vec![false; len + 2];
        for (i, &k) in keep.iter().enumerate() {
            c[i + 1] = !k;
        }
        for (k, &i) in idx.iter().enumerate() {
            c[i + 1] = ck[k];
        }
        c
    };
    let mut ca = window_marks(wa.len(), &keep_a, &ia, &cka);
    let mut cb = window_marks(wb.len(), &keep_b, &ib, &ckb);
    slide_runs(wa, &mut ca, &cb);
    slide_runs(wb, &mut cb, &ca);
    let mut full_a = vec![false; n];
    let mut full_b = vec![false; m];
    full_a[lo..a_hi].copy_from_slice(&ca[1..=wa.len()]);
    full_b[lo..b_hi].copy_from_slice(&cb[1..=wb.len()]);
    (full_a, full_b)
}

/// Scratch vectors for the middle-snake search, and its cost limit.
struct Search {
    forward: Vec<isize>,
    backward: Vec<isize>,
    /// After this many rounds without the searches meeting, `diff` settles for the furthest
    /// point either has reached (a diff that may not be the shortest, found in bounded time):
    /// about the square root of the number of lines, at least 4096.
    too_expensive: isize,
}

impl Search {
    fn new(max: usize) -> Self {
        let size = 2 * max + 3;
        let mut limit: isize = 1;
        let mut diagonals = max + 3;
        while diagonals != 0 {
            diagonals >>= 2;
            limit <<= 1;
        }
        Search {
            forward: vec![0; size],
            backward: vec![0; size],
            too_expensive: limit.max(4096),
        }
    }

    /// Marks the lines of `a` and `b` outside a common subsequence (a longest one when
    /// `minimal`, or when the search stays within its cost limit).
    #[allow(clippy::too_many_arguments)]
    fn compare(
        &mut self,
        a: &[u32],
        b: &[u32],
        a0: usize,
        b0: usize,
        ca: &mut [bool],
        cb: &mut [bool],
        minimal: bool,
    ) {
        let mut a = a;
        let mut b = b;
        let mut a0 = a0;
        let mut b0 = b0;
        // Common prefix and suffix first: cheap and the common case.
        let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        a = &a[prefix..];
        b = &b[prefix..];
        a0 += prefix;
        b0 += prefix;
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        a = &a[..a.len() - suffix];
        b = &b[..b.len() - suffix];
        if a.is_empty() {
            cb[b0..b0 + b.len()].iter_mut().for_each(|c| *c = true);
            return;
        }
        if b.is_empty() {
            ca[a0..a0 + a.len()].iter_mut().for_each(|c| *c = true);
            return;
        }
        let Split {
            x,
            y,
            lo_minimal,
            hi_minimal,
        } = self.middle_snake(a, b, minimal);
        if (x == 0 && y == 0) || (x == a.len() && y == b.len()) {
            // No split found (cannot happen for non-empty, differing inputs): give up cleanly.
            ca[a0..a0 + a.len()].iter_mut().for_each(|c| *c = true);
            cb[b0..b0 + b.len()].iter_mut().for_each(|c| *c = true);
            return;
        }
        self.compare(&a[..x], &b[..y], a0, b0, ca, cb, lo_minimal);
        self.compare(&a[x..], &b[y..], a0 + x, b0 + y, ca, cb, hi_minimal);
    }

    /// A point on a shortest edit path from (0, 0) to (len a, len b), found by searching from
    /// both ends until the furthest-reaching paths meet (see `Frontiers`).
    ///
    /// Also says whether each half must then be searched for a shortest script: both, after
    /// the searches met; only the half the cost limit's fallback point was not taken from
    /// otherwise.
    fn middle_snake(&mut self, a: &[u32], b: &[u32], minimal: bool) -> Split {
        let size = a.len() + b.len() + 3;
        if self.forward.len() < size {
            self.forward.resize(size, 0);
            self.backward.resize(size, 0);
        }
        let too_expensive = self.too_expensive;
        let mut frontiers = Frontiers::new(a, b, &mut self.forward, &mut self.backward);
        // The diagonals' parity says which search can meet the other: the forward one when the
        // end's diagonal is odd, the backward one when it is even.
        let odd = (a.len() + b.len()) & 1 != 0;
        let mut rounds: isize = 0;
        loop {
            if let Some((x, y)) = frontiers.advance_forward(odd) {
                return Split::met(x, y);
            }
            if let Some((x, y)) = frontiers.advance_backward(!odd) {
                return Split::met(x, y);
            }
            rounds += 1;
            if !minimal && rounds >= too_expensive {
                return frontiers.furthest_split();
            }
        }
    }
}

/// Where `compare` divides its two sequences, and whether each half must be searched for a
/// shortest script.
struct Split {
    x: usize,
    y: usize,
    lo_minimal: bool,
    hi_minimal: bool,
}

impl Split {
    /// The searches met: a point on a shortest path, both halves searched exactly.
    fn met(x: isize, y: isize) -> Self {
        Split {
            x: x as usize,
            y: y as usize,
            lo_minimal: true,
            hi_minimal: true,
        }
    }
}

/// The two searches of the middle snake. Diagonals are `k = x - y`; each search records the x
/// it has reached on each diagonal (in `forward` from (0, 0), in `backward` from (n, m)) and
/// the range of diagonals it has reached so far. Both visit diagonals from the highest down, a
/// tie going to the step through `a` (the order `diff` uses, so that of several shortest
/// scripts the same one is found).
struct Frontiers<'s> {
    a: &'s [u32],
    b: &'s [u32],
    n: isize,
    m: isize,
    forward: &'s mut [isize],
    backward: &'s mut [isize],
    fmin: isize,
    fmax: isize,
    bmin: isize,
    bmax: isize,
}

impl<'s> Frontiers<'s> {
    fn new(
        a: &'s [u32],
        b: &'s [u32],
        forward: &'s mut [isize],
        backward: &'s mut [isize],
    ) -> Self {
        let n = a.len() as isize;
        let m = b.len() as isize;
        let frontiers = Frontiers {
            a,
            b,
            n,
            m,
            forward,
            backward,
            fmin: 0,
            fmax: 0,
            bmin: n - m,
            bmax: n - m,
        };
        let (fmid, bmid) = (frontiers.at(0), frontiers.at(n - m));
        frontiers.forward[fmid] = 0;
        frontiers.backward[bmid] = n;
        frontiers
    }

    /// The index of diagonal `k` (from -m - 1 to n + 1) in the vectors.
    fn at(&self, k: isize) -> usize {
        (k + self.m + 1) as usize
    }

    /// One more round of the forward search: its range of diagonals widens by one each side
    /// (or narrows where it reached a border), each diagonal takes one step and follows its
    /// snake. Returns the point where it reaches the backward search, when `may_meet`.
    fn advance_forward(&mut self, may_meet: bool) -> Option<(isize, isize)> {
        let (n, m) = (self.n, self.m);
        if self.fmin > -m {
            self.fmin -= 1;
            let i = self.at(self.fmin - 1);
            self.forward[i] = -1;
        } else {
            self.fmin += 1;
        }
        if self.fmax < n {
            self.fmax += 1;
            let i = self.at(self.fmax + 1);
            self.forward[i] = -1;
        } else {
            self.fmax -= 1;
        }
        let mut k = self.fmax;
        while k >= self.fmin {
            let (lo, hi) = (self.forward[self.at(k - 1)], self.forward[self.at(k + 1)]);
            let mut x = if lo >= hi { lo + 1 } else { hi };
            let mut y = x - k;
            while x < n && y < m && self.a[x as usize] == self.b[y as usize] {
                x += 1;
                y += 1;
            }
            let i = self.at(k);
            self.forward[i] = x;
            if may_meet && self.bmin <= k && k <= self.bmax && self.backward[i] <= x {
                return Some((x, y));
            }
            k -= 2;
        }
        None
    }

    /// One more round of the backward search, as `advance_forward` but from (n, m).
    fn advance_backward(&mut self, may_meet: bool) -> Option<(isize, isize)> {
        let (n, m) = (self.n, self.m);
        if self.bmin > -m {
            self.bmin -= 1;
            let i = self.at(self.bmin - 1);
            self.backward[i] = isize::MAX;
        } else {
            self.bmin += 1;
        }
        if self.bmax < n {
            self.bmax += 1;
            let i = self.at(self.bmax + 1);
            self.backward[i] = isize::MAX;
        } else {
            self.bmax -= 1;
        }
        let mut k = self.bmax;
        while k >= self.bmin {
            let (lo, hi) = (self.backward[self.at(k - 1)], self.backward[self.at(k + 1)]);
            let mut x = if lo < hi { lo } else { hi - 1 };
            let mut y = x - k;
            while x > 0 && y > 0 && self.a[(x - 1) as usize] == self.b[(y - 1) as usize] {
                x -= 1;
                y -= 1;
            }
            let i = self.at(k);
            self.backward[i] = x;
            if may_meet && self.fmin <= k && k <= self.fmax && x <= self.forward[i] {
                return Some((x, y));
            }
            k -= 2;
        }
        None
    }

    /// Over the cost limit: the forward point furthest along (max x + y) or the backward one
    /// (min x + y), whichever has made more progress; only the other half is searched exactly.
    fn furthest_split(&self) -> Split {
        let (n, m) = (self.n, self.m);
        let (mut f_best, mut f_x) = (-1isize, 0isize);
        let mut k = self.fmax;
        while k >= self.fmin {
            let reached = self.forward[self.at(k)].min(n);
            let (mut x, mut y) = (reached, reached - k);
            if y > m {
                x = m + k;
                y = m;
            }
            if f_best < x + y {
                f_best = x + y;
                f_x = x;
            }
            k -= 2;
        }
        let (mut b_best, mut b_x) = (isize::MAX, 0isize);
        let mut k = self.bmax;
        while k >= self.bmin {
            let reached = self.backward[self.at(k)].max(0);
            let (mut x, mut y) = (reached, reached - k);
            if y < 0 {
                x = k;
                y = 0;
            }
            if x + y < b_best {
                b_best = x + y;
                b_x = x;
            }
            k -= 2;
        }
        if (n + m) - b_best < f_best {
            Split {
                x: f_x as usize,
                y: (f_best - f_x) as usize,
                lo_minimal: true,
                hi_minimal: false,
            }
        } else {
            Split {
                x: b_x as usize,
                y: (b_best - b_x) as usize,
                lo_minimal: false,
                hi_minimal: true,
            }
        }
    }
}

/// Slides each run of changed lines of one side (`changed` has a `false` sentinel at each end,
/// `other` likewise) so that diffs come out as `diff` prints them: a run moves down as far as
/// the line after it equals its first line, merging with runs it meets; if it was adjacent to a
/// change on the other side at some point, it moves back up to the lowest such point.
fn slide_runs(lines: &[u32], changed: &mut [bool], other: &[bool]) {
    let n = lines.len();
    // Indices into `changed`/`other` are 1-based here (0 and len+1 are the sentinels).
    let same = |x: usize, y: usize| lines[x - 1] == lines[y - 1];
    let mut i = 1usize;
    let mut j = 1usize;
    let end = n + 1;
    loop {
        while i < end && !changed[i] {
            while other[j] {
                j += 1;
            }
            j += 1;
            i += 1;
        }
        if i == end {
            break;
        }
        let mut start = i;
        while changed[i] {
            i += 1;
        }
        while other[j] {
            j += 1;
        }
        let mut aligned_end;
        loop {
            let run_len = i - start;
            while start > 1 && same(start - 1, i - 1) {
                start -= 1;
                changed[start] = true;
                i -= 1;
                changed[i] = false;
                while changed[start - 1] {
                    start -= 1;
                }
                j -= 1;
                while other[j] {
                    j -= 1;
                }
            }
            aligned_end = if other[j - 1] { i } else { end };
            while i != end && same(start, i) {
                changed[start] = false;
                start += 1;
                changed[i] = true;
                i += 1;
                while changed[i] {
                    i += 1;
                }
                j += 1;
                while other[j] {
                    j += 1;
                    aligned_end = i;
                }
            }
            if run_len == i - start {
                break;
            }
        }
        while aligned_end < i {
            start -= 1;
            changed[start] = true;
            i -= 1;
            changed[i] = false;
            j -= 1;
            while other[j] {
                j -= 1;
            }
        }
    }
}

/// The line diff of two texts as a sequence of equal, deleted and inserted runs (deletions
/// before insertions where both happen at one place).
pub fn line_diff(old: &str, new: &str) -> Vec<DiffOp> {
    let a = split_lines(old);
    let b = split_lines(new);
    ops_from_changes(&changed_lines(&a, &b, 3))
}

pub(super) fn ops_from_changes((ca, cb): &(Vec<bool>, Vec<bool>)) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    while i < ca.len() || j < cb.len() {
        let eq_start = (i, j);
        while i < ca.len() && j < cb.len() && !ca[i] && !cb[j] {
            i += 1;
            j += 1;
        }
        if i > eq_start.0 {
            ops.push(DiffOp::Equal {
                old: eq_start.0,
                new: eq_start.1,
                len: i - eq_start.0,
            });
        }
        let del_start = i;
        while i < ca.len() && ca[i] {
            i += 1;
        }
        if i > del_start {
            ops.push(DiffOp::Delete {
                old: del_start,
                len: i - del_start,
                new: j,
            });
        }
        let ins_start = j;
        while j < cb.len() && cb[j] {
            j += 1;
        }
        if j > ins_start {
            ops.push(DiffOp::Insert {
                old: i,
                new: ins_start,
                len: j - ins_start,
            });
        }
        if i == del_start && j == ins_start && (i < ca.len()) != (j < cb.len()) {
            // Only possible on inconsistent marks: treat the rest as changed.
            if i < ca.len() {
                ops.push(DiffOp::Delete {
                    old: i,
                    len: ca.len() - i,
                    new: j,
                });
                i = ca.len();
            } else {
                ops.push(DiffOp::Insert {
                    old: i,
                    new: j,
                    len: cb.len() - j,
                });
                j = cb.len();
            }
        }
    }
    ops
}
