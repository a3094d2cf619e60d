//! Turns parser events plus the full token list into a rowan green tree, or, for callers
//! that only need the errors, walks the same events without building anything: the error
//! ranges come from the one walk either way, so they cannot differ.
//!
//! Trivia (and tokens the parser never consumed: inactive conditional branches) attach to
//! the innermost node open when they are met, but never start a node: a node's range begins
//! at its first significant token.

use crate::lexer::Token;
use crate::parser::Event;
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::{SyntaxError, TextRange, TextSize};
use rowan::{GreenNode, GreenToken, NodeOrToken};
use std::collections::HashMap;

/// Tokens at most this long are shared within one tree (names, punctuation, indentation);
/// longer ones (comments, strings) are nearly always unique.
const INTERN_MAX_LEN: usize = 32;
/// Most slots of the direct-mapped token and node caches (a power of two).
const CACHE_SLOTS: usize = 16384;
/// Fewest slots: a thread's caches start at the size its first text wants (about one slot
/// per token) and grow with larger texts, so that parsing a rule's few lines of SmPL does
/// not allocate, fill and at exit free two tables of 256 KB.
const MIN_CACHE_SLOTS: usize = 256;

/// The token and small-node caches, kept per thread across parses (bounded by their slot count).
#[derive(Default)]
struct Caches {
    tokens: Vec<Option<(u64, GreenToken)>>,
    nodes: Vec<Option<(u64, GreenNode)>>,
    single: Vec<Option<GreenToken>>,
}

thread_local! {
    static CACHES: std::cell::Cell<Option<Box<Caches>>> = const { std::cell::Cell::new(None) };
}

/// A cheap hash of a short token: kind, length, first and last bytes.
#[inline]
fn token_hash(kind: SyntaxKind, text: &str) -> u64 {
    let b = text.as_bytes();
    let n = b.len();
    let mut h = (kind as u64) << 48 ^ (n as u64) << 40;
    let mut head = [0u8; 8];
    let take = n.min(8);
    head[..take].copy_from_slice(&b[..take]);
    h ^= u64::from_le_bytes(head);
    if n > 8 {
        let mut tail = [0u8; 8];
        tail.copy_from_slice(&b[n - 8..]);
        h = h.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from_le_bytes(tail);
    }
    h.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The slot of a 64-bit hash (its top bits) in a cache of `slots` slots, a power of two no
/// smaller than [`MIN_CACHE_SLOTS`].
#[inline]
fn slot_of(h: u64, slots: usize) -> usize {
    (h >> (64 - slots.trailing_zeros())) as usize
}

/// A green-tree builder without rowan's global node cache: nodes are built directly from a
/// child stack, and short tokens are interned per tree.
struct GreenBuilder<'t> {
    children: Vec<NodeOrToken<GreenNode, GreenToken>>,
    parents: Vec<(SyntaxKind, usize)>,
    /// Direct-mapped caches of short tokens and of small nodes; a collision just replaces
    /// the slot.
    caches: Box<Caches>,
    _text: std::marker::PhantomData<&'t str>,
}

impl<'t> GreenBuilder<'t> {
    /// A builder for a text of `token_count` tokens, with this thread's caches (grown first
    /// if they are smaller than such a text wants).
    fn new(token_count: usize) -> Self {
        let mut caches = CACHES.with(|c| c.take()).unwrap_or_default();
        let slots = token_count
            .checked_next_power_of_two()
            .unwrap_or(CACHE_SLOTS)
            .clamp(MIN_CACHE_SLOTS, CACHE_SLOTS);
        if caches.tokens.len() < slots {
            caches.tokens = vec![None; slots];
            caches.nodes = vec![None; slots];
        }
        if caches.single.is_empty() {
            caches.single = vec![None; 128];
        }
        GreenBuilder {
            children: Vec::with_capacity(64),
            parents: Vec::with_capacity(64),
            caches,
            _text: std::marker::PhantomData,
        }
    }
}

/// What the event walk feeds: a tree builder, or nothing.
trait TreeSink<'t> {
    /// The token `text[start..end]`.
    fn token(&mut self, kind: SyntaxKind, text: &'t str, start: usize, end: usize);
    fn start_node(&mut self, kind: SyntaxKind);
    fn finish_node(&mut self);
}

/// The sink of [`errors_only`]: offsets and error ranges are all that is wanted.
struct NoTree;

