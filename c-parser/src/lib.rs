//! Lossless, tolerant C front end.
//!
//! - [`lex`] splits text into [`Token`]s (kind + length) covering every byte.
//! - [`parse`] builds a lossless rowan tree of a whole C file (root `SOURCE_FILE`); syntax
//!   errors become `ERROR` nodes confined to the smallest statement or item, and are listed
//!   in [`Parse::errors`].
//! - [`parse_smpl_body`] parses a SmPL rule body with the same grammar plus the SmPL forms
//!   (root `SMPL_BODY`).
//! - [`ast`] gives typed accessors over the tree.
//!
//! Unpreprocessed code is handled by heuristics at the grammar's decision points (iterator
//! and statement macros, declarers, annotations, unknown typedef names, `#if` branches),
//! with [`MacroTable`] supplying what it knows.

pub mod ast;
mod builder;
mod fxhash;
pub mod incremental;
mod lexer;
pub mod macros;
mod parser;
mod preproc;
mod relex;
mod source;
mod stats;
mod syntax_kind;

pub use fxhash::{FxBuild, FxHashMap, FxHashSet, FxHasher};
pub use lexer::{lex, LexMode, Token};
pub use macros::{type_define, MacroFileError, MacroFlow, MacroInfo, MacroShape, MacroTable};
pub use parser::is_common_type_name;
pub use preproc::{cond_directive, CondDirective};
pub use source::SourceText;
pub use stats::{
    bad_lines, debug_tree, error_line_ranges, error_sites, line_ranges_of_errors, sites_of_errors,
};
pub use syntax_kind::{
    CLanguage, SyntaxElement, SyntaxKind, SyntaxNode, SyntaxNodeChildren, SyntaxToken, TextRange,
    TextSize,
};

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// What kind of metavariable a name is, so the grammar can decide `T x;` or a lone `S`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetaHint {
    Type,
    Statement,
    StatementList,
    Identifier,
    Function,
    Expression,
    ExpressionList,
    Constant,
    Parameter,
    ParameterList,
    Declaration,
    Field,
    FieldList,
    Initializer,
    /// Positions, formats, symbols and anything else that is used like an identifier.
    Other,
}

/// The metavariables of a SmPL rule, by name.
#[derive(Clone, Debug, Default)]
pub struct SmplHints {
    names: HashMap<String, MetaHint>,
}

impl SmplHints {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, name: impl Into<String>, hint: MetaHint) {
        self.names.insert(name.into(), hint);
    }

    pub fn get(&self, name: &str) -> Option<MetaHint> {
        self.names.get(name).copied()
    }
}

/// Options for [`parse`] and [`parse_smpl_body`].
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// Macro knowledge consulted by the heuristics.
    pub macros: Arc<MacroTable>,
    /// Metavariable kinds (SmPL bodies only).
    pub smpl: Option<SmplHints>,
}

impl Default for ParseOptions {
    /// The built-in macro table, no SmPL hints.
    fn default() -> Self {
        ParseOptions {
            macros: MacroTable::shared_builtin(),
            smpl: None,
        }
    }
}

/// A syntax error: the range of its `ERROR` node and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

/// The result of parsing: the tree and its errors (each also an `ERROR` node in the tree).
#[derive(Clone, Debug)]
pub struct Parse {
    pub root: SyntaxNode,
    pub errors: Vec<SyntaxError>,
    /// Whether the tree may hold an `INACTIVE` token (a significant token the grammar did not
    /// consume): exact for a parse of a whole text, kept true by the incremental re-parse
    /// once true. Known from the parse's tokens, so that no one walks the tree to find out
    /// (that walk was 2.5% of the copy-client conversion).
    pub inactive: bool,
}

/// A parse that can be sent to and shared between threads (`SyntaxNode` cannot): the green
/// tree and the errors. `root()` makes a fresh `SyntaxNode` view on the current thread.
#[derive(Clone, Debug)]
pub struct SharedParse {
    green: rowan::GreenNode,
    pub errors: Vec<SyntaxError>,
    inactive: bool,
}

impl SharedParse {
    pub fn root(&self) -> SyntaxNode {
        SyntaxNode::new_root(self.green.clone())
    }

    pub fn to_parse(&self) -> Parse {
        Parse {
            root: self.root(),
            errors: self.errors.clone(),
            inactive: self.inactive,
        }
    }
}

impl Parse {
    /// A thread-safe copy of this parse (shares the immutable green tree).
    pub fn shared(&self) -> SharedParse {
        SharedParse {
            green: self.root.green().into_owned(),
            errors: self.errors.clone(),
            inactive: self.inactive,
        }
    }

