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
        // Only lines ending with `{` open a step: found by their braces, not by reading every
        // line (this index is built for each text a rule rewrites).
        for (brace, _) in text.match_indices('{') {
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
        assert_eq!(IndentSteps::new(two).near(two, 0), "  ");
        let none = "int f() {}\n";
        assert_eq!(IndentSteps::new(none).near(none, 0), "\t");
        // The most frequent step wins; blank lines after `{` are passed over.
        let mixed = "a {\n\n\tb {\n\t\tc;\n\t}\n}\nd {\n    e;\n}\n";
        assert_eq!(IndentSteps::new(mixed).near(mixed, 0), "\t");
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
            let found: Vec<(String, Vec<(usize, usize)>)> = IndentSteps::new(&text)
                .by_step
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
        let steps = IndentSteps::new(&text);
        assert_eq!(steps.near(&text, 0), "\t");
        assert_eq!(steps.near(&text, text.len() - 1), "  ");
    }
}
