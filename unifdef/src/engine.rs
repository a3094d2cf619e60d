//! The line-by-line processor: classify each line, then run the conditional state machine that
//! decides whether to print it, drop it, or edit its keyword (`#elif` -> `#if`, `#else`,
//! `#endif`).

use crate::eval::{find_symbol, Evaluator, Found, Listing, Tri};
use crate::lexer::{
    at, match_word, skip_symbol, starts_with_at, Comment, Lexer, LineState, ScanError,
};
use crate::{Diagnostic, Options};

/// unifdef's nesting limit: the 64th nested `#if` is an error.
const MAX_DEPTH: usize = 64;

/// unifdef's line buffer: longer lines are read in chunks of `MAX_LINE - 1` bytes, each
/// counting as a line (for `#line` numbers and for what starts a directive).
const MAX_LINE: usize = 4096;

/// The blank lines `-B` supposes before the first line of a file.
const PRECEDING_BLANK_LINES: u32 = 1000;

/// What a line is, for the state machine.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// `#ifdef`/`#ifndef` on an ignored symbol, true / false.
    TrueIgnored,
    FalseIgnored,
    /// `#if` with an unknown value.
    If,
    True,
    False,
    Elif,
    ElTrue,
    ElFalse,
    Else,
    Endif,
    Plain,
    Eof,
}

/// The state of one conditional nesting level.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Outside,
    /// Before the first kept branch: lines are dropped.
    FalsePrefix,
    /// In a branch known to be taken; its directive was dropped.
    TruePrefix,
    /// After an unknown `#if`/`#elif` that is kept.
    PassMiddle,
    FalseMiddle,
    /// In a taken `#elif` turned into `#else`.
    TrueMiddle,
    PassElse,
    FalseElse,
    TrueElse,
    /// After a taken branch: everything up to `#endif` goes.
    FalseTrailer,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Action {
    Print,
    Drop,
    Strue,
    Sfalse,
    Selse,
    Pelif,
    Pelse,
    Pendif,
    Dfalse,
    Delif,
    Delse,
    Dendif,
    Fdrop,
    Fpass,
    Ftrue,
    Ffalse,
    Oiffy,
    Oif,
    Oelif,
    Idrop,
    Itrue,
    Ifalse,
    Mpass,
    Mtrue,
    Melif,
    Melse,
    Eelif,
    Eelse,
    Eendif,
    Eeof,
    Eioccc,
    Done,
}

/// A reason to stop processing a file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Fatal {
    Scan(ScanError),
    Obfuscated,
    TooDeep,
    InappropriateElif,
    InappropriateElse,
    InappropriateEndif,
    PrematureEof,
    EofInComment,
}

pub(crate) fn scan_message(e: ScanError) -> &'static str {
    match e {
        ScanError::UnterminatedChar => "unterminated char literal",
        ScanError::UnterminatedString => "unterminated string literal",
    }
}

impl Fatal {
    fn message(self) -> &'static str {
        match self {
            Fatal::Scan(e) => scan_message(e),
            Fatal::Obfuscated => "Obfuscated preprocessor control line",
            Fatal::TooDeep => "Too many levels of nesting",
            Fatal::InappropriateElif => "Inappropriate #elif",
            Fatal::InappropriateElse => "Inappropriate #else",
            Fatal::InappropriateEndif => "Inappropriate #endif",
            Fatal::PrematureEof => "Premature EOF",
            Fatal::EofInComment => "EOF in comment",
        }
    }
}

impl From<ScanError> for Fatal {
    fn from(e: ScanError) -> Self {
        Fatal::Scan(e)
    }
}

impl Kind {
    /// The directive's column in the transition table; `None` for plain lines and the end.
    fn directive_column(self) -> Option<usize> {
        Some(match self {
            Kind::Plain | Kind::Eof => return None,
            Kind::TrueIgnored => 0,
            Kind::FalseIgnored => 1,
            Kind::If => 2,
            Kind::True => 3,
            Kind::False => 4,
            Kind::Elif => 5,
            Kind::ElTrue => 6,
            Kind::ElFalse => 7,
            Kind::Else => 8,
            Kind::Endif => 9,
        })
    }
}

/// What to do with a line of `kind` in `state`; `dodgy`: the directive was not cleanly on
/// its own line (see `finish_directive`).
fn transition(state: State, kind: Kind, dodgy: bool) -> Action {
    let Some(column) = kind.directive_column() else {
        return match kind {
            Kind::Eof if state == State::Outside => Action::Done,
            Kind::Eof => Action::Eeof,
            _ => plain_line_action(state),
        };
    };
    let (clean, odd) = directive_actions(state);
    if dodgy {
        odd[column]
    } else {
        clean[column]
    }
}

