//! What the user sees on stderr while and after a run: a progress bar on a terminal (files
//! done of the total, matches so far, the last file), and a summary at the end.

use crate::driver::FileOutcome;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// The progress bar, drawn only when stderr is a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(files: usize, wanted: bool) -> Self {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files, {prefix} matches  {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress { bar }
    }

    pub fn file_done(&self, outcome: &FileOutcome, matches: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_prefix(matches.to_string());
            bar.set_message(outcome.path.display().to_string());
        }
    }

    /// Prints a line on stderr above the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The counts of a run.
#[derive(Debug, Default)]
pub struct Summary {
    pub scanned: usize,
    /// Files no rule was tried on (the prefilter found none of a rule's names, or `depends
    /// on` ruled every rule out).
    pub no_rule_tried: usize,
    pub parsed: usize,
    pub changed: usize,
    pub hunks: usize,
    pub matches: usize,
    pub failed: usize,
    pub timed_out: usize,
    /// `FILE:LINE` of each region that did not parse.
    pub unparsed: Vec<String>,
    /// Rules with a body, and whether each matched somewhere.
    rules: Vec<(String, bool)>,
}

impl Summary {
    pub fn new(rule_names: &[String]) -> Self {
        Summary {
            rules: rule_names.iter().map(|r| (r.clone(), false)).collect(),
            ..Summary::default()
        }
    }

    /// Counts one file; `hunks` is the number of hunks of its diff.
    pub fn add(&mut self, outcome: &FileOutcome, hunks: usize) {
        self.scanned += 1;
        if outcome.error.is_some() {
            self.failed += 1;
        }
        if outcome.timed_out {
            self.timed_out += 1;
        }
        if outcome.parsed && !outcome.timed_out {
            self.parsed += 1;
        }
        if outcome.snapshot.is_some()
            && !outcome.timed_out
            && outcome.rules_run == 0
            && outcome.error.is_none()
        {
            self.no_rule_tried += 1;
        }
        if outcome.changed() && outcome.error.is_none() {
            self.changed += 1;
            self.hunks += hunks;
        }
        self.matches += outcome.matches.len();
        for m in &outcome.matches {
            if let Some(r) = self.rules.iter_mut().find(|r| r.0 == m.rule) {
                r.1 = true;
            }
        }
        let display = outcome.path.display();
        self.unparsed.extend(
            outcome
                .unparsed_lines
                .iter()
                .map(|l| format!("{display}:{l}")),
        );
    }

    /// The summary as printed on stderr.
    pub fn render(&self) -> String {
        let mut out = format!(
            "rcocci: {} files scanned, {} with no rule tried (prefilter), {} parsed, {} changed \
             ({} hunks), {} matches",
            self.scanned, self.no_rule_tried, self.parsed, self.changed, self.hunks, self.matches
        );
        if self.failed > 0 {
            out.push_str(&format!(", {} failed", self.failed));
        }
        if self.timed_out > 0 {
            out.push_str(&format!(" ({} timed out)", self.timed_out));
        }
        out.push('\n');
        if !self.unparsed.is_empty() {
            const SHOWN: usize = 20;
            out.push_str(&format!(
                "rcocci: {} regions not parsed:",
                self.unparsed.len()
            ));
            for place in self.unparsed.iter().take(SHOWN) {
                out.push_str(&format!("\n  {place}"));
            }
            if self.unparsed.len() > SHOWN {
                out.push_str(&format!("\n  and {} more", self.unparsed.len() - SHOWN));
            }
            out.push('\n');
        }
        let never: Vec<&str> = self
            .rules
            .iter()
            .filter(|r| !r.1)
            .map(|r| r.0.as_str())
            .collect();
        if !never.is_empty() {
            out.push_str(&format!(
                "rcocci: rules that never matched: {}\n",
                never.join(" ")
            ));
        }
        out
    }
}
