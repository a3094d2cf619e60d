//! Unbraced bodies that now hold several statements braced, kept bodies of removed headers
//! dedented.

use super::{LaidEdits, Rewrite};
use crate::braces::{brace_body, AddedStatements, Enclosing, SortedEdits, Surroundings};
use crate::edit::{normalize_edits, Edit, EditConflict};
use std::collections::HashMap;

impl Rewrite<'_> {
    /// The laid-out edits with the raw ones, normalized, the unbraced bodies that now hold
    /// several statements braced (innermost first: an inner body that gets braces is one
    /// statement for the body around it), and kept bodies of removed headers dedented.
    pub(super) fn brace_bodies(&self, laid: LaidEdits) -> Result<Vec<Edit>, EditConflict> {
        let text = self.text;
        let LaidEdits {
            mut edits,
            statements,
            enclosing,
        } = laid;
        // The statements each edit adds, for the bodies it may be put in.
        let added_statements: HashMap<Edit, AddedStatements> = edits
            .iter()
            .cloned()
            .zip(statements)
            .filter(|(_, n)| *n != AddedStatements::default())
            .collect();
        edits.extend(self.raw.iter().cloned());
        let edits = normalize_edits(text, &edits)?;
        let mut bodies = self.unbraced_bodies.clone();
        bodies.sort_by_key(|(b, _)| (b.end.saturating_sub(b.start), b.start));
        bodies.dedup_by_key(|(b, _)| b.clone());
        let mut statements_before: Enclosing = HashMap::new();
        for (edit, statement) in enclosing {
            statements_before
                .entry(edit)
                .or_default()
                .push(statement.start);
        }
        let mut sorted = SortedEdits::new(edits);
        let around = Surroundings {
            text,
            root: &self.tree,
            enclosing: &statements_before,
            added_statements: &added_statements,
            steps: self.indent_steps(),
        };
        for (body, statement_start) in bodies {
            brace_body(&around, body, statement_start, &mut sorted)?;
        }
        let edits = normalize_edits(text, &sorted.into_vec())?;
        if self.marks_only {
            return Ok(edits);
        }
        // Code that ends with a header (`if (b)`) may take the kept body as its own.
        let headers_at: Vec<usize> = self
            .additions
            .iter()
            .filter(|a| !a.code.ends_a_statement())
            .map(|a| a.at)
            .collect();
        Ok(crate::dedent::dedent_unwrapped_bodies(
            text,
            &self.tree,
            &self.removals,
            &headers_at,
            edits,
        ))
    }
}
