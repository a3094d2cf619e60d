//! The parser core: a cursor over the significant tokens, and events that describe the tree.
//!
//! Grammar functions look ahead as far as they need (no backtracking inside the grammar);
//! whole top-level items may be re-parsed under another view of the tokens (the `#else`
//! fallback), which is why events can be rolled back.

mod decls;
mod exprs;
mod heuristics;
mod initializers;
mod items;
mod macro_args;
mod records;
mod smpl;
mod stmts;

pub use heuristics::is_common_type_name;

use crate::fxhash::FxHashSet;
use crate::lexer::Token;
use crate::macros::MacroTable;
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::SmplHints;
use heuristics::is_decl_keyword;

pub(crate) use items::{parse_expression_root, parse_smpl_root, parse_source_file};

/// Deepest nesting of grammar recursion before the rest of a construct becomes an error.
const MAX_DEPTH: u32 = 180;

#[derive(Clone, Debug)]
pub(crate) enum Event {
    /// Opens a node. `forward_parent` (relative, 0 = none) points at a node started later that
    /// must become this node's parent (see `CompletedMarker::precede`).
    Start {
        kind: SyntaxKind,
        forward_parent: u32,
    },
    Finish,
    /// Consumes the raw token at `raw`, giving it `kind`.
    Token {
        raw: u32,
        kind: SyntaxKind,
    },
    Tombstone,
}

/// Where a significant token comes from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TokInfo {
    /// Index in the full token list.
    pub raw: u32,
    /// Byte offset and length in the text.
    pub offset: u32,
    pub len: u32,
    /// Column (bytes from the line start); the top bit marks the first token of a line.
    col_bol: u32,
}

const BOL_BIT: u32 = 1 << 31;

impl TokInfo {
    pub fn bol(&self) -> bool {
        self.col_bol & BOL_BIT != 0
    }
    pub fn col(&self) -> u32 {
        self.col_bol & !BOL_BIT
    }
}

/// The significant tokens the parser sees, with where they come from.
pub(crate) struct View {
    pub kind: Vec<SyntaxKind>,
    pub info: Vec<TokInfo>,
    /// For each opening bracket, the index of its closing bracket (or the token count).
    pub close: Vec<u32>,
}

fn is_opener(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        L_PAREN | L_BRACK | L_BRACE | NEST_OPEN | NEST_PLUS_OPEN | DISJ_OPEN
    )
}

fn is_closer(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        R_PAREN | R_BRACK | R_BRACE | NEST_CLOSE | NEST_PLUS_CLOSE | DISJ_CLOSE
    )
}

impl View {
    pub(crate) fn new(text: &str, tokens: &[Token], inactive: Option<&[bool]>) -> View {
        // Exactly the significant tokens (or a few more when a branch is inactive): growing
        // these vectors cost more than counting.
        let cap = tokens.iter().filter(|t| !t.kind.is_trivia()).count();
        let mut v = View {
            kind: Vec::with_capacity(cap),
            info: Vec::with_capacity(cap),
            close: Vec::new(),
        };
        let mut offset = 0u32;
        let mut line_start = 0u32;
        let mut bol = true;
        for (i, tok) in tokens.iter().enumerate() {
            let k = tok.kind;
            if k.is_trivia() || inactive.is_some_and(|m| m[i]) {
                match k {
                    NEWLINE => {
                        bol = true;
                        line_start = offset + tok.len;
                    }
                    COMMENT | DIRECTIVE | WHITESPACE | INACTIVE => {
                        // A multi-line comment or directive moves the line start too.
                        if k == DIRECTIVE {
                            bol = true;
                        }
                        let first = text.as_bytes().get(offset as usize).copied().unwrap_or(0);
                        if (k == WHITESPACE && first == b'\\') || (k != WHITESPACE && tok.len > 2) {
                            let s = &text[offset as usize..(offset + tok.len) as usize];
                            if let Some(p) = s.rfind('\n') {
                                line_start = offset + p as u32 + 1;
                            }
                        }
                    }
                    _ => {
                        // Inactive significant tokens: newlines inside them are impossible
                        // except in strings with continuations; ignore.
                    }
                }
            } else {
                v.kind.push(k);
                let col = (offset - line_start).min(BOL_BIT - 1);
                v.info.push(TokInfo {
                    raw: i as u32,
                    offset,
                    len: tok.len,
                    col_bol: col | if bol { BOL_BIT } else { 0 },
                });
                bol = false;
            }
            offset += tok.len;
        }
        // Pair brackets once, so that lookahead to a closing bracket is O(1).
        let n = v.kind.len() as u32;
        v.close = vec![n; v.kind.len()];
        let mut open: Vec<u32> = Vec::with_capacity(64);
        for (i, &k) in v.kind.iter().enumerate() {
            if is_opener(k) {
                open.push(i as u32);
            } else if is_closer(k) {
                if let Some(j) = open.pop() {
                    v.close[j as usize] = i as u32;
                }
            }
        }
        v
    }