impl<'t> TreeSink<'t> for NoTree {
    #[inline]
    fn token(&mut self, _: SyntaxKind, _: &'t str, _: usize, _: usize) {}
    #[inline]
    fn start_node(&mut self, _: SyntaxKind) {}
    #[inline]
    fn finish_node(&mut self) {}
}

impl<'t> TreeSink<'t> for GreenBuilder<'t> {
    #[inline]
    fn token(&mut self, kind: SyntaxKind, text: &'t str, start: usize, end: usize) {
        let text = &text[start..end];
        let bytes = text.as_bytes();
        if bytes.len() == 1 && bytes[0] < 128 {
            // One-character tokens (`;`, `(`, a space, a newline) by direct index.
            let slot = &mut self.caches.single[bytes[0] as usize];
            let token = match slot {
                Some(tok) if tok.kind() == kind.into() => tok.clone(),
                _ => {
                    let tok = GreenToken::new(kind.into(), text);
                    *slot = Some(tok.clone());
                    tok
                }
            };
            self.children.push(NodeOrToken::Token(token));
            return;
        }
        let token = if text.len() <= INTERN_MAX_LEN {
            let h = token_hash(kind, text);
            let index = slot_of(h, self.caches.tokens.len());
            let slot = &mut self.caches.tokens[index];
            match slot {
                Some((tag, tok))
                    if *tag == h && tok.kind() == kind.into() && tok.text() == text =>
                {
                    tok.clone()
                }
                _ => {
                    let tok = GreenToken::new(kind.into(), text);
                    *slot = Some((h, tok.clone()));
                    tok
                }
            }
        } else {
            GreenToken::new(kind.into(), text)
        };
        self.children.push(NodeOrToken::Token(token));
    }

    fn start_node(&mut self, kind: SyntaxKind) {
        self.parents.push((kind, self.children.len()));
    }

    fn finish_node(&mut self) {
        if let Some((kind, first)) = self.parents.pop() {
            let count = self.children.len() - first;
            let node = if (1..=3).contains(&count) {
                self.shared_small_node(kind, first)
            } else {
                GreenNode::new(kind.into(), self.children.drain(first..))
            };
            self.children.push(NodeOrToken::Node(node));
        }
    }
}

