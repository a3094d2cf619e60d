//! Rule bodies: both slices parsed with c-parser's grammar, the pattern tokens annotated for the
//! matcher (minus or context, metavariable, attached positions), and each run of added tokens
//! anchored to a pattern token for the rewriter.

use crate::cparse::{parse_slice, ParsedSlice};
use crate::define_pattern::{split_define, DefinePattern};
use crate::diag::Diagnostics;
use crate::model::{Constraint, MetavarDecl, MetavarKind, RuleHeader};
use crate::slices::{build_slice, classify_lines, Mark, SliceText};
use c_parser::{parse_smpl_body, ParseOptions, SyntaxKind, SyntaxNode, SyntaxToken, Token};
use std::ops::Range;

/// One slice of a body: its text and tokens, from which c-parser's tree is built on demand.
///
/// The tree is not stored: rowan nodes are neither `Send` nor `Sync`, and a rule file must be
/// shareable by the threads that apply it. [`Slice::tree`] re-parses (microseconds for a rule
/// body); keep the returned node while working on one file.
#[derive(Clone, Debug)]
pub struct Slice {
    /// The slice's text: whole lines of the rule file, markers included.
    pub text: String,
    tokens: Vec<Token>,
    options: ParseOptions,
    /// (offset in `text`, offset in the rule file) of each line start.
    line_starts: Vec<(usize, usize)>,
}

impl Slice {
    /// c-parser's tree over `text` (root `SMPL_BODY`); markers and `@p` are trivia. Token
    /// offsets (`text_range().start()`) are those of [`RuleBody::tokens`] /
    /// [`RuleBody::plus_tokens`].
    pub fn tree(&self) -> SyntaxNode {
        parse_smpl_body(&self.text, &self.tokens, &self.options).root
    }

    /// The rule-file offset of an offset in this slice.
    pub fn file_offset(&self, offset: usize) -> usize {
        let i = self.line_starts.partition_point(|(s, _)| *s <= offset);
        match i.checked_sub(1) {
            Some(i) => self.line_starts[i].1 + (offset - self.line_starts[i].0),
            None => self.line_starts.first().map_or(0, |l| l.1),
        }
    }
}

/// A significant token of the minus/context pattern (directives included, which c-parser
/// keeps as trivia but a rule may remove or match them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternToken {
    /// Offset of the token in the minus slice (`SyntaxToken::text_range().start()`).
    pub offset: usize,
    pub len: usize,
    pub kind: SyntaxKind,
    /// Offset in the rule file.
    pub file_offset: usize,
    /// `Minus`, `Context` or `Star`.
    pub mark: Mark,
    /// On a line starting with `?`.
    pub optional: bool,
    /// Index in `Rule::metavars` of the metavariable this identifier names.
    pub metavar: Option<usize>,
    /// Indices in `Rule::metavars` of the `@p` (or `@E`) annotations on this token.
    pub attached: Vec<usize>,
}

/// A significant token of the plus slice (directives included, and comments on `+` lines).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlusToken {
    pub offset: usize,
    pub len: usize,
    pub kind: SyntaxKind,
    pub file_offset: usize,
    /// On a `+` line (added), as opposed to a context line shared with the pattern.
    pub added: bool,
    pub metavar: Option<usize>,
}

/// Where a run of added tokens goes, relative to pattern tokens (indices in
/// `RuleBody::tokens`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorPlace {
    /// In place of the removed tokens `first..=last` (all the pattern tokens between the two
    /// context tokens around the run, all minus).
    Replace { first: usize, last: usize },
    /// Just before the token.
    Before(usize),
    /// Just after the token.
    After(usize),
    /// The pattern has no tokens at all (a body made only of added code).
    Alone,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlusRun {
    /// Indices in `RuleBody::plus_tokens` of the added tokens of the run.
    pub tokens: Range<usize>,
    /// The run's text range in the plus slice, first token start to last token end.
    pub range: Range<usize>,
    pub place: AnchorPlace,
}