/// A line of ordinary text is printed where the enclosing branches are kept.
fn plain_line_action(state: State) -> Action {
    match state {
        State::Outside
        | State::TruePrefix
        | State::PassMiddle
        | State::TrueMiddle
        | State::PassElse
        | State::TrueElse => Action::Print,
        _ => Action::Drop,
    }
}

/// unifdef's transition table for directives, one row per state: the actions for a clean
/// directive and for a dodgy one, by column TRUEI FALSEI IF TRUE FALSE ELIF ELTRUE ELFALSE
/// ELSE ENDIF.
fn directive_actions(state: State) -> ([Action; 10], [Action; 10]) {
    use Action::*;
    match state {
        State::Outside => (
            [
                Itrue, Ifalse, Fpass, Ftrue, Ffalse, Eelif, Eelif, Eelif, Eelse, Eendif,
            ],
            [
                Oiffy, Oiffy, Fpass, Oif, Oif, Eelif, Eelif, Eelif, Eelse, Eendif,
            ],
        ),
        State::FalsePrefix => (
            [
                Idrop, Idrop, Fdrop, Fdrop, Fdrop, Mpass, Strue, Sfalse, Selse, Dendif,
            ],
            [
                Idrop, Idrop, Fdrop, Fdrop, Fdrop, Mpass, Eioccc, Eioccc, Eioccc, Eioccc,
            ],
        ),
        State::TruePrefix => (
            [
                Itrue, Ifalse, Fpass, Ftrue, Ffalse, Dfalse, Dfalse, Dfalse, Delse, Dendif,
            ],
            [
                Oiffy, Oiffy, Fpass, Oif, Oif, Eioccc, Eioccc, Eioccc, Eioccc, Eioccc,
            ],
        ),
        State::PassMiddle => (
            [
                Itrue, Ifalse, Fpass, Ftrue, Ffalse, Pelif, Mtrue, Delif, Pelse, Pendif,
            ],
            [
                Oiffy, Oiffy, Fpass, Oif, Oif, Pelif, Oelif, Oelif, Pelse, Pendif,
            ],
        ),
        State::FalseMiddle => (
            [
                Idrop, Idrop, Fdrop, Fdrop, Fdrop, Pelif, Mtrue, Delif, Pelse, Pendif,
            ],
            [
                Idrop, Idrop, Fdrop, Fdrop, Fdrop, Eioccc, Eioccc, Eioccc, Eioccc, Eioccc,
            ],
        ),
        State::TrueMiddle => (
            [
                Itrue, Ifalse, Fpass, Ftrue, Ffalse, Melif, Melif, Melif, Melse, Pendif,
            ],
            [
                Oiffy, Oiffy, Fpass, Oif, Oif, Eioccc, Eioccc, Eioccc, Eioccc, Pendif,
            ],
        ),
        State::PassElse => (
            [
                Itrue, Ifalse, Fpass, Ftrue, Ffalse, Eelif, Eelif, Eelif, Eelse, Pendif,
            ],
            [
                Oiffy, Oiffy, Fpass, Oif, Oif, Eelif, Eelif, Eelif, Eelse, Pendif,
            ],
        ),
        State::FalseElse => (
            [
                Idrop, Idrop, Fdrop, Fdrop, Fdrop, Eelif, Eelif, Eelif, Eelse, Dendif,
            ],
            [
                Idrop, Idrop, Fdrop, Fdrop, Fdrop, Eelif, Eelif, Eelif, Eelse, Eioccc,
            ],
        ),
        State::TrueElse => (
            [
                Itrue, Ifalse, Fpass, Ftrue, Ffalse, Eelif, Eelif, Eelif, Eelse, Dendif,
            ],
            [
                Oiffy, Oiffy, Fpass, Oif, Oif, Eelif, Eelif, Eelif, Eelse, Eioccc,
            ],
        ),
        State::FalseTrailer => (
            [
                Idrop, Idrop, Fdrop, Fdrop, Fdrop, Dfalse, Dfalse, Dfalse, Delse, Dendif,
            ],
            [
                Idrop, Idrop, Fdrop, Fdrop, Fdrop, Dfalse, Dfalse, Dfalse, Delse, Eioccc,
            ],
        ),
    }
}

