//! `rcocci convert PROFILE TREE`: a whole conversion of a source tree in one process, as a
//! profile describes it (issue 17). Each file goes through the steps in memory, one after the
//! other, and is written once:
//!
//! 1. versions: version-macro calls in `#if` lines made literal ([`versions`]);
//! 2. strip: conditionals decided by the profile's symbols (the unifdef crate, [`crate::strip`]);
//! 3. names: renames, include maps and deleted definitions, on tokens ([`lexical`]);
//! 4. one step per rule file, in the profile's order (the engine of `rcocci --sp-file`);
//! 5. layout fixes ([`layout`]).
//!
//! The result of a file is its text after the last step, the sites each step changed, and the
//! places it could not convert: notes of the steps and the matches of flag rules ([`rules`]).

pub mod inline_defs;
pub mod layout;
pub mod lexical;
pub mod names;
pub mod profile;
pub mod rules;
pub mod versions;

use crate::driver::FileNote;
use names::NameMap;
use profile::{Layout, Profile, Versions};
use rayon::prelude::*;
use rules::RuleStep;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What one step did to one file.
#[derive(Clone, Debug, Default)]
pub struct StepOutcome {
    /// The new text, `None` when the step changed nothing.
    pub new_text: Option<String>,
    /// How many places changed (the unit depends on the step: [`Step::unit`]).
    pub sites: usize,
    /// What the step could not do.
    pub notes: Vec<FileNote>,
    /// Sites flag rules matched.
    pub flags: Vec<FileNote>,
}

enum StepKind {
    Versions(Versions),
    Strip(Box<crate::strip::StripOptions>),
    Names,
    Rules(Box<RuleStep>),
    Layout(Layout),
}

/// One step of the conversion.
pub struct Step {
    pub name: String,
    /// What its sites are ("calls", "lines removed", ...).
    pub unit: &'static str,
    kind: StepKind,
}

/// A profile made ready to run: options parsed, rule files parsed, engines built.
pub struct Converter {
    pub profile: Profile,
    pub steps: Vec<Step>,
    exclude: NameMap<()>,
}

/// The conversion of one file.
#[derive(Debug)]
pub struct FileResult {
    /// The path relative to the tree.
    pub path: PathBuf,
    pub original: String,
    /// The text after the last step, if it differs from `original`.
    pub new_text: Option<String>,
    /// Whether the original bytes were UTF-8 (else the text maps bytes to private-use
    /// characters and [`FileResult::new_bytes`] maps them back).
    exact: bool,
    /// Sites per step (0: the step changed nothing).
    pub sites: Vec<usize>,
    /// Time spent in each step on this file.
    pub time: Vec<std::time::Duration>,
    /// What could not be converted, in line order: step notes and flagged sites.
    pub report: Vec<FileNote>,
    /// The file could not be read.
    pub error: Option<String>,
}

/// The conversion of one text: [`Converter::convert_text`].
#[derive(Debug)]
pub struct TextResult {
    pub new_text: Option<String>,
    /// Sites per step (0: the step changed nothing).
    pub sites: Vec<usize>,
    /// Time spent in each step.
    pub time: Vec<std::time::Duration>,
    /// What could not be converted, in line order.
    pub report: Vec<FileNote>,
}

impl FileResult {
    pub fn new_bytes(&self) -> Option<Vec<u8>> {
        self.new_text.as_ref().map(|t| {
            if self.exact {
                t.as_bytes().to_vec()
            } else {
                c_parser::SourceText::encode(t)
            }
        })
    }
}

