//! Where the long lines of a run's code may break ([`rewriter::wrap::BreakMark`]): the
//! tokens of the trees the code is written from (the plus tree's, the C tree's for bound
//! values), found in order in the finished text, which differs from them only in blanks.

use super::CCode;
use crate::env::Binding;
use c_parser::SyntaxKind::{self, *};
use rewriter::wrap::{marks_of_tokens, BreakMarks};

/// What a run's code is written from, in order.
#[derive(Clone)]
enum Piece<'v> {
    /// A token of the plus tree, written as it is there.
    Plus(c_parser::SyntaxToken),
    /// A token written with this text (a fresh name, a parenthesis put around a name).
    Token(SyntaxKind, String),
    /// A directive, its metavariables replaced: it runs to the end of its line.
    Directive,
    /// A bound value, or the part of it written there, between parentheses when
    /// `parenthesized`.
    Value {
        binding: &'v Binding,
        part: Part,
        parenthesized: bool,
    },
}

/// What part of a bound value is written at a place: an array type declaring names is
/// written as its base type, its dimensions after each name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Base,
    Dimensions,
}

/// What a run's code is written from, collected as the code is built from the plus tree.
#[derive(Default)]
pub(super) struct Pieces<'v> {
    pieces: Vec<Piece<'v>>,
    /// The plus tokens an array type's parts are written around (by offset in the plus
    /// tree): `(` before a pointer's `*`, `)` and the dimensions after a name.
    decorated: Vec<(c_parser::TextSize, Decoration<'v>)>,
}

#[derive(Clone, Copy)]
enum Decoration<'v> {
    OpenBefore,
    DimensionsAfter { closed: bool, of: &'v Binding },
}

impl<'v> Pieces<'v> {
    /// A token of the plus tree, written as it is there.
    pub(super) fn plus_token(&mut self, token: &c_parser::SyntaxToken) {
        let piece = Piece::Plus(token.clone());
        self.decorated_piece(token.text_range().start(), piece);
    }

    /// A token written as `text` for the plus tree's token at `at` (a fresh name).
    pub(super) fn token(&mut self, at: c_parser::TextSize, kind: SyntaxKind, text: &str) {
        self.decorated_piece(at, Piece::Token(kind, text.to_string()));
    }

    pub(super) fn directive(&mut self) {
        self.pieces.push(Piece::Directive);
    }

    /// The value bound to the metavariable at `at` in the plus tree.
    pub(super) fn value(&mut self, at: c_parser::TextSize, binding: &'v Binding, parens: bool) {
        let piece = Piece::Value {
            binding,
            part: Part::Whole,
            parenthesized: parens,
        };
        self.decorated_piece(at, piece);
    }

    /// The array type `binding`, written at its place as its base type, with these
    /// decorations of the names it declares ([`super::declarators::array_declarators`]).
    pub(super) fn array_type(&mut self, binding: &'v Binding, placed: &super::Decorations) {
        if let Some(Piece::Value { part, .. }) = self.pieces.last_mut() {
            *part = Part::Base;
        }
        for (at, before, after) in placed {
            let decoration = match before.is_empty() {
                false => Decoration::OpenBefore,
                true => Decoration::DimensionsAfter {
                    closed: after.starts_with(')'),
                    of: binding,
                },
            };
            self.decorated.push((*at, decoration));
        }
    }

    fn decorated_piece(&mut self, at: c_parser::TextSize, piece: Piece<'v>) {
        let decoration = self.decorated.iter().find(|d| d.0 == at).map(|d| d.1);
        if let Some(Decoration::OpenBefore) = decoration {
            self.pieces.push(Piece::Token(L_PAREN, "(".to_string()));
        }
        self.pieces.push(piece);
        if let Some(Decoration::DimensionsAfter { closed, of }) = decoration {
            if closed {
                self.pieces.push(Piece::Token(R_PAREN, ")".to_string()));
            }
            self.pieces.push(Piece::Value {
                binding: of,
                part: Part::Dimensions,
                parenthesized: false,
            });
        }
    }

