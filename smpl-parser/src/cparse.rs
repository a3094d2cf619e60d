//! The one place that calls c-parser's SmPL entry: metavariable hints and the parse of a slice.

use crate::model::{MetavarDecl, MetavarKind, RuleHeader};
use crate::slices::SliceText;
use c_parser::{
    parse_smpl_body, MacroFlow, MacroInfo, MacroShape, MacroTable, MetaHint, ParseOptions,
    SmplHints, SyntaxKind,
};
use std::ops::Range;
use std::sync::Arc;

pub struct ParsedSlice {
    /// What the slice was parsed with, to parse it again on demand.
    pub options: ParseOptions,
    /// Errors with their range in the slice text.
    pub errors: Vec<(Range<usize>, String)>,
}

/// The macro table SmPL code is parsed with: the built-in one, shared with the run. It holds
/// `scoped_guard` as a loop header, which SmPL also reads as a statement keyword:
/// `scoped_guard(lock) { ... }` at a rule's top level is a statement, not a function
/// definition without a return type.
fn macros() -> Arc<MacroTable> {
    MacroTable::shared_builtin()
}

/// What the grammar needs to know about each name the rule declares.
pub fn hints(metavars: &[MetavarDecl], _header: &RuleHeader) -> SmplHints {
    let mut hints = SmplHints::default();
    for m in metavars {
        let hint = match &m.kind {
            MetavarKind::Identifier | MetavarKind::FreshIdentifier(_) => MetaHint::Identifier,
            MetavarKind::Function { .. } => MetaHint::Function,
            MetavarKind::Expression { .. }
            | MetavarKind::IdExpression { .. }
            | MetavarKind::Metavariable => MetaHint::Expression,
            MetavarKind::Constant { .. } => MetaHint::Constant,
            MetavarKind::ExpressionList(_) => MetaHint::ExpressionList,
            MetavarKind::Type | MetavarKind::Typedef => MetaHint::Type,
            MetavarKind::Statement => MetaHint::Statement,
            MetavarKind::StatementList(_) => MetaHint::StatementList,
            MetavarKind::Declaration => MetaHint::Declaration,
            MetavarKind::Field => MetaHint::Field,
            MetavarKind::FieldList(_) => MetaHint::FieldList,
            MetavarKind::Parameter => MetaHint::Parameter,
            MetavarKind::ParameterList(_) => MetaHint::ParameterList,
            MetavarKind::Initializer | MetavarKind::InitializerList(_) => MetaHint::Initializer,
            // Plain C names as far as the grammar is concerned.
            MetavarKind::Symbol => continue,
            MetavarKind::IdentifierList(_)
            | MetavarKind::Format
            | MetavarKind::FormatList(_)
            | MetavarKind::BinaryOperator
            | MetavarKind::AssignmentOperator
            | MetavarKind::UnaryOperator
            | MetavarKind::Position { .. }
            | MetavarKind::Comments
            | MetavarKind::PragmaInfo
            | MetavarKind::Attribute
            | MetavarKind::AttributeName
            | MetavarKind::Declarer
            | MetavarKind::DeclarerName
            | MetavarKind::Iterator
            | MetavarKind::IteratorName
            | MetavarKind::ListLength => MetaHint::Other,
        };
        hints.insert(m.name.name.clone(), hint);
    }
    hints
}

/// The built-in macro table, plus the iterator, declarer and attribute names and
/// metavariables of the rule, so that the grammar's macro heuristics recognise them.
fn rule_macros(metavars: &[MetavarDecl]) -> Arc<MacroTable> {
    let shape = |k: &MetavarKind| match k {
        MetavarKind::Iterator | MetavarKind::IteratorName => Some(MacroShape::Iterator),
        MetavarKind::Declarer | MetavarKind::DeclarerName => Some(MacroShape::Declarer),
        MetavarKind::Attribute | MetavarKind::AttributeName => {
            Some(MacroShape::Attribute { takes_args: false })
        }
        _ => None,
    };
    if !metavars.iter().any(|m| shape(&m.kind).is_some()) {
        return macros();
    }
    let mut table = (*macros()).clone();
    for m in metavars {
        if let Some(shape) = shape(&m.kind) {
            let info = MacroInfo {
                shape,
                flow: MacroFlow::Normal,
                params: None,
                body: None,
            };
            table.insert(m.name.name.clone(), info);
        }
    }
    Arc::new(table)
}

pub fn parse_slice(src: &SliceText, metavars: &[MetavarDecl], header: &RuleHeader) -> ParsedSlice {
    let opts = ParseOptions {
        macros: rule_macros(metavars),
        smpl: Some(hints(metavars, header)),
    };
    let parse = parse_smpl_body(&src.text, &src.tokens, &opts);
    let mut errors: Vec<(Range<usize>, String)> = parse
        .errors
        .iter()
        .map(|e| {
            (
                usize::from(e.range.start())..usize::from(e.range.end()),
                e.message.clone(),
            )
        })
        .collect();
    // Every error should come with its message; an ERROR node without one still rejects.
    if errors.is_empty() {
        if let Some(node) = parse
            .root
            .descendants()
            .find(|n| n.kind() == SyntaxKind::ERROR)
        {
            let r = node.text_range();
            errors.push((
                usize::from(r.start())..usize::from(r.end()),
                "syntax error".into(),
            ));
        }
    }
    ParsedSlice {
        options: opts,
        errors,
    }
}
