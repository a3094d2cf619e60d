//! Which regions of a C text do not parse: what the driver reports of its input, and what the
//! re-parse guard compares before it accepts a rewrite.

use std::sync::Arc;

/// One parse problem of a C text, at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxProblem {
    pub offset: usize,
    pub message: String,
}

/// Parses C text and lists the regions it could not read. The driver reports those of the
/// input and refuses a rewrite whose output has more of them.
pub trait SyntaxCheck: Sync {
    fn problems(&self, text: &str) -> Vec<SyntaxProblem>;

    /// The tree of `text`, for checks that build one; the driver then takes the problems from
    /// it and hands it to the engine.
    fn parse(&self, _text: &str) -> Option<c_parser::Parse> {
        None
    }

    /// The problems of `text`, given those the engine found in its own tree of it (`None`
    /// when it has none). A check that parses like the engine takes them as they are.
    fn problems_given(
        &self,
        text: &str,
        _engine: Option<Vec<SyntaxProblem>>,
    ) -> Vec<SyntaxProblem> {
        self.problems(text)
    }
}

/// The problems of a parsed text: its `ERROR` nodes.
pub fn parse_problems(errors: &[c_parser::SyntaxError]) -> Vec<SyntaxProblem> {
    errors
        .iter()
        .map(|e| SyntaxProblem {
            offset: u32::from(e.range.start()) as usize,
            message: e.message.clone(),
        })
        .collect()
}

/// No parser: every text is taken as well-formed.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoSyntaxCheck;

impl SyntaxCheck for NoSyntaxCheck {
    fn problems(&self, _text: &str) -> Vec<SyntaxProblem> {
        Vec::new()
    }
}

/// The check with c-parser: every `ERROR` node is a problem.
#[derive(Clone, Debug)]
pub struct CSyntaxCheck {
    options: c_parser::ParseOptions,
}

impl CSyntaxCheck {
    pub fn new(macros: Arc<c_parser::MacroTable>) -> Self {
        CSyntaxCheck {
            options: c_parser::ParseOptions { macros, smpl: None },
        }
    }
}

impl SyntaxCheck for CSyntaxCheck {
    fn problems(&self, text: &str) -> Vec<SyntaxProblem> {
        parse_problems(&c_parser::parse_errors(text, &self.options))
    }

    fn parse(&self, text: &str) -> Option<c_parser::Parse> {
        Some(c_parser::parse(text, &self.options))
    }

    /// The engine's trees are parsed with the run's macro table, as this check parses.
    fn problems_given(&self, text: &str, engine: Option<Vec<SyntaxProblem>>) -> Vec<SyntaxProblem> {
        engine.unwrap_or_else(|| self.problems(text))
    }
}