    /// True when the tree has no `ERROR` node.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// The typed root of a C file (None for a SmPL body).
    pub fn source_file(&self) -> Option<ast::SourceFile> {
        ast::AstNode::cast(self.root.clone())
    }

    /// The typed root of a SmPL rule body (None for a C file).
    pub fn smpl_body(&self) -> Option<ast::SmplBody> {
        ast::AstNode::cast(self.root.clone())
    }

    /// Line ranges (1-based, inclusive, merged) covered by `ERROR` nodes. `text` is the parsed
    /// text.
    pub fn error_line_ranges(&self, text: &str) -> Vec<(usize, usize)> {
        error_line_ranges(self, text)
    }

    /// Number of lines covered by `ERROR` nodes.
    pub fn bad_lines(&self, text: &str) -> usize {
        bad_lines(self, text)
    }
}

/// Parses a whole C file (root `SOURCE_FILE`). Never panics; the tree's text is `text`.
pub fn parse(text: &str, options: &ParseOptions) -> Parse {
    let tokens = lex(text, LexMode::C);
    let p = parse_c_events(text, &tokens, options);
    finish(text, &tokens, p)
}

/// The errors [`parse`] gives for `text` (the same list, in the same order), without building
/// the tree: for callers that only report how well files parse (`rcocci --parse-c`), where
/// building and freeing the tree would be most of the time.
pub fn parse_errors(text: &str, options: &ParseOptions) -> Vec<SyntaxError> {
    let tokens = lex(text, LexMode::C);
    let p = parse_c_events(text, &tokens, options);
    builder::errors_only(text, &tokens, p.events, p.errors)
}

/// Runs the C grammar over `tokens`, leaving the events in the parser.
fn parse_c_events<'a>(
    text: &'a str,
    tokens: &[Token],
    options: &'a ParseOptions,
) -> parser::Parser<'a> {
    let masks = preproc::inactive_masks(text, tokens);
    let view = parser::View::new(text, tokens, masks.default.as_deref());
    let mut p = parser::Parser::new(text, view, &options.macros, None);
    p.scan_defines(tokens);
    parser::parse_source_file(&mut p, tokens, masks.first_branches_only.as_deref());
    p
}

/// Parses `text` as one C expression (root `EXPRESSION_ROOT`): for code that stands alone, such
/// as the code a metavariable is bound to. Never panics; text after the expression is an error.
pub fn parse_expression(text: &str, options: &ParseOptions) -> Parse {
    let tokens = lex(text, LexMode::C);
    let view = parser::View::new(text, &tokens, None);
    let mut p = parser::Parser::new(text, view, &options.macros, None);
    parser::parse_expression_root(&mut p);
    finish(text, &tokens, p)
}

/// Parses a SmPL rule body given as tokens of `text` (lexed with [`LexMode::Smpl`], column-0
/// tokens re-kinded and markers turned into trivia by the caller). Root `SMPL_BODY`.
pub fn parse_smpl_body(text: &str, tokens: &[Token], options: &ParseOptions) -> Parse {
    static NO_HINTS: OnceLock<SmplHints> = OnceLock::new();
    let hints = options
        .smpl
        .as_ref()
        .unwrap_or_else(|| NO_HINTS.get_or_init(SmplHints::default));
    // Tokens must cover the text exactly; anything else is the caller's bug, but we must not
    // panic: clamp to the text.
    let tokens = clamp_tokens(text, tokens);
    let view = parser::View::new(text, &tokens, None);
    let mut p = parser::Parser::new(text, view, &options.macros, Some(hints));
    parser::parse_smpl_root(&mut p);
    finish(text, &tokens, p)
}

fn clamp_tokens(text: &str, tokens: &[Token]) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len() + 1);
    let mut offset = 0usize;
    for t in tokens {
        if t.len == 0 {
            continue; // covers nothing; would only confuse lookahead
        }
        let end = offset + t.len as usize;
        if end > text.len() || !text.is_char_boundary(end) {
            break;
        }
        // Node kinds are no tokens: keep the text, as an unknown token.
        let kind = if t.kind.is_token() {
            t.kind
        } else {
            SyntaxKind::UNKNOWN
        };
        out.push(Token { kind, len: t.len });
        offset = end;
    }
    if offset < text.len() {
        // Re-lex whatever the caller's tokens did not cover.
        out.extend(lex(&text[offset..], LexMode::Smpl));
    }
    out
}

fn finish(text: &str, tokens: &[Token], p: parser::Parser) -> Parse {
    let (green, errors, inactive) = builder::build(text, tokens, p.events, p.errors);
    Parse {
        root: SyntaxNode::new_root(green),
        errors,
        inactive,
    }
}