/// The result of processing one text.
pub(crate) struct Run {
    pub output: Vec<u8>,
    pub altered: bool,
    pub removed_lines: Vec<u32>,
    pub listing: Vec<u8>,
}

pub(crate) struct Processor<'a> {
    opts: &'a Options,
    input: &'a [u8],
    /// Next unread byte of `input`.
    pos: usize,
    /// The current line as unifdef holds it (a C string: cut at a NUL byte).
    line: Vec<u8>,
    lexer: Lexer,
    newline: Option<&'static [u8]>,
    /// unifdef's line counter (used in `#line`): a line merged with its successor counts once.
    linenum: u32,
    /// Newlines consumed so far; the physical line of the last chunk read, and the first
    /// physical line of the current line.
    newlines: u32,
    physical: u32,
    first_physical: u32,
    depth: usize,
    states: [State; MAX_DEPTH],
    if_lines: [u32; MAX_DEPTH],
    ignoring: [bool; MAX_DEPTH],
    keyword: usize,
    dodgy: bool,
    listing: Option<Listing>,
    file_label: Option<&'a str>,
    out: Vec<u8>,
    altered: bool,
    removed: Vec<u32>,
    deleted_run: u32,
    blank_count: u32,
    blank_max: u32,
}

impl<'a> Processor<'a> {
    pub(crate) fn new(
        input: &'a [u8],
        opts: &'a Options,
        file_label: Option<&'a str>,
        listing: Option<Listing>,
    ) -> Self {
        Processor {
            opts,
            input,
            pos: 0,
            line: Vec::with_capacity(256),
            lexer: Lexer::new(opts.text_mode),
            newline: None,
            linenum: 0,
            newlines: 0,
            physical: 0,
            first_physical: 0,
            depth: 0,
            states: [State::Outside; MAX_DEPTH],
            if_lines: [0; MAX_DEPTH],
            ignoring: [false; MAX_DEPTH],
            keyword: 0,
            dodgy: false,
            file_label,
            out: Vec::with_capacity(if listing.is_some() { 0 } else { input.len() }),
            altered: false,
            removed: Vec::new(),
            listing,
            deleted_run: 0,
            // `-B` treats the file as preceded by many blank lines (unifdef's own model): a
            // blank run after a section deleted at the top is removed whole.
            blank_count: PRECEDING_BLANK_LINES,
            blank_max: PRECEDING_BLANK_LINES,
        }
    }

    pub(crate) fn run(mut self) -> Result<Run, Diagnostic> {
        match self.process() {
            Ok(()) => Ok(Run {
                output: self.out,
                altered: self.altered,
                removed_lines: self.removed,
                listing: self
                    .listing
                    .map(|mut l| {
                        if l.one_line && l.any {
                            l.out.push(b'\n');
                        }
                        l.out
                    })
                    .unwrap_or_default(),
            }),
            Err(fatal) => {
                let line = match fatal {
                    Fatal::PrematureEof | Fatal::EofInComment => self.newlines + 1,
                    _ => self.first_physical.max(1),
                };
                let open_if = (self.depth > 0).then(|| (self.if_lines[self.depth], self.depth));
                Err(Diagnostic {
                    line,
                    message: fatal.message().to_string(),
                    open_if,
                })
            }
        }
    }

    fn process(&mut self) -> Result<(), Fatal> {
        loop {
            let kind = self.parse_line()?;
            let action = transition(self.states[self.depth], kind, self.dodgy);
            if action == Action::Done {
                break;
            }
            self.act(action)?;
        }
        if self.lexer.comment != Comment::None {
            return Err(Fatal::EofInComment);
        }
        Ok(())
    }

