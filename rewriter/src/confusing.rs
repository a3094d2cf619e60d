//! Which lines `diff` sets aside before searching for a shortest edit script: lines with no
//! equal on the other side (they are changed whatever happens) and, inside runs of those,
//! lines that occur very often on the other side (they would only invite spurious matches).
//! Setting them aside changes which of several shortest scripts is found, so reproducing
//! `diff -u -p` byte for byte needs the same choice.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Keep,
    /// No equal line on the other side.
    Unmatched,
    /// Equal to more lines on the other side than the threshold.
    Frequent,
}

/// For each line of `a` and of `b` (line ids, equal ids for equal lines): whether it takes part
/// in the search (`true`) or is set aside as changed (`false`).
pub fn lines_to_search(a: &[u32], b: &[u32]) -> (Vec<bool>, Vec<bool>) {
    let max_id = a
        .iter()
        .chain(b)
        .copied()
        .max()
        .map(|m| m as usize + 1)
        .unwrap_or(0);
    let mut count_a = vec![0usize; max_id];
    let mut count_b = vec![0usize; max_id];
    a.iter().for_each(|&id| count_a[id as usize] += 1);
    b.iter().for_each(|&id| count_b[id as usize] += 1);
    let mut marks_a = initial_marks(a, &count_b);
    let mut marks_b = initial_marks(b, &count_a);
    settle_runs(&mut marks_a);
    settle_runs(&mut marks_b);
    (
        marks_a.iter().map(|&m| m == Mark::Keep).collect(),
        marks_b.iter().map(|&m| m == Mark::Keep).collect(),
    )
}

fn initial_marks(lines: &[u32], other_counts: &[usize]) -> Vec<Mark> {
    // The threshold grows with the square root of the number of lines: 5 up to 255 lines,
    // doubling for each further factor of 4.
    let mut many = 5usize;
    let mut scale = lines.len() / 64;
    loop {
        scale >>= 2;
        if scale == 0 {
            break;
        }
        many *= 2;
    }
    lines
        .iter()
        .map(|&id| match other_counts[id as usize] {
            0 => Mark::Unmatched,
            n if n > many => Mark::Frequent,
            _ => Mark::Keep,
        })
        .collect()
}

/// A frequent line is set aside only inside a run of set-aside lines that begins and ends with
/// unmatched ones, and only where frequent lines are a small part of the run, not in long
/// stretches of their own, and not near the run's ends before a few unmatched lines in a row.
fn settle_runs(marks: &mut [Mark]) {
    let n = marks.len();
    let mut i = 0;
    while i < n {
        match marks[i] {
            Mark::Keep => {
                i += 1;
                continue;
            }
            Mark::Frequent => {
                // Not preceded by an unmatched line in its run.
                marks[i] = Mark::Keep;
                i += 1;
                continue;
            }
            Mark::Unmatched => {}
        }
        let mut end = i;
        let mut frequent = 0usize;
        while end < n && marks[end] != Mark::Keep {
            if marks[end] == Mark::Frequent {
                frequent += 1;
            }
            end += 1;
        }
        while end > i && marks[end - 1] == Mark::Frequent {
            end -= 1;
            marks[end] = Mark::Keep;
            frequent -= 1;
        }
        let run = &mut marks[i..end];
        let len = run.len();
        if frequent * 4 > len {
            run.iter_mut()
                .filter(|m| **m == Mark::Frequent)
                .for_each(|m| *m = Mark::Keep);
        } else {
            drop_long_frequent_stretches(run);
            release_frequent_near_start(run.iter_mut());
            release_frequent_near_start(run.iter_mut().rev());
        }
        i = end.max(i + 1);
    }
}

/// Frequent lines in a stretch of `limit` or more in a row are kept, where `limit` grows with
/// the square root of the run's length (2 from 16 lines, 3 from 64, ...).
fn drop_long_frequent_stretches(run: &mut [Mark]) {
    let mut limit = 1usize;
    let mut scale = run.len() >> 2;
    loop {
        scale >>= 2;
        if scale == 0 {
            break;
        }
        limit <<= 1;
    }
    limit += 1;
    let mut j = 0;
    while j < run.len() {
        if run[j] != Mark::Frequent {
            j += 1;
            continue;
        }
        let start = j;
        while j < run.len() && run[j] == Mark::Frequent {
            j += 1;
        }
        if j - start >= limit {
            run[start..j].iter_mut().for_each(|m| *m = Mark::Keep);
        }
    }
}

/// From one end of a run, frequent lines are kept until three unmatched lines in a row are
/// seen, or an unmatched line at least 8 lines in.
fn release_frequent_near_start<'a>(marks: impl Iterator<Item = &'a mut Mark>) {
    let mut in_a_row = 0;
    for (j, m) in marks.enumerate() {
        if j >= 8 && *m == Mark::Unmatched {
            break;
        }
        match *m {
            Mark::Frequent => {
                *m = Mark::Keep;
                in_a_row = 0;
            }
            Mark::Keep => in_a_row = 0,
            Mark::Unmatched => in_a_row += 1,
        }
        if in_a_row == 3 {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmatched_lines_are_set_aside() {
        let (a, b) = lines_to_search(&[1, 2, 3], &[1, 4, 3]);
        assert_eq!(a, [true, false, true]);
        assert_eq!(b, [true, false, true]);
    }

    #[test]
    fn frequent_lines_alone_are_kept() {
        let a = [1, 2, 1];
        let b = [1; 10];
        let (ka, _) = lines_to_search(&a, &b);
        assert_eq!(ka, [true, false, true]);
    }
}
