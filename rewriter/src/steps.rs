//! The file's own indentation step near a place: what a line ending with `{` most often adds
//! for the line after it (a tab, 4 spaces, 2 spaces...), counted over the lines within 16 KiB
//! of the place, a tab if nothing says. Indexed once per text as far as places ask, so that
//! every added line can ask in log time.

use crate::lines::{line_end, line_start};
use std::cell::RefCell;
use std::ops::Range;

const WINDOW: usize = 16 * 1024;

/// One observed step: a `{` line and the next non-blank line.
#[derive(Clone, Copy, Debug)]
struct Observation {
    /// Start of the line ending with `{`.
    open_line: usize,
    /// End of the next non-blank line.
    next_line_end: usize,
}

/// The steps observed in a text, by step, searched for as places ask (a rewrite asks near
/// its edits only, and most of a long file is never searched).
#[derive(Clone, Debug, Default)]
pub struct IndentSteps {
    found: RefCell<Found>,
}

/// The `{` lines found in a stretch of the text.
#[derive(Clone, Debug, Default)]
struct Found {
    /// The stretch searched for braces (empty before the first question).
    searched: Range<usize>,
    /// Each distinct step with its observations in text order.
    by_step: Vec<(String, Vec<Observation>)>,
}

impl IndentSteps {
    pub fn new() -> Self {
        Self::default()
    }

    /// The step most often seen within the window around `near` (among equally frequent ones,
    /// the one whose first sighting comes last).
    pub fn near(&self, text: &str, near: usize) -> String {
        let from = line_start(text, near.saturating_sub(WINDOW));
        let to = line_end(text, (near + WINDOW).min(text.len()));
        let mut found = self.found.borrow_mut();
        found.search(text, from..to);
        let mut seen: Vec<(usize, usize, &str)> = found
            .by_step
            .iter()
            .filter_map(|(step, list)| {
                // Both ends grow with the position: the observations inside form one stretch.
                let lo = list.partition_point(|o| o.open_line < from);
                let hi = list.partition_point(|o| o.next_line_end <= to);
                (hi > lo).then(|| (list[lo].open_line, hi - lo, step.as_str()))
            })
            .collect();
        seen.sort_by_key(|&(first, _, _)| first);
        seen.iter()
            .max_by_key(|&&(_, count, _)| count)
            .map(|&(_, _, step)| step.to_string())
            .unwrap_or_else(|| "\t".to_string())
    }
}

impl Found {
    /// Searches the part of `wanted` not searched yet. An observation counts within a window
    /// only when its `{` lies inside it (the `{` is after the start of its line and before
    /// the end of the next one), so the braces of the window are all a question needs; the
    /// stretch searched stays one piece, and the lists stay in text order (a line gives at
    /// most one observation, so observations of a stretch before all others come first).
    fn search(&mut self, text: &str, wanted: Range<usize>) {
        if self.searched.is_empty() {
            self.searched = wanted.start..wanted.start;
        }
        if wanted.start < self.searched.start {
            let before = observe(text, wanted.start..self.searched.start);
            merge(&mut self.by_step, before, true);
            self.searched.start = wanted.start;
        }
        if wanted.end > self.searched.end {
            let after = observe(text, self.searched.end..wanted.end);
            merge(&mut self.by_step, after, false);
            self.searched.end = wanted.end;
        }
    }
}

/// The observations of the `{` lines whose `{` lies in `braces`, by step.
fn observe(text: &str, braces: Range<usize>) -> Vec<(String, Vec<Observation>)> {
    let mut by_step: Vec<(String, Vec<Observation>)> = Vec::new();
    // Only lines ending with `{` open a step: found by their braces, not by reading every
    // line.
    for (offset, _) in text[braces.clone()].match_indices('{') {
        let brace = braces.start + offset;
        let end = line_end(text, brace);
        if !text[brace + 1..end].trim_end().is_empty() {
            continue;
        }
        let open_line = line_start(text, brace);
        let Some((indent, next_line_end)) = next_non_blank_line(text, end + 1) else {
            continue;
        };
        let outer = leading_blanks(&text[open_line..end]);
        if let Some(step) = indent.strip_prefix(outer).filter(|s| !s.is_empty()) {
            let seen = Observation {
                open_line,
                next_line_end,
            };
            match by_step.iter_mut().find(|(s, _)| s == step) {
                Some((_, list)) => list.push(seen),
                None => by_step.push((step.to_string(), vec![seen])),
            }
        }
    }
    by_step
}

/// Adds the observations of a newly searched stretch, before or after the others.
fn merge(
    by_step: &mut Vec<(String, Vec<Observation>)>,
    stretch: Vec<(String, Vec<Observation>)>,
    before: bool,
) {
    for (step, mut list) in stretch {
        match by_step.iter_mut().find(|(s, _)| *s == step) {
            Some((_, old)) if before => {
                list.append(old);
                *old = list;
            }
            Some((_, old)) => old.append(&mut list),
            None => by_step.push((step, list)),
        }
    }
}