impl<'t> GreenBuilder<'t> {
    /// A node of one to three children (`NAME_REF rc`, `ARG_LIST ( env )`, `DECL_SPECS int`),
    /// shared with an identical one built before when the cache still has it: children are
    /// compared by identity, and interned tokens and shared nodes make identity common.
    /// Takes the children off the stack.
    fn shared_small_node(&mut self, kind: SyntaxKind, first: usize) -> GreenNode {
        let children = &self.children[first..];
        let mut h = (kind as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for c in children {
            h = (h.rotate_left(17) ^ child_ptr(c) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        let index = slot_of(h, self.caches.nodes.len());
        let slot = &mut self.caches.nodes[index];
        // The stored hash rules out most misses without touching the cached node's memory.
        if let Some((tag, cached)) = slot {
            if *tag == h
                && cached.kind() == kind.into()
                && cached.children().len() == children.len()
                && cached
                    .children()
                    .zip(children)
                    .all(|(a, b)| ref_ptr(a) == child_ptr(b))
            {
                let node = cached.clone();
                self.children.truncate(first);
                return node;
            }
        }
        // Moved, not cloned: a clone and a drop would cost two atomic reference-count updates
        // per child.
        let node = GreenNode::new(kind.into(), self.children.drain(first..));
        *slot = Some((h, node.clone()));
        node
    }

    fn finish(mut self) -> GreenNode {
        while !self.parents.is_empty() {
            self.finish_node();
        }
        let caches = std::mem::take(&mut self.caches);
        CACHES.with(|c| c.set(Some(caches)));
        match self.children.pop() {
            Some(NodeOrToken::Node(node)) if self.children.is_empty() => node,
            Some(other) => {
                self.children.push(other);
                GreenNode::new(SOURCE_FILE.into(), self.children.drain(..))
            }
            None => GreenNode::new(SOURCE_FILE.into(), std::iter::empty()),
        }
    }
}

struct Sink<'t, B> {
    text: &'t str,
    tokens: &'t [Token],
    consumed: Vec<bool>,
    cursor: usize,
    offset: u32,
    builder: B,
    /// Open nodes: kind and start offset.
    open: Vec<(SyntaxKind, u32)>,
    /// The messages of the open ERROR nodes, innermost last (kept apart: most nodes are no
    /// errors, and a message per open node would triple the stack's size).
    open_messages: Vec<Option<String>>,
    errors: Vec<SyntaxError>,
}

impl<'t, B: TreeSink<'t>> Sink<'t, B> {
    fn emit_raw(&mut self) {
        let tok = self.tokens[self.cursor];
        let kind = if tok.kind.is_trivia() || self.consumed[self.cursor] {
            tok.kind
        } else {
            INACTIVE
        };
        self.emit(kind, tok.len);
    }

    #[inline]
    fn emit(&mut self, kind: SyntaxKind, len: u32) {
        let start = self.offset as usize;
        self.builder
            .token(kind, self.text, start, start + len as usize);
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

    /// `empty_error`: an ERROR node with no tokens that ends its parent (`expected }`), which
    /// stays right after the previous token, where the missing thing belongs, rather than after
    /// the trivia: its line is that token's line (never one past the end of the file).
    fn start_node(&mut self, kind: SyntaxKind, message: Option<String>, empty_error: bool) {
        if !self.open.is_empty() && !empty_error {
            self.flush_trivia();
        }
        self.builder.start_node(kind);
        self.open.push((kind, self.offset));
        if kind == ERROR {
            self.open_messages.push(message);
        }
    }

    fn finish_node(&mut self) {
        if self.open.len() == 1 {
            while self.cursor < self.tokens.len() {
                self.emit_raw();
            }
        }
        if let Some((kind, start)) = self.open.pop() {
            if kind == ERROR {
                let message = self.open_messages.pop().flatten();
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

/// Builds the tree and lists its errors, sorted by range.
pub(crate) fn build(
    text: &str,
    tokens: &[Token],
    events: Vec<Event>,
    errors: Vec<(u32, String)>,
) -> (GreenNode, Vec<SyntaxError>, bool) {
    let (builder, errors, inactive) = walk(
        text,
        tokens,
        events,
        errors,
        GreenBuilder::new(tokens.len()),
    );
    (builder.finish(), errors, inactive)
}

/// The errors [`build`] would list, without building the tree.
pub(crate) fn errors_only(
    text: &str,
    tokens: &[Token],
    events: Vec<Event>,
    errors: Vec<(u32, String)>,
) -> Vec<SyntaxError> {
    walk(text, tokens, events, errors, NoTree).1
}

/// Feeds the events, with the trivia and inactive tokens between them, to `builder`, and
/// works out each ERROR node's range; and whether some token is inactive (a significant
/// token no event consumes).
fn walk<'t, B: TreeSink<'t>>(
    text: &'t str,
    tokens: &'t [Token],
    mut events: Vec<Event>,
    errors: Vec<(u32, String)>,
    builder: B,
) -> (B, Vec<SyntaxError>, bool) {
    let mut consumed = vec![false; tokens.len()];
    for e in &events {
        if let Event::Token { raw, .. } = e {
            if let Some(c) = consumed.get_mut(*raw as usize) {
                *c = true;
            }
        }
    }
    let inactive = tokens
        .iter()
        .zip(&consumed)
        .any(|(t, consumed)| !t.kind.is_trivia() && !consumed);
    let mut messages: HashMap<u32, String> = errors.into_iter().collect();
    let mut sink = Sink {
        text,
        tokens,
        consumed,
        cursor: 0,
        offset: 0,
        builder,
        open: Vec::with_capacity(64),
        open_messages: Vec::new(),
        errors: Vec::new(),
    };
    let mut parents: Vec<(SyntaxKind, u32)> = Vec::new();
    for i in 0..events.len() {
        match std::mem::replace(&mut events[i], Event::Tombstone) {
            Event::Start {
                kind,
                forward_parent,
            } => {
                parents.push((kind, i as u32));
                let mut idx = i;
                let mut fp = forward_parent;
                while fp != 0 {
                    idx += fp as usize;
                    fp = 0;
                    if let Some(Event::Start {
                        kind,
                        forward_parent,
                    }) = events
                        .get_mut(idx)
                        .map(|e| std::mem::replace(e, Event::Tombstone))
                    {
                        parents.push((kind, idx as u32));
                        fp = forward_parent;
                    }
                }
                // An empty error that ends its node (`expected }`) is about what is missing
                // after the previous token; one followed by a sibling node (`a block without a
                // function header`) is about that node, and stays with it.
                let empty = matches!(events.get(i + 1), Some(Event::Finish))
                    && !matches!(events.get(i + 2), Some(Event::Start { .. }));
                for (kind, idx) in parents.drain(..).rev() {
                    if kind != SyntaxKind::__LAST {
                        let message = if kind == ERROR {
                            messages.remove(&idx)
                        } else {
                            None
                        };
                        sink.start_node(kind, message, kind == ERROR && empty);
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
    sink.errors
        .sort_by_key(|e| (e.range.start(), e.range.end()));
    (sink.builder, sink.errors, inactive)
}

fn child_ptr(child: &NodeOrToken<GreenNode, GreenToken>) -> usize {
    match child {
        NodeOrToken::Node(n) => &**n as *const rowan::GreenNodeData as usize,
        NodeOrToken::Token(t) => &**t as *const rowan::GreenTokenData as usize,
    }
}

fn ref_ptr(child: NodeOrToken<&rowan::GreenNodeData, &rowan::GreenTokenData>) -> usize {
    match child {
        NodeOrToken::Node(n) => n as *const rowan::GreenNodeData as usize,
        NodeOrToken::Token(t) => t as *const rowan::GreenTokenData as usize,
    }
}