#[derive(Clone, Debug)]
pub struct RuleBody {
    /// Byte range of the body in the rule file.
    pub span: Range<usize>,
    /// Context, `-` and `*` lines.
    pub minus: Slice,
    /// Context and `+` lines.
    pub plus: Slice,
    /// The pattern's significant tokens in order.
    pub tokens: Vec<PatternToken>,
    pub plus_tokens: Vec<PlusToken>,
    pub plus_runs: Vec<PlusRun>,
    /// Some line is a `*` line: the rule reports matches instead of changing code.
    pub is_semantic_match: bool,
    /// The body is one `#define` pattern: its header, the slices holding its code.
    pub define: Option<DefinePattern>,
}

impl RuleBody {
    /// The annotation of a token of the minus tree.
    pub fn pattern_token(&self, tok: &SyntaxToken) -> Option<&PatternToken> {
        self.token_at(usize::from(tok.text_range().start()))
    }

    /// The pattern token starting at `offset` of the minus slice.
    pub fn token_at(&self, offset: usize) -> Option<&PatternToken> {
        self.tokens
            .binary_search_by_key(&offset, |t| t.offset)
            .ok()
            .map(|i| &self.tokens[i])
    }

    /// The annotation of a token of the plus tree.
    pub fn plus_token(&self, tok: &SyntaxToken) -> Option<&PlusToken> {
        let offset = usize::from(tok.text_range().start());
        self.plus_tokens
            .binary_search_by_key(&offset, |t| t.offset)
            .ok()
            .map(|i| &self.plus_tokens[i])
    }

    /// Whether the rule changes code (has `-` or `+` lines).
    pub fn transforms(&self) -> bool {
        !self.plus_runs.is_empty() || self.tokens.iter().any(|t| t.mark == Mark::Minus)
    }
}