    /// The break marks of `text`, written from these pieces, with one declaration per
    /// declarator when `distributed` ([`super::declarators::distribute_declarators`]);
    /// none when the text is not their tokens in order.
    pub(super) fn marks(&self, c: &CCode, text: &str, distributed: bool) -> BreakMarks {
        if !text.contains(',') && self.brackets_balance() {
            // No comma to break at, and every bracket closed where it is opened: the code's
            // marks cannot decide a break, alone nor joined with other code on a line.
            return Vec::new();
        }
        let pieces = match distributed {
            true => one_declaration_per_declarator(&self.pieces),
            false => None,
        };
        marks_from_trees(c, text, pieces.as_deref().unwrap_or(&self.pieces)).unwrap_or_default()
    }
}

impl Pieces<'_> {
    /// Whether the brackets of the pieces close only brackets they opened before, and all
    /// of them (a bound value's own brackets balance: it is a node of its tree).
    fn brackets_balance(&self) -> bool {
        let mut depth = 0i32;
        for piece in &self.pieces {
            let kind = match piece {
                Piece::Plus(t) => t.kind(),
                Piece::Token(kind, _) => *kind,
                _ => continue,
            };
            match kind {
                L_PAREN | L_BRACK | L_BRACE => depth += 1,
                R_PAREN | R_BRACK | R_BRACE => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return false;
            }
        }
        depth == 0
    }
}

/// `T a, b;` as `T a; T b;`.
fn one_declaration_per_declarator<'v>(pieces: &[Piece<'v>]) -> Option<Vec<Piece<'v>>> {
    let (ty, rest) = pieces.split_first()?;
    let (semi, names) = rest.split_last()?;
    let mut out = Vec::new();
    let is_comma = |p: &Piece| match p {
        Piece::Plus(t) => t.kind() == COMMA,
        Piece::Token(kind, _) => *kind == COMMA,
        _ => false,
    };
    for name in names.split(is_comma) {
        out.push(ty.clone());
        out.extend(name.iter().cloned());
        out.push(semi.clone());
    }
    Some(out)
}

/// The break marks of `text`, written from `pieces`; `None` when the text is not their
/// tokens in order.
fn marks_from_trees(c: &CCode, text: &str, pieces: &[Piece]) -> Option<BreakMarks> {
    let mut found: Vec<(usize, SyntaxKind, &str)> = Vec::new();
    let mut at = 0usize;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Plus(t) => place(text, &mut at, t.kind(), t.text(), &mut found)?,
            Piece::Token(kind, token) => place(text, &mut at, *kind, token, &mut found)?,
            Piece::Directive => place(text, &mut at, DIRECTIVE, "#", &mut found)?,
            Piece::Value {
                binding,
                part,
                parenthesized,
            } => {
                if *parenthesized {
                    place(text, &mut at, L_PAREN, "(", &mut found)?;
                }
                if *part == Part::Whole && !binding.text.contains(',') {
                    let called = match pieces.get(i + 1) {
                        Some(Piece::Plus(t)) => t.kind() == L_PAREN,
                        Some(Piece::Token(kind, _)) => *kind == L_PAREN,
                        _ => false,
                    };
                    skip_value(c, text, &mut at, binding, called, &mut found)?;
                } else {
                    place_value_tokens(c, text, &mut at, binding, *part, &mut found)?;
                }
                if *parenthesized {
                    place(text, &mut at, R_PAREN, ")", &mut found)?;
                }
            }
        }
    }
    (after_blanks(text, at) == text.len()).then(|| {
        // The blanks between tokens, for what starts a line.
        let mut with_breaks = Vec::with_capacity(found.len() * 2);
        let mut end = 0;
        for (start, kind, token) in found {
            if text[end..start].contains('\n') {
                with_breaks.push((end, NEWLINE, "\n"));
            }
            with_breaks.push((start, kind, token));
            end = start + token.len();
        }
        marks_of_tokens(with_breaks)
    })
}

/// Finds the tokens of a bound value (or of the `part` of it written there) in order.
fn place_value_tokens<'t>(
    c: &CCode,
    text: &'t str,
    at: &mut usize,
    binding: &Binding,
    part: Part,
    found: &mut Vec<(usize, SyntaxKind, &'t str)>,
) -> Option<()> {
    let tokens = value_tokens(c, binding);
    // An array type's dimensions start at its first `[`.
    let dimensions = tokens
        .iter()
        .position(|(_, t)| t == "[")
        .unwrap_or(tokens.len());
    let range = match part {
        Part::Whole => 0..tokens.len(),
        Part::Base => 0..dimensions,
        Part::Dimensions => dimensions..tokens.len(),
    };
    for (kind, token) in &tokens[range] {
        if !matches!(kind, WHITESPACE | NEWLINE) {
            place(text, at, *kind, token, found)?;
        }
    }
    Some(())
}