/// The indentation and the end of the first non-blank line from `pos` on.
fn next_non_blank_line(text: &str, mut pos: usize) -> Option<(&str, usize)> {
    while pos < text.len() {
        let end = line_end(text, pos);
        let line = text[pos..end].trim_end_matches('\r');
        if !line.trim().is_empty() {
            return Some((leading_blanks(line), end));
        }
        pos = end + 1;
    }
    None
}

/// The spaces and tabs a line starts with.
fn leading_blanks(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_of_the_file() {
        let two = "int f()\n{\n  if (x) {\n    y();\n  }\n}\n";
        assert_eq!(IndentSteps::new().near(two, 0), "  ");
        let none = "int f() {}\n";
        assert_eq!(IndentSteps::new().near(none, 0), "\t");
        // The most frequent step wins; blank lines after `{` are passed over.
        let mixed = "a {\n\n\tb {\n\t\tc;\n\t}\n}\nd {\n    e;\n}\n";
        assert_eq!(IndentSteps::new().near(mixed, 0), "\t");
    }

    /// The steps read line by line, as the definition says: each line ending with `{` and
    /// the next non-blank line.
    fn steps_line_by_line(text: &str) -> Vec<(String, Vec<(usize, usize)>)> {
        let mut by_step: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
        let mut open: Option<(usize, &str)> = None;
        let mut pos = 0;
        while pos < text.len() {
            let end = line_end(text, pos);
            let line = text[pos..end].trim_end_matches('\r');
            if !line.trim().is_empty() {
                let indent = leading_blanks(line);
                if let Some((open_line, outer)) = open.take() {
                    if let Some(step) = indent.strip_prefix(outer).filter(|s| !s.is_empty()) {
                        match by_step.iter_mut().find(|(s, _)| s == step) {
                            Some((_, list)) => list.push((open_line, end)),
                            None => by_step.push((step.to_string(), vec![(open_line, end)])),
                        }
                    }
                }
                if line.trim_end().ends_with('{') {
                    open = Some((pos, indent));
                }
            }
            pos = end + 1;
        }
        by_step
    }

    #[test]
    fn braces_found_by_search_give_the_steps_of_every_line() {
        let lines = [
            "f {\n",
            "\tx;\n",
            "  if (a) {\r\n",
            "    b; {\n",
            "\n",
            "  \t\n",
            "}\n",
            "\t\tc = { 1 };\n",
            "\t{  \n",
            "s = \"{\";\n",
            "{",
            "  y;",
        ];
        // Every sequence of four lines, in every order the counter gives.
        for n in 0..lines.len().pow(4) {
            let text: String = (0..4)
                .map(|k| lines[(n / lines.len().pow(k)) % lines.len()])
                .collect();
            let found: Vec<(String, Vec<(usize, usize)>)> = observe(&text, 0..text.len())
                .into_iter()
                .map(|(step, list)| {
                    let list = list
                        .iter()
                        .map(|o| (o.open_line, o.next_line_end))
                        .collect();
                    (step, list)
                })
                .collect();
            assert_eq!(found, steps_line_by_line(&text), "{text:?}");
        }
    }

    #[test]
    fn only_the_window_around_a_place_counts() {
        let tabs = "f {\n\tx;\n}\n".repeat(2000);
        let spaces = "g {\n  y;\n}\n".repeat(4000);
        let text = format!("{tabs}{spaces}");
        let steps = IndentSteps::new();
        assert_eq!(steps.near(&text, 0), "\t");
        assert_eq!(steps.near(&text, text.len() - 1), "  ");
    }

    /// Places asked in any order (forwards, backwards, far apart, near each other) get the
    /// answer of an index of the whole text, on texts of mixed steps much longer than the
    /// window.
    #[test]
    fn steps_searched_as_asked_are_those_of_the_whole_text() {
        let lines = [
            "f {\n",
            "\tx;\n",
            "  if (a) {\n",
            "    b;\n",
            "\n",
            "}\n",
            "\t{\n",
            "\t\tc;\n",
            "g {\n",
            "        d;\n",
        ];
        let mut seed = 7u64;
        let mut next = move |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..4 {
            let text: String = (0..12_000).map(|_| lines[next(lines.len())]).collect();
            let whole = IndentSteps::new();
            whole.found.borrow_mut().search(&text, 0..text.len());
            let asked = IndentSteps::new();
            for _ in 0..40 {
                let at = next(text.len() + 1);
                assert_eq!(asked.near(&text, at), whole.near(&text, at), "at {at}");
            }
        }
    }
}