    fn count(&self) -> usize {
        self.kind.len()
    }

    /// Raw index of the significant token `i` (u32::MAX past the end).
    pub fn raw(&self, i: usize) -> u32 {
        self.info.get(i).map_or(u32::MAX, |t| t.raw)
    }

    /// Index of the first significant token whose raw index is at least `raw`.
    pub fn position_of_raw(&self, raw: u32) -> usize {
        self.info.partition_point(|t| t.raw < raw)
    }

    pub fn contains_raw(&self, raw: u32) -> bool {
        let p = self.position_of_raw(raw);
        self.info.get(p).is_some_and(|t| t.raw == raw)
    }
}

pub(crate) struct Parser<'a> {
    pub text: &'a str,
    pub view: View,
    pub pos: usize,
    pub events: Vec<Event>,
    /// Error messages keyed by the event index of their ERROR node.
    pub errors: Vec<(u32, String)>,
    depth: u32,
    pub macros: &'a MacroTable,
    pub smpl: Option<&'a SmplHints>,
    /// Typedef names declared in this file.
    pub typedefs: FxHashSet<&'a str>,
    /// Object-like macros this file defines as nothing (or as a parameter-list tail, or
    /// Coccinelle's `MACROANNOTATION`): annotations wherever they appear.
    pub empty_macros: FxHashSet<&'a str>,
    /// Object-like macros this file defines as a type (`#define INT16 int`): type names
    /// wherever they appear, as typedef names are.
    pub type_macros: FxHashSet<&'a str>,
    /// Fuel against accidental infinite loops in error recovery.
    steps: u32,
    /// Set by a declarator whose name is directly followed by a parameter list.
    pub declared_function: bool,
    /// The name the last declarator declared.
    pub last_name: Option<&'a str>,
    /// Nodes wrapped by the enclosing left-associative loops (`a + b + ...`), which deepen
    /// the tree without recursion; bounded so trees stay shallow enough to drop.
    pub chain_depth: u32,
    /// Nesting of `{ }` blocks inside the current function body (1 = the body itself).
    pub block_depth: u32,
    /// The current function body is laid out kernel-style (`{` and `}` at column 0).
    pub layout_body: bool,
    /// Parsing the pattern of a `when` clause: a `...` ending it (`when != x = ...`) leaves
    /// the next `when` to the statement dots the clause belongs to.
    pub in_when_clause: bool,
    /// Parsing a statement that is a macro argument (`DEFINE_FREE(n, t, if (_T) kfree(_T))`),
    /// which the argument list's `,` or `)` may end instead of `;`.
    pub in_macro_arg: bool,
}

pub(crate) struct Marker {
    pos: u32,
}

#[derive(Clone, Copy)]
pub(crate) struct CompletedMarker {
    pos: u32,
    pub kind: SyntaxKind,
}

/// A saved parser state for rolling back.
pub(crate) struct Snapshot {
    events: usize,
    errors: usize,
}

impl<'a> Parser<'a> {
    pub(crate) fn new(
        text: &'a str,
        view: View,
        macros: &'a MacroTable,
        smpl: Option<&'a SmplHints>,
    ) -> Self {
        let n = view.count();
        Parser {
            text,
            view,
            pos: 0,
            // A start, a finish and a token: about 2.8 events per significant token.
            events: Vec::with_capacity(n * 3 + 8),
            errors: Vec::new(),
            depth: 0,
            macros,
            smpl,
            typedefs: FxHashSet::default(),
            empty_macros: FxHashSet::default(),
            type_macros: FxHashSet::default(),
            steps: 0,
            declared_function: false,
            last_name: None,
            chain_depth: 0,
            block_depth: 0,
            layout_body: false,
            in_when_clause: false,
            in_macro_arg: false,
        }
    }

    /// Notes the file's own annotation-like and type-like `#define`s (see `empty_macros`,
    /// `type_macros`).
    pub(crate) fn scan_defines(&mut self, tokens: &[Token]) {
        let mut offset = 0usize;
        for t in tokens {
            if t.kind == DIRECTIVE {
                let d = &self.text[offset..offset + t.len as usize];
                if let Some(name) = annotation_define(d) {
                    self.empty_macros.insert(name);
                } else if let Some((name, _)) =
                    crate::macros::type_define(d, |w| self.is_known_type(w))
                {
                    self.type_macros.insert(name);
                }
            }
            offset += t.len as usize;
        }
    }

    // ---- looking ----

