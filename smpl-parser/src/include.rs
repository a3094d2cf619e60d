//! `#include "other.cocci"`: reading the included rule files and splicing their rules in
//! before the including file's own.

use crate::diag::Diagnostics;
use crate::file::{parse_file, Context};
use crate::lexer::line_end_of;
use crate::model::{IncludeDirective, RuleFile};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Includes may nest, but not without bound (a file including itself under another name).
const MAX_INCLUDE_DEPTH: usize = 16;

/// Parses a rule file and the rule files it `#include`s. An include path is looked up relative
/// to the including file's directory, then to that directory's ancestors (rule sets are often
/// written to be run from their project's root), then to the current directory.
pub fn parse_rule_file_with_includes(path: &Path, text: &str) -> Result<RuleFile, Diagnostics> {
    let mut seen = HashSet::new();
    if let Ok(p) = path.canonicalize() {
        seen.insert(p);
    }
    let (mut rf, diags) = load(path, text, 0, &mut seen);
    if diags.has_errors() {
        Err(diags)
    } else {
        rf.warnings = diags;
        Ok(rf)
    }
}

fn load(
    path: &Path,
    text: &str,
    depth: usize,
    seen: &mut HashSet<PathBuf>,
) -> (RuleFile, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut included: Vec<RuleFile> = Vec::new();
    let mut unresolved = false;
    for inc in scan_includes(text) {
        let Some(found) = resolve(path, &inc.path) else {
            let file = diags.add_file(path.display().to_string(), text.to_string());
            diags.error(
                file,
                inc.span.clone(),
                format!("cannot find the included rule file `{}`", inc.path),
            );
            unresolved = true;
            continue;
        };
        let canonical = found.canonicalize().unwrap_or_else(|_| found.clone());
        if !seen.insert(canonical) || depth >= MAX_INCLUDE_DEPTH {
            // Already read (or an include cycle): its rules are in the set once.
            continue;
        }
        match std::fs::read(&found) {
            Ok(bytes) => {
                let inc_text = String::from_utf8_lossy(&bytes).into_owned();
                let (rf, d) = load(&found, &inc_text, depth + 1, seen);
                diags.absorb(d);
                included.push(rf);
            }
            Err(e) => {
                let file = diags.add_file(path.display().to_string(), text.to_string());
                diags.error(
                    file,
                    inc.span.clone(),
                    format!("cannot read `{}`: {e}", found.display()),
                );
                unresolved = true;
            }
        }
    }
    let known: Vec<String> = included
        .iter()
        .flat_map(|f| f.rules.iter().map(|r| r.name.clone()))
        .collect();
    let ctx = Context {
        known_rules: &known,
        trust_unknown_rules: unresolved,
    };
    let (own, d) = parse_file(path, text, &ctx);
    diags.absorb(d);
    (merge(own, included), diags)
}

/// The included files' rules first (they run first), the including file's sources first.
fn merge(mut own: RuleFile, included: Vec<RuleFile>) -> RuleFile {
    let mut rules = Vec::new();
    for inc in included {
        let base = own.sources.len();
        own.sources.extend(inc.sources);
        for v in inc.virtuals {
            if !own.virtuals.contains(&v) {
                own.virtuals.push(v);
            }
        }
        own.isos.extend(inc.isos);
        own.spatch_options.extend(inc.spatch_options);
        rules.extend(inc.rules.into_iter().map(|mut r| {
            r.source += base;
            r
        }));
    }
    rules.append(&mut own.rules);
    crate::model::mark_inherited_later(&mut rules);
    own.rules = rules;
    own
}

/// `#include` lines before the first rule.
fn scan_includes(text: &str) -> Vec<IncludeDirective> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let end = line_end_of(text, pos);
        let line = text[pos..end].trim();
        if line.starts_with('@') {
            break;
        }
        if let Some(rest) = line
            .strip_prefix('#')
            .map(str::trim_start)
            .and_then(|l| l.strip_prefix("include"))
        {
            let p = rest
                .trim()
                .trim_start_matches(['"', '<'])
                .trim_end_matches(['"', '>']);
            out.push(IncludeDirective {
                path: p.to_string(),
                span: pos..end,
            });
        }
        pos = end;
    }
    out
}

fn resolve(including: &Path, name: &str) -> Option<PathBuf> {
    let target = Path::new(name);
    if target.is_absolute() {
        return target.is_file().then(|| target.to_path_buf());
    }
    let including = including
        .canonicalize()
        .unwrap_or_else(|_| including.to_path_buf());
    let dir = including
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut candidates: Vec<PathBuf> = dir.ancestors().map(|d| d.join(target)).collect();
    candidates.push(target.to_path_buf());
    candidates.into_iter().find(|c| c.is_file())
}