/// Whether a token may name a metavariable: identifiers, and the operator metavariables that
/// `build_slice` re-kinded to the operator they stand for (their text is still the name).
fn names_something(kind: SyntaxKind, text: &str) -> bool {
    kind == SyntaxKind::IDENT
        || (!kind.is_trivia() && text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
}

/// Directives and significant tokens are what the pattern is made of.
fn is_pattern_token(kind: SyntaxKind) -> bool {
    !kind.is_trivia() || kind == SyntaxKind::DIRECTIVE
}

/// Parses a code rule's body. Errors go to `diags`; the body is returned even then, so that a
/// caller may dump what was understood.
pub fn parse_body(
    text: &str,
    span: Range<usize>,
    metavars: &[MetavarDecl],
    header: &RuleHeader,
    file: usize,
    diags: &mut Diagnostics,
) -> RuleBody {
    let define = split_define(text, span.clone(), metavars);
    let text = define.as_ref().map_or(text, |(_, code)| code.as_str());
    let lines = classify_lines(text, span.clone());
    let attachable = |name: &str| {
        metavars
            .iter()
            .any(|m| m.name.name == name && m.kind.is_metavariable())
    };
    let operator = |name: &str| operator_kind(metavars, name);
    let minus_keep = [Mark::Context, Mark::Minus, Mark::Star];
    let minus_src = build_slice(text, &lines, &minus_keep, &attachable, &operator);
    let plus_src = build_slice(
        text,
        &lines,
        &[Mark::Context, Mark::Plus],
        &attachable,
        &operator,
    );
    let has_plus = lines.iter().any(|l| l.mark == Mark::Plus);

    let minus = parse_slice(&minus_src, metavars, header);
    let plus = parse_slice(&plus_src, metavars, header);
    report_errors(&minus, &minus_src, None, metavars, file, diags);
    if has_plus {
        report_errors(&plus, &plus_src, Some(Mark::Plus), metavars, file, diags);
    }

    let lookup = |name: &str| {
        metavars
            .iter()
            .position(|m| m.name.name == name && m.kind.is_metavariable())
    };
    let tokens = pattern_tokens(&minus_src, &lookup, metavars);
    for t in &tokens {
        if let Some(m) = t.metavar.map(|i| &metavars[i]) {
            if matches!(m.kind, MetavarKind::FreshIdentifier(_)) {
                diags.error_with_hint(
                    file,
                    t.file_offset..t.file_offset + t.len,
                    format!(
                        "fresh identifier `{}` used in minus or context code",
                        m.name.name
                    ),
                    "a fresh identifier names something the rule creates: use it only on `+` lines",
                );
            }
        }
    }
    let plus_tokens = plus_tokens(&plus_src, &lookup);
    // Dots and nests describe what to match; there is nothing they could add.
    let pattern_only = |k: SyntaxKind| {
        use SyntaxKind::*;
        matches!(
            k,
            DOTS | NEST_OPEN | NEST_CLOSE | NEST_PLUS_OPEN | NEST_PLUS_CLOSE | WHEN_KW
        )
    };
    if let Some(t) = plus_tokens.iter().find(|t| t.added && pattern_only(t.kind)) {
        let text = &plus_src.text[t.offset..t.offset + t.len];
        diags.error_with_hint(
            file,
            t.file_offset..t.file_offset + t.len,
            format!("`{text}` on a `+` line"),
            "dots, nests and `when` only match code; put them on a context line",
        );
    }
    let plus_runs = anchor_runs(&tokens, &plus_tokens);
    RuleBody {
        span,
        minus: Slice {
            text: minus_src.text.clone(),
            tokens: minus_src.tokens.clone(),
            options: minus.options,
            line_starts: line_starts(&minus_src),
        },
        plus: Slice {
            text: plus_src.text.clone(),
            tokens: plus_src.tokens.clone(),
            options: plus.options,
            line_starts: line_starts(&plus_src),
        },
        tokens,
        plus_tokens,
        plus_runs,
        is_semantic_match: lines.iter().any(|l| l.mark == Mark::Star),
        define: define.map(|(pattern, _)| pattern),
    }
}

/// The token kind an operator metavariable is parsed as: its first allowed operator when a
/// constraint lists them (so precedence follows), else a representative of its class.
fn operator_kind(metavars: &[MetavarDecl], name: &str) -> Option<SyntaxKind> {
    let m = metavars.iter().find(|m| m.name.name == name)?;
    let default = match m.kind {
        MetavarKind::BinaryOperator => SyntaxKind::PLUS,
        MetavarKind::AssignmentOperator => SyntaxKind::EQ,
        MetavarKind::UnaryOperator => SyntaxKind::BANG,
        _ => return None,
    };
    let first_allowed = m.constraints.iter().find_map(|c| match c {
        Constraint::Compare {
            negated: false,
            values,
        } => values.first().cloned(),
        _ => None,
    });
    let from_constraint = first_allowed.and_then(|op| {
        let toks = c_parser::lex(&op, c_parser::LexMode::C);
        match toks.as_slice() {
            [t] if t.kind != SyntaxKind::IDENT && !t.kind.is_trivia() => Some(t.kind),
            _ => None,
        }
    });
    Some(from_constraint.unwrap_or(default))
}

fn line_starts(s: &SliceText) -> Vec<(usize, usize)> {
    s.lines
        .iter()
        .map(|(start, l)| (*start, l.range.start))
        .collect()
}

fn report_errors(
    parsed: &ParsedSlice,
    src: &SliceText,
    only_mark: Option<Mark>,
    metavars: &[MetavarDecl],
    file: usize,
    diags: &mut Diagnostics,
) {
    // The plus slice keeps context lines whose removed neighbours may leave them incomplete
    // (`if (x)` over a removed statement); only errors on added lines count there.
    let on_marked_lines = |range: &Range<usize>| match only_mark {
        None => true,
        Some(mark) => src.lines.iter().any(|(start, l)| {
            l.mark == mark
                && *start < range.end.max(range.start + 1)
                && range.start < start + l.range.len()
        }),
    };
    // One error per slice is enough to locate the problem; later ones are usually echoes.
    let Some((range, message)) = parsed.errors.iter().find(|(r, _)| on_marked_lines(r)) else {
        return;
    };
    let which = if only_mark.is_some() {
        "added"
    } else {
        "matched"
    };
    // An unbalanced bracket explains every error after it: report it where it opens.
    if let Some((range, message)) = unbalanced_bracket(src, only_mark) {
        let at = src.file_offset(range.start);
        let lines = if only_mark.is_some() { "`+`" } else { "`-`" };
        diags.error_with_hint(
            file,
            at..at + range.len(),
            format!("{message} in the {which} code"),
            format!("the context and {lines} lines together must be balanced"),
        );
        return;
    }
    // An error at the end of the slice is shown at the last token, not at whatever line of
    // the rule file follows the slice.
    let range = if range.start >= src.text.len() {
        last_token_range(src).unwrap_or(range.clone())
    } else {
        range.clone()
    };
    let at = src.file_offset(range.start);
    let end = src.file_offset(range.end.max(range.start));
    let statement_expected = message.contains("`;`") || message.contains("statement");
    let hint = statement_expected
        .then(|| metavar_hint(parsed, src, range.start, metavars))
        .flatten();
    let message = format!("{message} in the {which} code");
    match hint {
        Some(h) => diags.error_with_hint(file, at..end.max(at), message, h),
        None => diags.error(file, at..end.max(at), message),
    }
}

/// The first bracket left unclosed, or closed without an opener (in the lines of `only_mark`
/// when given).
fn unbalanced_bracket(src: &SliceText, only_mark: Option<Mark>) -> Option<(Range<usize>, String)> {
    use SyntaxKind::*;
    let marked = |r: &Range<usize>| {
        only_mark.is_none_or(|m| src.line_at(r.start).is_some_and(|l| l.mark == m))
    };
    let mut open: Vec<(SyntaxKind, Range<usize>)> = Vec::new();
    for (i, t) in src.tokens.iter().enumerate() {
        let r = src.offsets[i]..src.offsets[i] + t.len as usize;
        match t.kind {
            L_PAREN | L_BRACK | L_BRACE => open.push((t.kind, r)),
            R_PAREN | R_BRACK | R_BRACE => {
                let want = match t.kind {
                    R_PAREN => L_PAREN,
                    R_BRACK => L_BRACK,
                    _ => L_BRACE,
                };
                match open.pop() {
                    Some((k, _)) if k == want => {}
                    _ if marked(&r) => {
                        let text = &src.text[r.clone()];
                        return Some((r, format!("`{text}` without a matching opening bracket")));
                    }
                    _ => return None,
                }
            }
            _ => {}
        }
    }
    let (_, r) = open.into_iter().find(|(_, r)| marked(r))?;
    let text = &src.text[r.clone()];
    Some((r, format!("unclosed `{text}`")))
}

fn last_token_range(src: &SliceText) -> Option<Range<usize>> {
    let i = src.tokens.iter().rposition(|t| !t.kind.is_trivia())?;
    Some(src.offsets[i]..src.offsets[i] + src.tokens[i].len as usize)
}

/// When the token before an error is a metavariable, says what its kind allows.
fn metavar_hint(
    _parsed: &ParsedSlice,
    src: &SliceText,
    error_at: usize,
    metavars: &[MetavarDecl],
) -> Option<String> {
    let i = src.offsets.partition_point(|o| *o < error_at);
    let prev = (0..i).rev().find(|&j| !src.tokens[j].kind.is_trivia())?;
    if src.tokens[prev].kind != SyntaxKind::IDENT {
        return None;
    }
    let o = src.offsets[prev];
    let name = &src.text[o..o + src.tokens[prev].len as usize];
    let m = metavars
        .iter()
        .find(|m| m.name.name == name && m.kind.is_metavariable())?;
    let what = match &m.kind {
        MetavarKind::Expression { .. }
        | MetavarKind::IdExpression { .. }
        | MetavarKind::Constant { .. } => {
            "an expression: where a statement is needed write `E;`, or declare it `statement`"
        }
        MetavarKind::Identifier => {
            "an identifier: it stands for a name, not a whole expression or statement"
        }
        MetavarKind::Statement => "a statement: it cannot be used inside an expression",
        MetavarKind::Type => "a type: it must be followed by a declarator or used in a cast",
        _ => return Some(format!("`{name}` is declared as {}", m.kind.describe())),
    };
    Some(format!("`{name}` is declared as {what}"))
}

fn pattern_tokens(
    src: &SliceText,
    lookup: &dyn Fn(&str) -> Option<usize>,
    metavars: &[MetavarDecl],
) -> Vec<PatternToken> {
    let mut out = Vec::new();
    let mut index_of_raw = vec![usize::MAX; src.tokens.len()];
    for (i, tok) in src.tokens.iter().enumerate() {
        if !is_pattern_token(tok.kind) {
            continue;
        }
        let offset = src.offsets[i];
        let len = tok.len as usize;
        let line = src.line_at(offset);
        let metavar = names_something(tok.kind, &src.text[offset..offset + len])
            .then(|| lookup(&src.text[offset..offset + len]))
            .flatten();
        index_of_raw[i] = out.len();
        out.push(PatternToken {
            offset,
            len,
            kind: tok.kind,
            file_offset: src.file_offset(offset),
            mark: line.map_or(Mark::Context, |l| l.mark),
            optional: line.is_some_and(|l| l.optional),
            metavar,
            attached: Vec::new(),
        });
    }
    for (raw, name, _) in &src.attachments {
        let Some(t) = index_of_raw.get(*raw).copied().filter(|&i| i != usize::MAX) else {
            continue;
        };
        if let Some(m) = metavars.iter().position(|m| &m.name.name == name) {
            out[t].attached.push(m);
        }
    }
    out
}

fn plus_tokens(src: &SliceText, lookup: &dyn Fn(&str) -> Option<usize>) -> Vec<PlusToken> {
    let mut out = Vec::new();
    for (i, tok) in src.tokens.iter().enumerate() {
        let offset = src.offsets[i];
        let added = src.line_at(offset).is_some_and(|l| l.mark == Mark::Plus);
        // Comments on `+` lines are added code too.
        let added_comment = added && tok.kind == SyntaxKind::COMMENT;
        if !is_pattern_token(tok.kind) && !added_comment {
            continue;
        }
        let len = tok.len as usize;
        let metavar = names_something(tok.kind, &src.text[offset..offset + len])
            .then(|| lookup(&src.text[offset..offset + len]))
            .flatten();
        out.push(PlusToken {
            offset,
            len,
            kind: tok.kind,
            file_offset: src.file_offset(offset),
            added,
            metavar,
        });
    }
    out
}

/// Aligns the two streams on their shared context tokens (same rule-file offsets) and anchors
/// each maximal run of added tokens.
fn anchor_runs(pattern: &[PatternToken], plus: &[PlusToken]) -> Vec<PlusRun> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < plus.len() {
        if !plus[i].added {
            i += 1;
            continue;
        }
        let start = i;
        while i < plus.len() && plus[i].added {
            i += 1;
        }
        let run_start = plus[start].file_offset;
        let run_end = plus[i - 1].file_offset;
        // Context tokens around the run, found in the pattern by rule-file offset.
        let prev_ctx = start.checked_sub(1).and_then(|p| {
            pattern
                .binary_search_by_key(&plus[p].file_offset, |t| t.file_offset)
                .ok()
        });
        let next_ctx = plus.get(i).and_then(|n| {
            pattern
                .binary_search_by_key(&n.file_offset, |t| t.file_offset)
                .ok()
        });
        let gap_lo = prev_ctx.map_or(0, |p| p + 1);
        let gap_hi = next_ctx.unwrap_or(pattern.len());
        let gap = &pattern[gap_lo.min(gap_hi)..gap_hi];
        let before = gap
            .iter()
            .rposition(|t| t.file_offset < run_start)
            .map(|k| gap_lo + k);
        let after = gap
            .iter()
            .position(|t| t.file_offset > run_end)
            .map(|k| gap_lo + k);
        // Runs are maximal and every context token of the plus slice is in the pattern, so a
        // run is alone between its context neighbours: if all between them is removed, the
        // run replaces it.
        let all_minus = !gap.is_empty() && gap.iter().all(|t| t.mark == Mark::Minus);
        // A branch separator (`|`, `&`) is no code: what is added at the start of a branch
        // goes before the branch's first token, so it comes only with that branch.
        let after_separator = prev_ctx.is_some_and(|p| {
            matches!(pattern[p].kind, SyntaxKind::DISJ_SEP | SyntaxKind::CONJ_SEP)
        });
        let place = if all_minus {
            AnchorPlace::Replace {
                first: gap_lo,
                last: gap_hi - 1,
            }
        } else if let (true, Some(n)) = (after_separator && before.is_none(), next_ctx) {
            AnchorPlace::Before(after.unwrap_or(n))
        } else if let Some(b) = before {
            AnchorPlace::After(b)
        } else if let Some(a) = after {
            AnchorPlace::Before(a)
        } else if let Some(p) = prev_ctx {
            AnchorPlace::After(p)
        } else if let Some(n) = next_ctx {
            AnchorPlace::Before(n)
        } else {
            AnchorPlace::Alone
        };
        let range = plus[start].offset..plus[i - 1].offset + plus[i - 1].len;
        runs.push(PlusRun {
            tokens: start..i,
            range,
            place,
        });
    }
    runs
}
