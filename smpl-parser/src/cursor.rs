//! A cursor over the tokens of one header or declaration section, with error reporting.

use crate::diag::Diagnostics;
use crate::lexer::{Tok, TokKind};
use crate::regex_constraint::RegexDialect;
use std::ops::Range;

/// Parsing stops at the first error of a section; the error is already in the diagnostics.
#[derive(Debug)]
pub struct Stop;

pub type PResult<T> = Result<T, Stop>;

pub struct Cursor<'a> {
    pub src: &'a str,
    pub toks: Vec<Tok>,
    pub pos: usize,
    pub file: usize,
    /// Where "end of section" errors point.
    pub end: usize,
    pub diags: &'a mut Diagnostics,
    /// How `=~` patterns are read (`#spatch --ocaml-regexps` selects OCaml's syntax).
    pub regex_dialect: RegexDialect,
}

impl<'a> Cursor<'a> {
    pub fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    pub fn peek_text(&self) -> &'a str {
        self.nth_text(0)
    }

    pub fn nth_text(&self, n: usize) -> &'a str {
        self.toks
            .get(self.pos + n)
            .map_or("", |t| &self.src[t.range.clone()])
    }

    pub fn nth_kind(&self, n: usize) -> Option<TokKind> {
        self.toks.get(self.pos + n).map(|t| t.kind)
    }

    pub fn at(&self, text: &str) -> bool {
        self.peek()
            .is_some_and(|t| t.kind != TokKind::Str && t.text(self.src) == text)
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    pub fn bump(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    pub fn eat(&mut self, text: &str) -> bool {
        if self.at(text) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// The range of the current token, or an empty range at the section end.
    pub fn here(&self) -> Range<usize> {
        match self.peek() {
            Some(t) => t.range.clone(),
            None => self.end..self.end,
        }
    }

    pub fn fail<T>(&mut self, message: impl Into<String>) -> PResult<T> {
        let r = self.here();
        let found = match self.peek() {
            Some(t) => format!(", found `{}`", t.text(self.src)),
            None => String::new(),
        };
        self.diags
            .error(self.file, r, format!("{}{found}", message.into()));
        Err(Stop)
    }

    pub fn fail_hint<T>(&mut self, message: impl Into<String>, hint: &str) -> PResult<T> {
        let r = self.here();
        self.diags.error_with_hint(self.file, r, message, hint);
        Err(Stop)
    }

    pub fn expect(&mut self, text: &str) -> PResult<Tok> {
        if self.at(text) {
            Ok(self.bump().ok_or(Stop)?)
        } else {
            self.fail(format!("expected `{text}`"))
        }
    }

    pub fn ident(&mut self, what: &str) -> PResult<(String, Range<usize>)> {
        match self.peek() {
            Some(t) if t.kind == TokKind::Ident => {
                let t = t.clone();
                self.pos += 1;
                Ok((t.text(self.src).to_string(), t.range))
            }
            _ => self.fail(format!("expected {what}")),
        }
    }

    pub fn string(&mut self, what: &str) -> PResult<String> {
        match self.peek() {
            Some(t) if t.kind == TokKind::Str => {
                let t = t.clone();
                self.pos += 1;
                Ok(unquote(t.text(self.src)))
            }
            _ => self.fail(format!("expected {what}")),
        }
    }

    /// Skips to just after the next `;` (or to the end), to resume after an error.
    pub fn recover_to_semicolon(&mut self) {
        while let Some(t) = self.bump() {
            if t.text(self.src) == ";" {
                break;
            }
        }
    }
}

/// The contents of a string literal without its quotes (escapes kept as written).
pub fn unquote(s: &str) -> String {
    let inner = s
        .strip_prefix('"')
        .or_else(|| s.strip_prefix('\''))
        .unwrap_or(s);
    let inner = if inner.len() < s.len() && (inner.ends_with('"') || inner.ends_with('\'')) {
        &inner[..inner.len() - 1]
    } else {
        inner
    };
    inner.to_string()
}
