//! A plus run's code: its tokens and layout as written in the rule, markers dropped,
//! metavariables replaced by the text they matched, each line re-spaced as spatch does.
//!
//! The run's tokens are read in order into a raw text where each bound value stands as a
//! placeholder name (so that re-spacing keeps it whole); the lines are laid out from the
//! tree, then the values are put in.

use super::bound_statement;
use super::break_marks::Pieces;
use super::code_facts::{self, CodeFacts};
use super::declarators::{
    array_declarators, array_suffix, distribute_declarators, ends_with_declarator_star, Decorations,
};
use super::parens::{bound_expression_needs_parens, CCode};
use super::plus_lines::{
    self, directives_on_own_lines, laid_out_expression, source_lines, LaidOut, LineTrivia,
};
use crate::env::{Binding, Env};
use crate::pattern::Pattern;
use c_parser::{SyntaxKind, SyntaxToken};
use rewriter::AddedCode;
use smpl_parser::{MetavarKind, PlusRun};

/// Builds a plus run's code.
pub(super) fn plus_code(pat: &Pattern, run: &PlusRun, env: &Env, c: &CCode) -> AddedCode {
    let mut code = RawCode {
        line_tokens: vec![Vec::new()],
        trivia: vec![LineTrivia::default()],
        ..RawCode::default()
    };
    for el in pat.plus_tree.descendants_with_tokens() {
        let Some(tok) = el.into_token() else {
            continue;
        };
        let r = tok.text_range();
        let (s, e) = (usize::from(r.start()), usize::from(r.end()));
        if s < run.range.start || e > run.range.end {
            continue;
        }
        let raw_before = code.raw.len();
        code.push(pat, env, c, &tok);
        code.start_lines(raw_before, &tok);
    }
    code.finish(c)
}

/// A value put where a metavariable stands: the placeholder's name, the value laid out, and
/// whether it is an expression.
struct Placeholder {
    name: String,
    value: LaidOut,
    is_expression: bool,
}

/// The run's code as read so far.
#[derive(Default)]
struct RawCode<'v> {
    facts: CodeFacts<'v>,
    placeholders: Vec<Placeholder>,
    /// Array dimensions written after the names a type metavariable declares.
    decorations: Decorations,
    raw: String,
    /// Placeholders of types.
    types: Vec<String>,
    /// Placeholders of statements bound to blocks.
    blocks: Vec<String>,
    /// Those of the types whose last token is a declarator's `*`: against the name after.
    pointer_types: Vec<String>,
    /// The tree tokens of each line of the run, with the text that stands for each.
    line_tokens: Vec<Vec<(SyntaxToken, String)>>,
    /// What the tree says of each line's trivia.
    trivia: Vec<LineTrivia>,
    /// Where each code token's text starts in `raw`.
    token_offsets: Vec<usize>,
    /// What the code is written from, for where its lines may break.
    pieces: Pieces<'v>,
}

impl<'v> RawCode<'v> {
    /// The line being read (the run starts with one).
    fn line(&self) -> usize {
        self.line_tokens.len() - 1
    }

    fn push(&mut self, pat: &Pattern, env: &'v Env, c: &CCode, tok: &SyntaxToken) {
        match tok.kind() {
            SyntaxKind::SMPL_MARKER => self.raw.push(' '),
            SyntaxKind::SMPL_POSITION => {}
            k if k.is_trivia() && k != SyntaxKind::DIRECTIVE => self.push_trivia(tok),
            SyntaxKind::DIRECTIVE => {
                self.facts.token(SyntaxKind::DIRECTIVE);
                self.pieces.directive();
                let line = self.line();
                self.trivia[line].directive = true;
                self.raw
                    .push_str(&crate::directive::with_c_ellipses(&substitute_words(
                        tok.text(),
                        pat,
                        env,
                    )));
            }
            _ => {
                self.push_code_token(pat, env, c, tok);
                let line = self.line();
                self.trivia[line].ends_with_line_comment = false;
            }
        }
    }

    fn push_trivia(&mut self, tok: &SyntaxToken) {
        let k = tok.kind();
        if !matches!(k, SyntaxKind::NEWLINE | SyntaxKind::WHITESPACE) {
            self.facts.token(k);
        }
        let line = self.line();
        if k == SyntaxKind::COMMENT {
            self.pieces.plus_token(tok);
        }
        match k {
            SyntaxKind::COMMENT => self.trivia[line].comment(tok.text()),
            SyntaxKind::NEWLINE | SyntaxKind::WHITESPACE => {}
            _ => self.trivia[line].ends_with_line_comment = false,
        }
        self.raw.push_str(tok.text());
    }