    /// Reads the next chunk as `fgets` into unifdef's line buffer would: up to and including
    /// `\n`, at most `limit` bytes, cut at a NUL byte.
    fn next_chunk(&mut self, limit: usize) -> Option<&'a [u8]> {
        // A full buffer leaves `fgets` room for nothing but the terminator: glibc then reads
        // nothing and succeeds, even at end of file.
        if limit == 0 {
            return Some(&[]);
        }
        if self.pos >= self.input.len() {
            return None;
        }
        let rest = &self.input[self.pos..];
        let max = limit.min(rest.len());
        let len = rest[..max]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(max, |i| i + 1);
        self.physical = self.newlines + 1;
        if len > 0 && rest[len - 1] == b'\n' {
            self.newlines += 1;
        }
        self.pos += len;
        let raw = &rest[..len];
        Some(&raw[..raw.iter().position(|&b| b == 0).unwrap_or(raw.len())])
    }

    fn newline(&self) -> &'static [u8] {
        self.newline.unwrap_or(b"\n")
    }

    fn parse_line(&mut self) -> Result<Kind, Fatal> {
        self.linenum += 1;
        self.dodgy = false;
        let Some(raw) = self.next_chunk(MAX_LINE - 1) else {
            return Ok(Kind::Eof);
        };
        self.first_physical = self.physical;
        self.line.clear();
        self.line.extend_from_slice(raw);
        if self.newline.is_none() {
            let lf = self.line.iter().rposition(|&b| b == b'\n');
            let cr = self.line.iter().rposition(|&b| b == b'\r');
            let crlf = matches!((lf, cr), (Some(l), Some(c)) if l == c + 1);
            self.newline = Some(if crlf { b"\r\n" } else { b"\n" });
        }
        self.lexer.plain = self.opts.text_mode || self.ignoring[self.depth];
        let was_comment = self.lexer.comment != Comment::None;
        // A `#` whose directive did not finish on its line (`#\\`, `# /*`) does not carry
        // over: the next line is ordinary text.
        if self.lexer.line_state == LineState::Hash {
            self.lexer.line_state = LineState::Dirty;
        }
        let mut kind = Kind::Plain;
        let mut cp = self.lexer.skip_comment(&self.line, 0)?;
        let mut after_hash = false;
        if self.lexer.line_state == LineState::Start {
            if at(&self.line, cp) == b'#' {
                self.lexer.line_state = LineState::Hash;
                after_hash = true;
                cp = self.lexer.skip_comment(&self.line, cp + 1)?;
            } else if cp < self.line.len() {
                self.lexer.line_state = LineState::Dirty;
            }
        }
        // Whatever follows a line-starting `#` is read as a directive, whatever the scanner
        // state then: a literal between the `#` and the keyword (`# 'x' if`) has made the line
        // dirty, and in an ignored section comments are not scanned, so one opened before
        // stays open. Either way the directive counts, as a dodgy one, not as plain text.
        if after_hash && cp < self.line.len() {
            match self.directive(cp)? {
                Some((k, after)) => {
                    kind = k;
                    cp = self.finish_directive(&mut kind, after, was_comment)?;
                }
                None => cp = self.line.len(),
            }
        }
        if self.lexer.line_state == LineState::Dirty {
            while cp < self.line.len() {
                cp = self.lexer.skip_comment(&self.line, cp + 1)?;
            }
        }
        Ok(kind)
    }

    /// Classifies the directive whose keyword starts at `cp`. `None`: not a conditional (the
    /// rest of the line has been consumed as text).
    fn directive(&mut self, cp: usize) -> Result<Option<(Kind, usize)>, Fatal> {
        self.keyword = cp;
        let line = &self.line;
        let ifdef = match_word(line, cp, b"ifdef").or_else(|| match_word(line, cp, b"ifndef"));
        if let Some(after) = ifdef {
            let negated = at(line, cp + 2) == b'n';
            let p = self.lexer.skip_comment(line, after)?;
            let (found, end) = find_symbol(line, p, &self.opts.symbols, self.listing.as_mut());
            let (defined, ignore) = match found {
                Found::Unknown => return Ok(Some((Kind::If, end))),
                Found::Known(s) => (s.value.is_some(), s.ignore),
                Found::ListedUndefined => (false, false),
            };
            let truth = defined != negated;
            let kind = match (truth, ignore) {
                (true, false) => Kind::True,
                (false, false) => Kind::False,
                (true, true) => Kind::TrueIgnored,
                (false, true) => Kind::FalseIgnored,
            };
            return Ok(Some((kind, end)));
        }
        if let Some(after) = match_word(line, cp, b"if") {
            let mut p = after;
            let kind = match self.evaluate(&mut p)? {
                Tri::True => Kind::True,
                Tri::False => Kind::False,
                _ => Kind::If,
            };
            return Ok(Some((kind, p)));
        }
        if let Some(after) = match_word(line, cp, b"elif") {
            let mut p = after;
            let kind = match self.evaluate(&mut p)? {
                Tri::True => Kind::ElTrue,
                Tri::False => Kind::ElFalse,
                _ => Kind::Elif,
            };
            return Ok(Some((kind, p)));
        }
        if let Some(after) = match_word(line, cp, b"else") {
            return Ok(Some((Kind::Else, after)));
        }
        if let Some(after) = match_word(line, cp, b"endif") {
            return Ok(Some((Kind::Endif, after)));
        }
        let p = skip_symbol(line, cp);
        // A continuation inside the keyword cannot be handled.
        if starts_with_at(line, p, b"\\\r\n") || starts_with_at(line, p, b"\\\n") {
            return Err(Fatal::Obfuscated);
        }
        self.lexer.skip_line(&self.line, p)?;
        Ok(None)
    }

    fn evaluate(&mut self, cp: &mut usize) -> Result<Tri, Fatal> {
        let mut ev = Evaluator::new(
            &mut self.lexer,
            &self.line,
            &self.opts.symbols,
            self.listing.as_mut(),
            self.opts.strict_logic,
        );
        let mut p = *cp;
        let result = ev.expression(&mut p)?;
        let constant = ev.constant && !self.opts.process_constants;
        if result != Tri::Error {
            *cp = p;
        }
        Ok(if constant || result == Tri::Error {
            Tri::Unknown
        } else {
            result
        })
    }

    /// The common tail of a conditional directive: trailing text makes a decided directive
    /// unknown; a directive that does not end on its line takes the next physical line along
    /// (unscanned) and is marked dodgy.
    fn finish_directive(
        &mut self,
        kind: &mut Kind,
        after: usize,
        was_comment: bool,
    ) -> Result<usize, Fatal> {
        let mut cp = self.lexer.skip_comment(&self.line, after)?;
        if cp < self.line.len() {
            cp = self.lexer.skip_line(&self.line, cp)?;
            *kind = match *kind {
                Kind::True | Kind::False | Kind::TrueIgnored | Kind::FalseIgnored => Kind::If,
                Kind::ElTrue | Kind::ElFalse => Kind::Elif,
                k => k,
            };
        }
        if self.lexer.line_state == LineState::Hash {
            let len = cp.min(self.line.len());
            self.line.truncate(len);
            match self.next_chunk((MAX_LINE - 1).saturating_sub(len)) {
                None => {
                    let nl = self.newline();
                    self.line.extend_from_slice(nl);
                    self.lexer.line_state = LineState::Start;
                }
                Some(raw) => {
                    self.line.extend_from_slice(raw);
                    self.lexer.line_state = LineState::Dirty;
                }
            }
            cp = self.line.len();
        }
        if was_comment || self.lexer.line_state != LineState::Start {
            self.dodgy = true;
            self.lexer.line_state = LineState::Dirty;
        }
        Ok(cp)
    }

    fn act(&mut self, action: Action) -> Result<(), Fatal> {
        use Action::*;
        use State::*;
        match action {
            Print => self.flush_line(true),
            Drop => self.flush_line(false),
            Strue => self.enter_branch(false, TruePrefix),
            Sfalse => self.enter_branch(false, FalsePrefix),
            Selse => self.enter_else(false, TrueElse),
            Pelif => self.enter_branch(true, PassMiddle),
            Pelse => self.enter_else(true, PassElse),
            Pendif => self.end_conditional(true),
            Dfalse => self.enter_branch(false, FalseTrailer),
            Delif => self.enter_branch(false, FalseMiddle),
            Delse => self.enter_else(false, FalseElse),
            Dendif => self.end_conditional(false),
            Fdrop => self.open_conditional(false, FalseTrailer)?,
            Fpass => self.open_conditional(true, PassMiddle)?,
            Ftrue => self.open_conditional(false, TruePrefix)?,
            Ffalse => self.open_conditional(false, FalsePrefix)?,
            Oiffy => {
                self.check_odd()?;
                self.open_ignored_conditional(true, PassMiddle)?;
            }
            Oif => {
                self.check_odd()?;
                self.open_conditional(true, PassMiddle)?;
            }
            Oelif => {
                self.check_odd()?;
                self.enter_branch(true, PassMiddle);
            }
            Idrop => self.open_ignored_conditional(false, FalseTrailer)?,
            Itrue => self.open_ignored_conditional(false, TruePrefix)?,
            Ifalse => self.open_ignored_conditional(false, FalsePrefix)?,
            Mpass => self.elif_to_if(),
            Mtrue => self.rewrite_keyword(b"else", TrueMiddle),
            Melif => self.rewrite_keyword(b"endif", FalseTrailer),
            Melse => self.rewrite_keyword(b"endif", FalseElse),
            Eelif => return Err(Fatal::InappropriateElif),
            Eelse => return Err(Fatal::InappropriateElse),
            Eendif => return Err(Fatal::InappropriateEndif),
            Eeof => return Err(Fatal::PrematureEof),
            Eioccc => return Err(Fatal::Obfuscated),
            Done => {}
        }
        Ok(())
    }

    fn check_odd(&self) -> Result<(), Fatal> {
        if self.opts.ignore_multiline {
            Ok(())
        } else {
            Err(Fatal::Obfuscated)
        }
    }

    /// An `#if`-like directive (kept or dropped) starts a branch of the current level in
    /// `state`; the level's `-i` ignoring is inherited again from its parent.
    fn enter_branch(&mut self, keep_directive: bool, state: State) {
        self.flush_line(keep_directive);
        self.ignore_off();
        self.set_state(state);
    }

    /// An `#else` (kept or dropped) moves the current level to `state`.
    fn enter_else(&mut self, keep_directive: bool, state: State) {
        self.flush_line(keep_directive);
        self.set_state(state);
    }

    fn end_conditional(&mut self, keep_directive: bool) {
        self.flush_line(keep_directive);
        self.depth -= 1;
    }

    /// An `#if`, `#ifdef` or `#ifndef` opens a level one deeper, starting in `state`.
    fn open_conditional(&mut self, keep_directive: bool, state: State) -> Result<(), Fatal> {
        self.nest()?;
        self.enter_branch(keep_directive, state);
        Ok(())
    }

    /// An `#ifdef`/`#ifndef` on an `-i` symbol opens a level whose text is scanned as plain
    /// text (no comments or literals).
    fn open_ignored_conditional(
        &mut self,
        keep_directive: bool,
        state: State,
    ) -> Result<(), Fatal> {
        self.open_conditional(keep_directive, state)?;
        self.ignoring[self.depth] = true;
        Ok(())
    }

    /// A first kept `#elif` after dropped branches becomes `#if  ` in place: the line keeps
    /// its length.
    fn elif_to_if(&mut self) {
        let k = self.keyword;
        if let Some(word) = self.line.get_mut(k..k + 4) {
            word.copy_from_slice(b"if  ");
        }
        self.enter_branch(true, State::PassMiddle);
    }

    fn nest(&mut self) -> Result<(), Fatal> {
        if self.depth + 1 >= MAX_DEPTH {
            return Err(Fatal::TooDeep);
        }
        self.depth += 1;
        self.if_lines[self.depth] = self.first_physical;
        Ok(())
    }

    fn set_state(&mut self, s: State) {
        self.states[self.depth] = s;
    }

    fn ignore_off(&mut self) {
        if self.depth > 0 {
            self.ignoring[self.depth] = self.ignoring[self.depth - 1];
        }
    }

    /// Replaces the keyword and everything after it (expression, comment, continuation),
    /// prints the line and moves the current level to `state`.
    fn rewrite_keyword(&mut self, replacement: &[u8], state: State) {
        let nl = self.newline();
        self.line.truncate(self.keyword.min(self.line.len()));
        self.line.extend_from_slice(replacement);
        self.line.extend_from_slice(nl);
        self.flush_line(true);
        self.set_state(state);
    }

    fn record_removed(&mut self) {
        for n in self.first_physical..=self.physical {
            // A line longer than the buffer is dropped in several chunks.
            if self.removed.last() != Some(&n) {
                self.removed.push(n);
            }
        }
    }

    fn flush_line(&mut self, keep: bool) {
        if self.listing.is_some() {
            return;
        }
        if keep != self.opts.complement {
            let blank = self
                .line
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
            if blank && self.opts.compress_blanks && self.blank_count != self.blank_max {
                self.deleted_run += 1;
                self.blank_count += 1;
                self.record_removed();
            } else {
                if self.opts.line_directives && self.deleted_run > 0 {
                    self.hash_line();
                }
                self.out.extend_from_slice(&self.line);
                self.deleted_run = 0;
                self.blank_count = if blank { self.blank_count + 1 } else { 0 };
                self.blank_max = self.blank_count;
            }
        } else {
            if self.opts.blank_removed {
                let nl = self.newline();
                self.out.extend_from_slice(nl);
            }
            self.altered = true;
            self.deleted_run += 1;
            self.blank_count = 0;
            self.record_removed();
        }
    }

    fn hash_line(&mut self) {
        let nl = self.newline();
        self.out
            .extend_from_slice(format!("#line {}", self.linenum).as_bytes());
        if let Some(label) = self.file_label {
            self.out.extend_from_slice(b" \"");
            self.out.extend_from_slice(label.as_bytes());
            self.out.push(b'"');
        }
        self.out.extend_from_slice(nl);
    }
}
