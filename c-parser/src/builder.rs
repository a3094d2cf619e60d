//! Turns parser events plus the full token list into a rowan green tree.
//!
//! Trivia (and tokens the parser never consumed: inactive conditional branches) attach to
//! the innermost node open when they are met, but never start a node: a node's range begins
//! at its first significant token.

use crate::lexer::Token;
use crate::parser::Event;
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::{SyntaxError, TextRange, TextSize};
use rowan::{GreenNode, GreenNodeBuilder};
use std::collections::HashMap;

struct Sink<'t> {
    text: &'t str,
    tokens: &'t [Token],
    consumed: Vec<bool>,
    cursor: usize,
    offset: u32,
    builder: GreenNodeBuilder<'static>,
    /// Open nodes: kind, and for ERROR nodes their start offset and message.
    open: Vec<(SyntaxKind, u32, Option<String>)>,
    errors: Vec<SyntaxError>,
}

impl<'t> Sink<'t> {
    fn emit_raw(&mut self) {
        let tok = self.tokens[self.cursor];
        let kind = if tok.kind.is_trivia() || self.consumed[self.cursor] { tok.kind } else { INACTIVE };
        self.emit(kind, tok.len);
    }

    fn emit(&mut self, kind: SyntaxKind, len: u32) {
        let start = self.offset as usize;
        let end = start + len as usize;
        self.builder.token(kind.into(), &self.text[start..end]);
        self.offset += len;
        self.cursor += 1;
    }

    /// Emits trivia and inactive tokens up to the next consumed token.
    fn flush_trivia(&mut self) {
        while self.cursor < self.tokens.len()
            && (self.tokens[self.cursor].kind.is_trivia() || !self.consumed[self.cursor])
        {
            self.emit_raw();
        }
    }

    fn start_node(&mut self, kind: SyntaxKind, message: Option<String>) {
        if !self.open.is_empty() {
            self.flush_trivia();
        }
        self.builder.start_node(kind.into());
        self.open.push((kind, self.offset, message));
    }

    fn finish_node(&mut self) {
        if self.open.len() == 1 {
            while self.cursor < self.tokens.len() {
                self.emit_raw();
            }
        }
        if let Some((kind, start, message)) = self.open.pop() {
            if kind == ERROR {
                self.errors.push(SyntaxError {
                    range: TextRange::new(TextSize::from(start), TextSize::from(self.offset)),
                    message: message.unwrap_or_else(|| "syntax error".to_string()),
                });
            }
            self.builder.finish_node();
        }
    }

    fn token(&mut self, raw: usize, kind: SyntaxKind) {
        while self.cursor < raw && self.cursor < self.tokens.len() {
            self.emit_raw();
        }
        if self.cursor < self.tokens.len() {
            let len = self.tokens[self.cursor].len;
            self.emit(kind, len);
        }
    }
}

/// Builds the tree. `root_kind` wraps everything if the events do not start with a node.
pub(crate) fn build(
    text: &str,
    tokens: &[Token],
    mut events: Vec<Event>,
    errors: Vec<(u32, String)>,
) -> (GreenNode, Vec<SyntaxError>) {
    let mut consumed = vec![false; tokens.len()];
    for e in &events {
        if let Event::Token { raw, .. } = e {
            if let Some(c) = consumed.get_mut(*raw as usize) {
                *c = true;
            }
        }
    }
    let mut messages: HashMap<u32, String> = errors.into_iter().collect();
    let mut sink = Sink {
        text,
        tokens,
        consumed,
        cursor: 0,
        offset: 0,
        builder: GreenNodeBuilder::new(),
        open: Vec::new(),
        errors: Vec::new(),
    };
    let mut parents: Vec<(SyntaxKind, u32)> = Vec::new();
    for i in 0..events.len() {
        match std::mem::replace(&mut events[i], Event::Tombstone) {
            Event::Start { kind, forward_parent } => {
                parents.push((kind, i as u32));
                let mut idx = i;
                let mut fp = forward_parent;
                while fp != 0 {
                    idx += fp as usize;
                    fp = 0;
                    if let Some(Event::Start { kind, forward_parent }) =
                        events.get_mut(idx).map(|e| std::mem::replace(e, Event::Tombstone))
                    {
                        parents.push((kind, idx as u32));
                        fp = forward_parent;
                    }
                }
                for (kind, idx) in parents.drain(..).rev() {
                    if kind != SyntaxKind::__LAST {
                        let message = if kind == ERROR { messages.remove(&idx) } else { None };
                        sink.start_node(kind, message);
                    }
                }
            }
            Event::Finish => sink.finish_node(),
            Event::Token { raw, kind } => sink.token(raw as usize, kind),
            Event::Tombstone => {}
        }
    }
    while !sink.open.is_empty() {
        sink.finish_node();
    }
    sink.errors.sort_by_key(|e| (e.range.start(), e.range.end()));
    (sink.builder.finish(), sink.errors)
}