    /// A code token: a fresh identifier's name, a metavariable's value, or the token.
    fn push_code_token(&mut self, pat: &Pattern, env: &'v Env, c: &CCode, tok: &SyntaxToken) {
        let mv = pat
            .body
            .plus_token(tok)
            .and_then(|t| t.metavar)
            .or_else(|| {
                // Operator metavariables are re-kinded tokens whose text is the name.
                let t = tok.text();
                pat.metavars.iter().position(|m| {
                    m.name.name == t
                        && matches!(
                            m.kind,
                            MetavarKind::BinaryOperator
                                | MetavarKind::AssignmentOperator
                                | MetavarKind::UnaryOperator
                        )
                })
            });
        if let Some(fresh) = mv.and_then(|m| fresh_name(pat, m, env)) {
            self.facts.token(SyntaxKind::IDENT);
            self.pieces
                .token(tok.text_range().start(), SyntaxKind::IDENT, &fresh);
            self.push_placeholder(tok, LaidOut::plain(fresh), false);
            return;
        }
        match mv.and_then(|m| env.binding(m).map(|b| (m, b))) {
            Some((m, b)) => self.push_value(pat, c, tok, m, b),
            None => {
                self.facts.token(tok.kind());
                self.pieces.plus_token(tok);
                self.token_offsets.push(self.raw.len());
                self.raw.push_str(tok.text());
                let line = self.line();
                self.line_tokens[line].push((tok.clone(), tok.text().to_string()));
            }
        }
    }

    /// A placeholder name where a value goes, so that re-spacing leaves the value whole.
    fn push_placeholder(&mut self, tok: &SyntaxToken, value: LaidOut, is_expression: bool) {
        let name = self.next_placeholder();
        self.placeholders.push(Placeholder {
            name: name.clone(),
            value,
            is_expression,
        });
        self.token_offsets.push(self.raw.len());
        self.raw.push_str(&name);
        let line = self.line();
        self.line_tokens[line].push((tok.clone(), name));
    }

    fn next_placeholder(&self) -> String {
        format!("rcocciMV{}x", self.placeholders.len())
    }

    /// The value metavariable `m` is bound to, laid out for where its token stands.
    fn push_value(
        &mut self,
        pat: &Pattern,
        c: &CCode,
        tok: &SyntaxToken,
        m: usize,
        b: &'v Binding,
    ) {
        let name = self.next_placeholder();
        let kind = &pat.metavars[m].kind;
        let is_expr = matches!(
            kind,
            MetavarKind::Expression { .. }
                | MetavarKind::IdExpression { .. }
                | MetavarKind::Constant { .. }
        );
        let mut parenthesized = false;
        let mut array_placed = None;
        let value = if is_expr {
            let text = match laid_out_expression(&b.text) {
                kept if kept.contains('\n') => {
                    bound_statement::laid_out_as_written(c, &b.range, &kept).text
                }
                text => text,
            };
            parenthesized = bound_expression_needs_parens(&text, tok);
            LaidOut::plain(match parenthesized {
                true => format!("({text})"),
                false => text,
            })
        } else if matches!(kind, MetavarKind::Type) {
            self.types.push(name.clone());
            if ends_with_declarator_star(c, &b.range, &b.text) {
                self.pointer_types.push(name.clone());
            }
            // `char [2]` before a name is written around it.
            let (base, suffix) = array_suffix(&b.text);
            let placed = match suffix.is_empty() {
                true => Vec::new(),
                false => array_declarators(tok, suffix),
            };
            LaidOut::plain(if placed.is_empty() {
                // No name declared (`sizeof(T)`): the type stays whole.
                format!("{base}{suffix}")
            } else {
                self.decorations.extend(placed.iter().cloned());
                array_placed = Some(placed);
                base.to_string()
            })
        } else {
            self.laid_out_value(c, kind, &name, b)
        };
        let statements = match kind {
            MetavarKind::Statement | MetavarKind::StatementList(_) => {
                code_facts::bound_statements(c, b)
            }
            _ => 0,
        };
        self.facts
            .value(c, b, parenthesized, value.text.is_empty(), statements);
        self.pieces
            .value(tok.text_range().start(), b, parenthesized);
        if let Some(placed) = array_placed {
            self.pieces.array_type(b, &placed);
        }
        self.push_placeholder(tok, value, is_expr);
    }

