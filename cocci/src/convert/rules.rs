//! The rule-file steps: each rule file of the profile applied through the engine (the same one
//! `rcocci --sp-file` uses), and its flag rules reported.
//!
//! A flag rule is a rule whose lines are marked `*` (spatch's context mode): it rewrites
//! nothing, and each match is a site the conversion could not do. The comment line directly
//! above its header says what and why, as `// flag API: reason`; the report line is then
//! `FILE:LINE: API: reason`. spatch ignores the comment and shows the match as a `-` line.

use super::lexical::tokens;
use super::StepOutcome;
use crate::driver::{EngineConfig, FileInput, FileNote, FileTransformer};
use c_parser::SyntaxKind;
use smpl_parser::{Mark, Rule};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One rule file, ready to run.
pub struct RuleStep {
    pub path: PathBuf,
    engine: Arc<dyn FileTransformer + Send>,
    flags: Vec<FlagRule>,
    options: c_parser::ParseOptions,
    isos: matcher::IsoSet,
}

struct FlagRule {
    rule: Rule,
    requirement: matcher::prefilter::Requirement,
    api: String,
    why: String,
}

impl RuleStep {
    /// Parses the rule file and builds its engine; errors are worded for the user (the rule
    /// file's own diagnostics go to stderr first).
    pub fn load(path: &Path, macros: Arc<c_parser::MacroTable>) -> Result<RuleStep, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read rule file: {e}", path.display()))?;
        let rules = smpl_parser::parse_rule_file_with_includes(path, &text).map_err(|diags| {
            diags.emit_to_stderr();
            format!("{}: the rule file does not parse", path.display())
        })?;
        let mut flags = Vec::new();
        for rule in &rules.rules {
            if !rule.body().is_some_and(|b| b.is_semantic_match) {
                continue;
            }
            let source = &rules.sources[rule.source].text;
            let (line, _) = smpl_parser::line_col(source, rule.span.start);
            let at = format!("{}:{line}: rule {}", path.display(), rule.name);
            let (api, why) = flag_comment(&source[..rule.span.start]).ok_or_else(|| {
                format!("{at}: a `*` rule needs a `// flag API: reason` comment above its header")
            })?;
            if rule.header.depends.is_some() || rule.metavars.iter().any(|m| m.is_inherited()) {
                return Err(format!(
                    "{at}: a flag rule stands alone (no `depends on`, no inherited metavariables)"
                ));
            }
            flags.push(FlagRule {
                requirement: matcher::prefilter::Requirement::of_rule(rule),
                rule: rule.clone(),
                api,
                why,
            });
        }
        let config = EngineConfig::new(macros.clone());
        let engine = crate::driver::build_engine(Arc::new(rules), &config)?;
        Ok(RuleStep {
            path: path.to_path_buf(),
            engine,
            flags,
            options: c_parser::ParseOptions { macros, smpl: None },
            isos: matcher::IsoSet::default(),
        })
    }

    /// The rule file on one text. A rewrite that would make the text parse worse is dropped
    /// (as the `rcocci` command's re-parse guard does) and said in a note.
    pub fn apply(&self, path: &Path, text: &str) -> StepOutcome {
        self.apply_with_tree(path, text, &mut None)
    }

    /// [`RuleStep::apply`] with the tree of `text` if known; on return `tree` holds the tree
    /// of the step's result when it was parsed (the re-parse guard's tree, which the next rule
    /// file can then use instead of parsing again).
    pub fn apply_with_tree(
        &self,
        path: &Path,
        text: &str,
        tree: &mut Option<c_parser::Parse>,
    ) -> StepOutcome {
        let input = FileInput {
            path,
            text,
            tree: tree.as_ref(),
        };
        let mut outcome = StepOutcome::default();
        match self.engine.transform(&input) {
            Ok(result) => {
                outcome.notes = result.notes;
                if let Some(new) = result.new_text.filter(|t| t != text) {
                    let before = tree
                        .get_or_insert_with(|| c_parser::parse(text, &self.options))
                        .errors
                        .len();
                    let parsed = c_parser::parse(&new, &self.options);
                    if parsed.errors.len() > before {
                        outcome.notes.push(FileNote {
                            line: 1,
                            message: format!(
                                "{}: the rewrite would introduce a parse error; this rule file's changes to the file are dropped",
                                self.path.display()
                            ),
                        });
                    } else {
                        outcome.sites = changed_hunks(text, &new);
                        outcome.new_text = Some(new);
                        *tree = Some(parsed);
                    }
                }
            }
            Err(e) => outcome.notes.push(FileNote {
                line: 1,
                message: format!("{}: {e}; file left as it was", self.path.display()),
            }),
        }
        let flagged_text = outcome.new_text.as_deref().unwrap_or(text);
        outcome.flags = self.flags(flagged_text);
        outcome
    }

    /// The flag rules' matches in `text`, outside `#define` bodies: the bodies are blanked
    /// (their offsets kept) so that every match is a place of the file itself.
    fn flags(&self, text: &str) -> Vec<FileNote> {
        let wanted: Vec<&FlagRule> = self
            .flags
            .iter()
            .filter(|f| f.requirement.holds_in_text(text))
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        let blanked = blank_definitions(text);
        let parse = c_parser::parse(&blanked, &self.options);
        let mut notes = Vec::new();
        for flag in wanted {
            let Ok(out) = matcher::apply_rule_seeded(
                &flag.rule,
                &parse.root,
                &blanked,
                &self.isos,
                &[matcher::Seed::new()],
                &self.options,
            ) else {
                continue;
            };
            let body = flag.rule.body();
            for m in &out.matches {
                let star = m
                    .env
                    .token_map
                    .iter()
                    .filter(|(i, _)| {
                        body.and_then(|b| b.tokens.get(*i))
                            .is_some_and(|t| t.mark == Mark::Star)
                    })
                    .map(|(_, r)| r.start)
                    .min();
                let note = FileNote::at_offset(
                    text,
                    star.unwrap_or(m.range.start),
                    format!("{}: {}", flag.api, flag.why),
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        notes.sort_by_key(|n| n.line);
        notes
    }
}

/// `API: reason` from a `// flag API: reason` comment ending `before` (blank lines allowed in
/// between).
fn flag_comment(before: &str) -> Option<(String, String)> {
    let line = before.trim_end().lines().last()?.trim();
    let rest = line
        .strip_prefix("//")?
        .trim_start()
        .strip_prefix("flag ")?;
    let (api, why) = rest.split_once(':')?;
    let (api, why) = (api.trim(), why.trim());
    (!api.is_empty() && !why.is_empty()).then(|| (api.to_string(), why.to_string()))
}

/// `text` with every `#define` directive replaced by spaces (newlines kept).
fn blank_definitions(text: &str) -> String {
    let mut out = text.to_string();
    for t in tokens(text) {
        if t.kind != SyntaxKind::DIRECTIVE {
            continue;
        }
        let directive = &text[t.range.clone()];
        if super::lexical::directive_keyword(directive).is_some_and(|(k, _)| k == "define") {
            let blank: String = directive
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' })
                .collect();
            // The same length: every character of a directive we blank is ASCII or kept.
            if blank.len() == directive.len() {
                out.replace_range(t.range.clone(), &blank);
            }
        }
    }
    out
}

/// How many separate runs of changed lines turn `old` into `new`.
pub fn changed_hunks(old: &str, new: &str) -> usize {
    rewriter::unified_diff(old, new, "a", "b", 0)
        .lines()
        .filter(|l| l.starts_with("@@"))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_comment_forms() {
        assert_eq!(
            flag_comment("x\n// flag cfs_hash_create: callbacks do not map\n\n"),
            Some(("cfs_hash_create".into(), "callbacks do not map".into()))
        );
        assert_eq!(flag_comment("// a comment\n"), None);
        assert_eq!(flag_comment("// flag nothing\n"), None);
    }

    #[test]
    fn definitions_blanked_in_place() {
        let text = "#define A(x) \\\n\tf(x)\nint y;\n";
        let b = blank_definitions(text);
        assert_eq!(b.len(), text.len());
        assert!(b.ends_with("\nint y;\n"));
        assert!(!b.contains('f'));
    }
}