impl Converter {
    /// Builds every step; the first problem (a bad option, a rule file that does not parse)
    /// is the error.
    pub fn new(profile: Profile) -> Result<Converter, String> {
        let mut macros = c_parser::MacroTable::builtin();
        for path in &profile.macro_files {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("{}: cannot read macro file: {e}", path.display()))?;
            if let Err(errors) = macros.add_macro_file(&text) {
                return Err(format!(
                    "{}: bad macro file: {} line(s) not understood",
                    path.display(),
                    errors.len()
                ));
            }
        }
        let macros = Arc::new(macros);
        let mut steps = Vec::new();
        if let Some(v) = &profile.versions {
            steps.push(Step {
                name: "versions".into(),
                unit: "calls",
                kind: StepKind::Versions(v.clone()),
            });
        }
        if !profile.strip_args.is_empty() {
            let options = crate::strip::options_from_args(&profile.strip_args)?;
            steps.push(Step {
                name: "strip".into(),
                unit: "lines removed",
                kind: StepKind::Strip(Box::new(options)),
            });
        }
        if !(profile.renames.is_empty()
            && profile.includes.is_empty()
            && profile.delete_definitions.is_empty())
        {
            steps.push(Step {
                name: "names".into(),
                unit: "names, includes and definitions",
                kind: StepKind::Names,
            });
        }
        for path in &profile.rule_files {
            let step = RuleStep::load(path, macros.clone())?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            steps.push(Step {
                name,
                unit: "hunks",
                kind: StepKind::Rules(Box::new(step)),
            });
        }
        if profile.layout != Layout::default() {
            steps.push(Step {
                name: "layout".into(),
                unit: "lines",
                kind: StepKind::Layout(profile.layout),
            });
        }
        let mut exclude = NameMap::new();
        for pattern in &profile.exclude {
            exclude
                .insert(pattern, (), None)
                .map_err(|e| format!("{}: files.exclude: {e}", profile.path.display()))?;
        }
        Ok(Converter {
            profile,
            steps,
            exclude,
        })
    }

    /// The files of `tree` the profile converts, relative to it, sorted.
    pub fn files(&self, tree: &Path) -> Result<Vec<PathBuf>, String> {
        let extensions: Vec<&str> = self.profile.extensions.iter().map(String::as_str).collect();
        let list = crate::files::collect_files(&[tree.to_path_buf()], &extensions);
        if let Some((path, e)) = list.errors.first() {
            return Err(format!("{}: {e}", path.display()));
        }
        Ok(list
            .files
            .iter()
            .filter_map(|p| p.strip_prefix(tree).ok().map(Path::to_path_buf))
            .filter(|rel| !self.exclude.matches(&rel.to_string_lossy()))
            .collect())
    }

    /// Converts every file of `tree` (in parallel); results sorted by path.
    pub fn convert_tree(&self, tree: &Path) -> Result<Vec<FileResult>, String> {
        let files = self.files(tree)?;
        Ok(files
            .par_iter()
            .map(|rel| self.convert_file(tree, rel))
            .collect())
    }

    fn convert_file(&self, tree: &Path, rel: &Path) -> FileResult {
        let mut result = FileResult {
            path: rel.to_path_buf(),
            original: String::new(),
            new_text: None,
            exact: true,
            sites: vec![0; self.steps.len()],
            time: vec![std::time::Duration::ZERO; self.steps.len()],
            report: Vec::new(),
            error: None,
        };
        let bytes = match std::fs::read(tree.join(rel)) {
            Ok(b) => b,
            Err(e) => {
                result.error = Some(format!("{}: cannot read: {e}", rel.display()));
                return result;
            }
        };
        let source = c_parser::SourceText::decode(&bytes);
        result.exact = source.is_exact();
        let converted = self.convert_text(rel, source.as_str());
        result.original = source.as_str().to_string();
        result.new_text = converted.new_text;
        result.sites = converted.sites;
        result.time = converted.time;
        result.report = converted.report;
        result
    }

    /// Every step on one text (`path` names it in notes); no file is read or written.
    pub fn convert_text(&self, path: &Path, original: &str) -> TextResult {
        let mut sites = vec![0; self.steps.len()];
        let mut time = vec![std::time::Duration::ZERO; self.steps.len()];
        let mut report = Vec::new();
        let mut text = original.to_string();
        // The tree of `text` once a rule step has parsed it, handed to the next rule step.
        let mut tree: Option<c_parser::Parse> = None;
        for (i, step) in self.steps.iter().enumerate() {
            let started = std::time::Instant::now();
            let out = match &step.kind {
                StepKind::Rules(r) => r.apply_with_tree(path, &text, &mut tree),
                _ => self.run_step(step, path, &text),
            };
            time[i] = started.elapsed();
            if out.new_text.is_some() && !matches!(step.kind, StepKind::Rules(_)) {
                tree = None;
            }
            report.extend(out.notes);
            report.extend(out.flags);
            if let Some(new) = out.new_text {
                sites[i] = out.sites.max(1);
                text = new;
            }
        }
        report.sort_by_key(|n: &FileNote| n.line);
        TextResult {
            new_text: (text != original).then_some(text),
            sites,
            time,
            report,
        }
    }

    /// One step on one text.
    pub fn run_step(&self, step: &Step, path: &Path, text: &str) -> StepOutcome {
        match &step.kind {
            StepKind::Versions(v) => versions::versions_step(text, v),
            StepKind::Strip(options) => strip_step(text, options),
            StepKind::Names => lexical::names_step(text, &self.profile),
            StepKind::Rules(r) => r.apply(path, text),
            StepKind::Layout(l) => layout::layout_step(text, *l),
        }
    }
}

fn strip_step(text: &str, options: &crate::strip::StripOptions) -> StepOutcome {
    match crate::strip::strip(text.as_bytes(), options) {
        Ok(stripped) => match String::from_utf8(stripped.text) {
            Ok(new) if new != text => StepOutcome {
                new_text: Some(new),
                sites: stripped.removed_lines.len(),
                ..StepOutcome::default()
            },
            Ok(_) => StepOutcome::default(),
            Err(_) => StepOutcome {
                notes: vec![FileNote {
                    line: 1,
                    message: "strip: the result is not text; conditionals left".into(),
                }],
                ..StepOutcome::default()
            },
        },
        Err(e) => StepOutcome {
            notes: vec![FileNote {
                line: e.line as usize,
                message: format!("strip: {}; conditionals left", e.message),
            }],
            ..StepOutcome::default()
        },
    }
}

/// Per step: how many files it changed and how many sites.
pub fn step_totals(steps: &[Step], results: &[FileResult]) -> Vec<(usize, usize)> {
    (0..steps.len())
        .map(|i| {
            let changed = results.iter().filter(|r| r.sites[i] > 0).count();
            let sites = results.iter().map(|r| r.sites[i]).sum();
            (changed, sites)
        })
        .collect()
}

/// Per step: the time spent in it over all files (thread time, summed).
pub fn step_times(steps: &[Step], results: &[FileResult]) -> Vec<std::time::Duration> {
    (0..steps.len())
        .map(|i| results.iter().filter_map(|r| r.time.get(i)).sum())
        .collect()
}
