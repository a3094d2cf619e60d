//! Applying a semantic patch from Rust: to a string, or to files on disk.
//!
//! ```
//! use cocci::api::SemanticPatch;
//!
//! let patch = SemanticPatch::parse(
//!     "@@\nexpression E;\n@@\n- OBD_FREE_PTR(E);\n+ kfree(E);\n",
//! )
//! .expect("the rule file parses");
//! let result = patch
//!     .apply_to_text("llite/file.c", "void f(void *p)\n{\n\tOBD_FREE_PTR(p);\n}\n")
//!     .expect("the file is processed");
//! assert_eq!(result.new_text.as_deref(), Some("void f(void *p)\n{\n\tkfree(p);\n}\n"));
//! assert!(result.diff.contains("+\tkfree(p);"));
//! assert_eq!(result.matches[0].rule, "rule_1");
//! assert_eq!(result.matches[0].start, (3, 2));
//! ```
//!
//! A rule file that does not parse gives its diagnostics as text:
//!
//! ```
//! use cocci::api::SemanticPatch;
//!
//! let Err(error) = SemanticPatch::parse("@@\nexpression E\n@@\n- f(E);\n") else {
//!     panic!("a declaration without `;` is an error");
//! };
//! assert!(error.contains("<rule>"), "{error}");
//! ```

use crate::driver::{build_engine, CSyntaxCheck, Driver, EngineConfig, FileOutcome, RuleMatch};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A parsed rule file with its engine, ready to apply. Its `@initialize@` script rules run
/// when it is parsed, its `@finalize@` rules when [`SemanticPatch::finalize`] is called (or,
/// if it never is, when the patch is dropped, their output then lost).
pub struct SemanticPatch {
    driver: Driver,
    /// What the initialize rules printed.
    initialized: String,
    finalized: std::sync::atomic::AtomicBool,
}

/// What a semantic patch did to one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The new text, or `None` if nothing changed.
    pub new_text: Option<String>,
    /// The unified diff (`--- a/NAME` / `+++ b/NAME`), empty if nothing changed.
    pub diff: String,
    /// Every match of every rule.
    pub matches: Vec<RuleMatch>,
    /// What the script rules printed for this text.
    pub script_output: String,
    /// Notes about the text (regions that did not parse), worded `NAME:LINE: message`.
    pub notes: Vec<String>,
}

impl SemanticPatch {
    /// Parses a rule file's text, with the built-in macro knowledge and isomorphisms.
    pub fn parse(rule_text: &str) -> Result<Self, String> {
        Self::parse_with(rule_text, &[])
    }

    /// Like [`SemanticPatch::parse`], with `-D` names set (virtual rules for `depends on`).
    pub fn parse_with(rule_text: &str, defines: &[&str]) -> Result<Self, String> {
        let rules = smpl_parser::parse_rule_file(Path::new("<rule>"), rule_text)
            .map_err(|d| d.render_plain())?;
        let macros = c_parser::MacroTable::shared_builtin();
        let config = EngineConfig {
            defines: defines.iter().map(|d| d.to_string()).collect(),
            ..EngineConfig::new(macros.clone())
        };
        let engine = build_engine(Arc::new(rules), &config)?;
        let initialized = engine.initialize()?;
        Ok(SemanticPatch {
            driver: Driver::new(engine, Arc::new(CSyntaxCheck::new(macros))),
            initialized,
            finalized: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// What the rule file's `@initialize@` script rules printed.
    pub fn initialize_output(&self) -> &str {
        &self.initialized
    }

    /// Runs the rule file's `@finalize@` script rules, once; returns what they printed (empty
    /// when they ran already).
    pub fn finalize(&self) -> Result<String, String> {
        use std::sync::atomic::Ordering;
        if self.finalized.swap(true, Ordering::SeqCst) {
            return Ok(String::new());
        }
        self.driver.engine.finalize()
    }

    /// Applies the patch to `text`, named `name` in the diff and the notes.
    pub fn apply_to_text(&self, name: &str, text: &str) -> Result<Applied, String> {
        let outcome = self.driver.process_bytes(Path::new(name), text.as_bytes());
        if let Some(e) = outcome.error {
            return Err(e);
        }
        let diff = match &outcome.new_text {
            Some(new) => rewriter::unified_diff(
                text,
                new,
                &format!("a/{name}"),
                &format!("b/{name}"),
                crate::output::CONTEXT_LINES,
            ),
            None => String::new(),
        };
        Ok(Applied {
            script_output: outcome.script_output,
            notes: outcome.notes,
            new_text: outcome.new_text,
            diff,
            matches: outcome.matches,
        })
    }

    /// Applies the patch to files on disk (nothing is written); outcomes in the order given.
    pub fn apply_to_files(&self, paths: &[PathBuf]) -> Vec<FileOutcome> {
        self.driver.run(paths)
    }
}

impl Drop for SemanticPatch {
    fn drop(&mut self) {
        // Finalize rules may write files or close resources: they run even when the caller
        // forgot to; what they print is lost then, a failure is reported.
        if let Err(e) = self.finalize() {
            eprintln!("rcocci: finalize rules: {e}");
        }
    }
}