    /// A value that is neither an expression nor a type: statements, lists, declarations
    /// and other code that may hold several lines, as written in the C file.
    fn laid_out_value(
        &mut self,
        c: &CCode,
        kind: &MetavarKind,
        name: &str,
        b: &Binding,
    ) -> LaidOut {
        match kind {
            MetavarKind::Statement | MetavarKind::StatementList(_) => {
                if bound_statement::is_block(c, &b.range) {
                    self.blocks.push(name.to_string());
                }
                bound_statement::laid_out_statement(c, &b.range, &b.text)
            }
            MetavarKind::ExpressionList(_) | MetavarKind::ParameterList(_) => {
                LaidOut::plain(bound_statement::laid_out_list(c, &b.range, &b.text))
            }
            MetavarKind::Declaration
            | MetavarKind::Field
            | MetavarKind::FieldList(_)
            | MetavarKind::Initializer
            | MetavarKind::InitializerList(_) => {
                bound_statement::laid_out_as_written(c, &b.range, &b.text)
            }
            _ if b.text.contains('\n') => {
                bound_statement::laid_out_as_written(c, &b.range, &b.text)
            }
            _ => LaidOut::plain(b.text.clone()),
        }
    }

    /// The lines the text pushed for `tok` (from `raw_before` on) started.
    fn start_lines(&mut self, raw_before: usize, tok: &SyntaxToken) {
        for _ in self.raw[raw_before..].matches('\n') {
            self.line_tokens.push(Vec::new());
            // A comment or directive over lines: the lines after its first are inside it.
            let inside = tok.kind() != SyntaxKind::NEWLINE;
            self.trivia.push(LineTrivia {
                continues_trivia: inside,
                ..LineTrivia::default()
            });
        }
    }

    /// The code laid out, declarators distributed, values put in.
    fn finish(self, c: &CCode) -> AddedCode {
        let source_lines = source_lines(
            &self.raw,
            &self.line_tokens,
            &self.token_offsets,
            &self.trivia,
            &self.decorations,
            &self.blocks,
        );
        let lines = rewriter::layout::lay_out(&source_lines, rewriter::spacing::Printer::AddedCode);
        let type_placeholders: Vec<&str> = self
            .placeholders
            .iter()
            .filter(|p| !p.is_expression && self.types.contains(&p.name))
            .map(|p| p.name.as_str())
            .collect();
        let run_tokens: Vec<_> = self.line_tokens.iter().flatten().collect();
        let mut code = LaidOut::joined(&lines);
        let distributed = distribute_declarators(
            &code.text,
            &run_tokens,
            &type_placeholders,
            &self.decorations,
        );
        let distributed = distributed.map(|d| code = LaidOut::plain(d)).is_some();
        for Placeholder { name, value, .. } in &self.placeholders {
            code = put_value(code, name, value, self.pointer_types.contains(name));
        }
        let marks = self.pieces.marks(c, &code.text, distributed);
        self.facts
            .code(c, code.text, code.label_lines)
            .with_break_marks(marks)
    }
}

/// `code` with `value` wherever placeholder `name` stands.
fn put_value(mut code: LaidOut, name: &str, value: &LaidOut, pointer_type: bool) -> LaidOut {
    while let Some(at) = code.text.find(name) {
        let (mut before, mut after) = (&code.text[..at], &code.text[at + name.len()..]);
        if value.text.is_empty() {
            // An empty list takes one of the commas around it along.
            if let Some(rest) = after.trim_start().strip_prefix(',') {
                after = rest.trim_start();
            } else if let Some(rest) = before.trim_end().strip_suffix(',') {
                before = rest;
            }
        }
        if pointer_type && after.starts_with(' ') {
            // `int *x`, as spatch writes a pointer type before a name.
            after = after.trim_start();
        }
        let text = plus_lines::at_host_level(before, &value.text);
        let inserted = directives_on_own_lines(before, &text, after);
        let replaced = before.len()..code.text.len() - after.len();
        code = code.splice(replaced, &inserted, value);
    }
    code
}

/// The name a fresh identifier gets: the one chosen for the match ([`crate::fresh`]), or its
/// own name when none was (a script seed the script runner did not fill in).
fn fresh_name(pat: &Pattern, mv: usize, env: &Env) -> Option<String> {
    if !matches!(pat.metavars[mv].kind, MetavarKind::FreshIdentifier(_)) {
        return None;
    }
    Some(match env.binding(mv) {
        Some(b) => b.text.clone(),
        None => pat.metavars[mv].name.name.clone(),
    })
}

/// A directive's text with the metavariables it names replaced by their bindings.
fn substitute_words(text: &str, pat: &Pattern, env: &Env) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let bound = pat
            .metavars
            .iter()
            .position(|m| m.name.name == *word && m.kind.is_metavariable())
            .and_then(|m| env.binding(m));
        match bound {
            Some(b) => out.push_str(&b.text),
            None => out.push_str(word),
        }
        word.clear();
    };
    for ch in text.chars() {
        if ch.is_alphanumeric() || ch == '_' {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out
}