/// Moves `at` past a bound value with no comma, found by its text, blanks aside (its
/// brackets balance and its calls have one argument at most: none of its marks can decide
/// a break). What stands for it is its last token, which calls a `(` after it (`called`)
/// when it is a name or `)`.
fn skip_value<'t>(
    c: &CCode,
    text: &'t str,
    at: &mut usize,
    binding: &Binding,
    called: bool,
    found: &mut Vec<(usize, SyntaxKind, &'t str)>,
) -> Option<()> {
    let value = binding.text.as_str();
    let mut last = None;
    let mut from = after_blanks(value, 0);
    while let Some(ch) = value[from..].chars().next() {
        *at = after_blanks(text, *at);
        if !text[*at..].starts_with(ch) {
            return None;
        }
        last = Some(*at);
        *at += ch.len_utf8();
        from = after_blanks(value, from + ch.len_utf8());
    }
    if let Some(last) = last {
        // Only the kind of the last token counts: a comment stands for any other.
        let kind = match called {
            true => super::code_facts::value_edges(c, binding).map_or(COMMENT, |(_, k)| k),
            false => COMMENT,
        };
        found.push((last, kind, ""));
    }
    Some(())
}

/// Finds `token` after blanks at `at` in `text`, and moves `at` past it. A comment or a
/// directive is found by its start (its inside may be re-indented, its words replaced); a
/// comma may be missing (an empty list put in code takes one of its commas along).
fn place<'t>(
    text: &'t str,
    at: &mut usize,
    kind: SyntaxKind,
    token: &str,
    found: &mut Vec<(usize, SyntaxKind, &'t str)>,
) -> Option<()> {
    let start = after_blanks(text, *at);
    let rest = &text[start..];
    let len = match kind {
        COMMENT if token.starts_with("/*") => rest.strip_prefix("/*")?.find("*/")? + 4,
        COMMENT | DIRECTIVE => {
            let opening = if kind == DIRECTIVE { "#" } else { "//" };
            if !rest.starts_with(opening) {
                return None;
            }
            line_with_continuations(rest)
        }
        _ if rest.starts_with(token) => token.len(),
        COMMA => return Some(()),
        _ => return None,
    };
    found.push((start, kind, &text[start..start + len]));
    *at = start + len;
    Some(())
}

/// Where the blanks at `at` end (backslash-continued line ends are blanks).
fn after_blanks(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        match trimmed.strip_prefix('\\') {
            Some(next) if next.trim_start_matches([' ', '\t', '\r']).starts_with('\n') => at += 1,
            _ => return at,
        }
    }
}

/// The length of the line `rest` starts, backslash-continued lines included.
fn line_with_continuations(rest: &str) -> usize {
    let mut end = 0;
    loop {
        match rest[end..].find('\n') {
            Some(nl) if rest[..end + nl].trim_end_matches('\r').ends_with('\\') => end += nl + 1,
            Some(nl) => return end + nl,
            None => return rest.len(),
        }
    }
}

/// The tokens of a bound value: from the C file's tree where the binding lies, else (a
/// value bound by an earlier rule) from its own parse.
fn value_tokens(c: &CCode, b: &Binding) -> Vec<(SyntaxKind, String)> {
    let in_file = c.text.get(b.range.clone()) == Some(b.text.as_str());
    let start = c_parser::TextSize::try_from(b.range.start).ok();
    match start.filter(|_| in_file && !b.range.is_empty()) {
        Some(start) => {
            let mut out = Vec::new();
            let mut token = match c
                .root
                .covering_element(c_parser::TextRange::at(start, 1.into()))
            {
                c_parser::SyntaxElement::Token(t) => Some(t),
                c_parser::SyntaxElement::Node(n) => n.first_token(),
            };
            while let Some(t) = token {
                if usize::from(t.text_range().start()) >= b.range.end {
                    break;
                }
                out.push((t.kind(), t.text().to_string()));
                token = t.next_token();
            }
            out
        }
        None => c_parser::parse_expression(&b.text, &c_parser::ParseOptions::default())
            .root
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .map(|t| (t.kind(), t.text().to_string()))
            .collect(),
    }
}

#[cfg(test)]
mod tests;