    #[inline]
    pub fn nth(&self, n: usize) -> SyntaxKind {
        self.view.kind.get(self.pos + n).copied().unwrap_or(EOF)
    }

    #[inline]
    pub fn current(&self) -> SyntaxKind {
        self.nth(0)
    }

    #[inline]
    pub fn at(&self, kind: SyntaxKind) -> bool {
        self.current() == kind
    }

    #[inline]
    pub fn nth_at(&self, n: usize, kind: SyntaxKind) -> bool {
        self.nth(n) == kind
    }

    pub fn at_eof(&self) -> bool {
        self.pos >= self.view.count()
    }

    /// Kind of the significant token at absolute index `i`.
    #[inline]
    pub fn kind_at(&self, i: usize) -> SyntaxKind {
        self.view.kind.get(i).copied().unwrap_or(EOF)
    }

    pub fn text_at(&self, i: usize) -> &'a str {
        if i >= self.view.count() {
            return "";
        }
        let info = &self.view.info[i];
        let start = info.offset as usize;
        &self.text[start..start + info.len as usize]
    }

    pub fn nth_text(&self, n: usize) -> &'a str {
        self.text_at(self.pos + n)
    }

    /// Is the previous significant token of this kind?
    pub fn prev_is(&self, kind: SyntaxKind) -> bool {
        self.pos > 0 && self.kind_at(self.pos - 1) == kind
    }

    /// True when the significant token at absolute index `i` is the first on its line.
    pub fn bol_at(&self, i: usize) -> bool {
        self.view.info.get(i).is_none_or(|t| t.bol())
    }

    pub fn col_at(&self, i: usize) -> u32 {
        self.view.info.get(i).map_or(0, |t| t.col())
    }

    /// Index of the token matching the opener at absolute index `open` (or the end).
    pub fn matching_close(&self, open: usize) -> usize {
        if open < self.view.count() && is_opener(self.view.kind[open]) {
            return self.view.close[open] as usize;
        }
        let mut depth = 0i32;
        let mut i = open;
        let n = self.view.count();
        while i < n {
            match self.view.kind[i] {
                L_PAREN | L_BRACK | L_BRACE | NEST_OPEN | NEST_PLUS_OPEN | DISJ_OPEN => depth += 1,
                R_PAREN | R_BRACK | R_BRACE | NEST_CLOSE | NEST_PLUS_CLOSE | DISJ_CLOSE => {
                    depth -= 1;
                    if depth <= 0 {
                        return i;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        n
    }

    // ---- consuming ----

    pub fn bump(&mut self) {
        let kind = self.current();
        self.bump_as(kind);
    }

    pub fn bump_as(&mut self, kind: SyntaxKind) {
        if self.pos < self.view.count() {
            let raw = self.view.info[self.pos].raw;
            self.events.push(Event::Token { raw, kind });
            self.pos += 1;
        }
    }

    pub fn eat(&mut self, kind: SyntaxKind) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Consumes `kind` or records a (zero-width) error.
    pub fn expect(&mut self, kind: SyntaxKind) -> bool {
        if self.eat(kind) {
            return true;
        }
        self.error(format!("expected {}", describe(kind)));
        false
    }

    /// An empty ERROR node carrying `message`.
    pub fn error(&mut self, message: impl Into<String>) {
        let m = self.start();
        self.errors.push((m.pos, message.into()));
        m.complete(self, ERROR);
    }

    /// Wraps the current token in an ERROR node.
    pub fn err_and_bump(&mut self, message: impl Into<String>) {
        let m = self.start();
        self.errors.push((m.pos, message.into()));
        self.bump();
        m.complete(self, ERROR);
    }

    /// Starts an ERROR node that the caller fills and completes.
    pub fn start_error(&mut self, message: impl Into<String>) -> Marker {
        let m = self.start();
        self.errors.push((m.pos, message.into()));
        m
    }

    /// Consumes tokens, keeping brackets balanced, until one of `stop` at bracket depth 0
    /// (not consumed) or a closing bracket that closes an enclosing construct.
    pub fn skip_balanced_until(&mut self, stop: &[SyntaxKind]) {
        let mut depth = 0u32;
        let start = self.pos;
        while !self.at_eof() {
            let k = self.current();
            if depth == 0 && stop.contains(&k) {
                return;
            }
            if self.pos > start && self.bol_at(self.pos) && self.col_at(self.pos) == 0 {
                // Something at the start of a line, outside any bracket: in kernel style a
                // new item (or a label), so the broken construct ends before it. Inside an
                // unclosed bracket, only what clearly starts an item (a declaration keyword or
                // a name that is no label) ends it: recovery resynchronises at the next item.
                let item_start =
                    is_decl_keyword(k) || k == IDENT && self.nth(1) != COLON && self.smpl.is_none();
                if depth == 0 && k != L_BRACE || depth > 0 && item_start {
                    return;
                }
            }
            if depth == 0
                && self.smpl.is_some()
                && matches!(
                    k,
                    DISJ_SEP | CONJ_SEP | DISJ_CLOSE | NEST_CLOSE | NEST_PLUS_CLOSE
                )
            {
                return;
            }
            match k {
                L_PAREN | L_BRACK | L_BRACE => depth += 1,
                R_PAREN | R_BRACK | R_BRACE => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                _ => {}
            }
            self.bump();
        }
    }

    /// Wraps whatever the parser did not reach (only if it gave up) in an ERROR node, so that
    /// no significant token is silently left out of the tree's structure.
    pub fn rest_as_error(&mut self) {
        if !self.at_eof() {
            let e = self.start_error("the parser gave up here");
            while !self.at_eof() {
                self.bump();
            }
            e.complete(self, ERROR);
        }
    }

    /// Consumes the bracketed group starting at the current opener, without recursion.
    pub fn bump_balanced_group(&mut self) {
        let close = self.matching_close(self.pos);
        while self.pos <= close && !self.at_eof() {
            self.bump();
        }
    }

    // ---- nodes ----

    pub fn start(&mut self) -> Marker {
        let pos = self.events.len() as u32;
        self.events.push(Event::Start {
            kind: TOMBSTONE,
            forward_parent: 0,
        });
        Marker { pos }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            events: self.events.len(),
            errors: self.errors.len(),
        }
    }

    pub fn error_count_since(&self, s: &Snapshot) -> usize {
        self.errors.len() - s.errors
    }

    /// Enters one level of recursion; false (and nothing consumed) when too deep.
    pub fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        true
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Burns fuel; false when the parser seems stuck (each token may be looked at a bounded
    /// number of times).
    pub fn fuel(&mut self) -> bool {
        self.steps = self.steps.saturating_add(1);
        (self.steps as u64) < 64 + 64 * self.view.count() as u64
    }

    /// At the end of a SmPL body, disjunction branch or nest?
    pub fn at_smpl_branch_end(&self) -> bool {
        self.at_eof()
            || matches!(
                self.current(),
                DISJ_SEP | CONJ_SEP | DISJ_CLOSE | NEST_CLOSE | NEST_PLUS_CLOSE
            )
    }

    /// Is `name` a type according to the SmPL metavariable hints?
    pub fn smpl_hint(&self, name: &str) -> Option<crate::MetaHint> {
        self.smpl.and_then(|h| h.get(name))
    }
}

const TOMBSTONE: SyntaxKind = SyntaxKind::__LAST;
/// Returned when looking past the end.
pub(crate) const EOF: SyntaxKind = SyntaxKind::__LAST;

impl Marker {
    pub fn complete(self, p: &mut Parser, kind: SyntaxKind) -> CompletedMarker {
        if let Event::Start { kind: k, .. } = &mut p.events[self.pos as usize] {
            *k = kind;
        }
        p.events.push(Event::Finish);
        CompletedMarker {
            pos: self.pos,
            kind,
        }
    }

    pub fn abandon(self, p: &mut Parser) {
        let idx = self.pos as usize;
        if idx + 1 == p.events.len() {
            p.events.pop();
        } else if let Event::Start { kind, .. } = &mut p.events[idx] {
            *kind = TOMBSTONE;
        }
    }
}

impl CompletedMarker {
    /// Reopens this node to take more children, when it is the node completed last.
    pub fn reopen(self, p: &mut Parser) -> Option<Marker> {
        matches!(p.events.last(), Some(Event::Finish)).then(|| {
            p.events.pop();
            Marker { pos: self.pos }
        })
    }

    /// Starts a node that will become this node's parent.
    pub fn precede(self, p: &mut Parser) -> Marker {
        let new = p.start();
        if let Event::Start { forward_parent, .. } = &mut p.events[self.pos as usize] {
            *forward_parent = new.pos - self.pos;
        }
        new
    }
}

/// `#define NAME` (no body), `#define NAME , int *x`, `#define NAME MACROANNOTATION`: NAME.
fn annotation_define(directive: &str) -> Option<&str> {
    let (name, body) = crate::macros::object_define(directive)?;
    (body.is_empty() || body.starts_with(',') || body == "MACROANNOTATION").then_some(name)
}

pub(crate) fn describe(kind: SyntaxKind) -> &'static str {
    match kind {
        SEMI => "`;`",
        R_PAREN => "`)`",
        L_PAREN => "`(`",
        R_BRACK => "`]`",
        R_BRACE => "`}`",
        L_BRACE => "`{`",
        COLON => "`:`",
        WHILE_KW => "`while`",
        IDENT => "an identifier",
        _ => "a token",
    }
}
