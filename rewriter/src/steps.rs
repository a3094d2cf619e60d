//! The file's own indentation step near a place: what a line ending with `{` most often adds
//! for the line after it (a tab, 4 spaces, 2 spaces...), counted over the lines within 16 KiB
//! of the place, a tab if nothing says. Indexed once per text, so that every added line can
//! ask in log time.

use crate::lines::{line_end, line_start};

const WINDOW: usize = 16 * 1024;

/// One observed step: a `{` line and the next non-blank line.
#[derive(Clone, Copy, Debug)]
struct Observation {
    /// Start of the line ending with `{`.
    open_line: usize,
    /// End of the next non-blank line.
    next_line_end: usize,
}

/// The steps observed in a text, by step.
#[derive(Clone, Debug, Default)]
pub struct IndentSteps {
    /// Each distinct step with its observations in text order.
    by_step: Vec<(String, Vec<Observation>)>,
}

impl IndentSteps {
    pub fn new(text: &str) -> Self {
        let mut by_step: Vec<(String, Vec<Observation>)> = Vec::new();
        let mut open: Option<(usize, &str)> = None;
        let mut pos = 0;
        while pos < text.len() {
            let end = line_end(text, pos);
            let line = text[pos..end].trim_end_matches('\r');
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            if !line.trim().is_empty() {
                if let Some((open_line, outer)) = open.take() {
                    if let Some(step) = indent.strip_prefix(outer).filter(|s| !s.is_empty()) {
                        let seen = Observation {
                            open_line,
                            next_line_end: end,
                        };
                        match by_step.iter_mut().find(|(s, _)| s == step) {
                            Some((_, list)) => list.push(seen),
                            None => by_step.push((step.to_string(), vec![seen])),
                        }
                    }
                }
                if line.trim_end().ends_with('{') {
                    open = Some((pos, indent));
                }
            }
            pos = end + 1;
        }
        IndentSteps { by_step }
    }

    /// The step most often seen within the window around `near` (among equally frequent ones,
    /// the one whose first sighting comes last).
    pub fn near(&self, text: &str, near: usize) -> String {
        let from = line_start(text, near.saturating_sub(WINDOW));
        let to = line_end(text, (near + WINDOW).min(text.len()));
        let mut seen: Vec<(usize, usize, &str)> = self
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_of_the_file() {
        let two = "int f()\n{\n  if (x) {\n    y();\n  }\n}\n";
        assert_eq!(IndentSteps::new(two).near(two, 0), "  ");
        let none = "int f() {}\n";
        assert_eq!(IndentSteps::new(none).near(none, 0), "\t");
        // The most frequent step wins; blank lines after `{` are passed over.
        let mixed = "a {\n\n\tb {\n\t\tc;\n\t}\n}\nd {\n    e;\n}\n";
        assert_eq!(IndentSteps::new(mixed).near(mixed, 0), "\t");
    }

    #[test]
    fn only_the_window_around_a_place_counts() {
        let tabs = "f {\n\tx;\n}\n".repeat(2000);
        let spaces = "g {\n  y;\n}\n".repeat(4000);
        let text = format!("{tabs}{spaces}");
        let steps = IndentSteps::new(&text);
        assert_eq!(steps.near(&text, 0), "\t");
        assert_eq!(steps.near(&text, text.len() - 1), "  ");
    }
}
