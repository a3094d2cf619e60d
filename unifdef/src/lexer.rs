//! The line scanner: how unifdef sees comments, literals, continuations and line starts.
//!
//! unifdef is line-based and only knows "just enough C" to tell whether a `#` starts a
//! directive. Its notion of state is deliberately shallow (a comment state and a line state that
//! survive across lines), and byte-identical output depends on reproducing exactly where that
//! state changes, including its quirks: a newline inside a `/* */` comment does not mark a line
//! start, a backslash-newline never does, and a `'` in a directive's trailing text opens a
//! character literal that must close on the same line.

/// Where the scanner is with respect to comments and literals.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Comment {
    None,
    /// Inside `/* ... */`.
    Block,
    /// Inside `// ...` (ends at a newline that is not escaped).
    Line,
    /// Saw `/` then a backslash-newline: a comment may be starting.
    Starting,
    /// Saw `*` then a backslash-newline inside a block comment: it may be ending.
    Finishing,
    CharLiteral,
    StringLiteral,
}

/// Whether the current physical position is at the start of a logical line (where `#` opens a
/// directive), just after the `#` of one, or in ordinary text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum LineState {
    Start,
    Hash,
    Dirty,
}

/// A fatal scanning problem: unifdef stops the file on these.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ScanError {
    UnterminatedChar,
    UnterminatedString,
}

pub(crate) struct Lexer {
    pub comment: Comment,
    pub line_state: LineState,
    /// Plain-text scanning (`-t`, or inside an `-iD`/`-iU` block): only whitespace is skipped.
    pub plain: bool,
}

/// The byte at `i`, or 0 past the end: lines behave like C strings.
#[inline]
pub(crate) fn at(line: &[u8], i: usize) -> u8 {
    line.get(i).copied().unwrap_or(0)
}

#[inline]
pub(crate) fn starts_with_at(line: &[u8], i: usize, pat: &[u8]) -> bool {
    line.get(i..).is_some_and(|s| s.starts_with(pat))
}

/// True for bytes that cannot continue an identifier (C-locale `isalnum` plus `_`).
#[inline]
pub(crate) fn ends_symbol(c: u8) -> bool {
    !(c.is_ascii_alphanumeric() || c == b'_')
}

/// C's `isspace` in the C locale.
#[inline]
pub(crate) fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Skips identifier bytes from `cp`.
pub(crate) fn skip_symbol(line: &[u8], mut cp: usize) -> usize {
    while cp < line.len() && !ends_symbol(line[cp]) {
        cp += 1;
    }
    cp
}

/// If `word` is at `cp` and is followed by a non-identifier byte, returns the position after it.
pub(crate) fn match_word(line: &[u8], cp: usize, word: &[u8]) -> Option<usize> {
    if starts_with_at(line, cp, word) && ends_symbol(at(line, cp + word.len())) {
        Some(cp + word.len())
    } else {
        None
    }
}

impl Lexer {
    pub(crate) fn new(plain: bool) -> Self {
        Lexer {
            comment: Comment::None,
            line_state: LineState::Start,
            plain,
        }
    }

    /// Skips whitespace, comments, literals and continuations from `cp`; stops at the first
    /// significant byte (or the end of the line), updating the comment and line states.
    pub(crate) fn skip_comment(&mut self, line: &[u8], mut cp: usize) -> Result<usize, ScanError> {
        if self.plain {
            return Ok(self.skip_plain_space(line, cp));
        }
        while cp < line.len() {
            // A continuation never resets the line to its start.
            if starts_with_at(line, cp, b"\\\r\n") {
                cp += 3;
                continue;
            }
            if starts_with_at(line, cp, b"\\\n") {
                cp += 2;
                continue;
            }
            let c = line[cp];
            cp = match self.comment {
                Comment::None => match self.step_in_code(line, cp) {
                    Some(next) => next,
                    None => return Ok(cp),
                },
                Comment::Line => self.step_in_line_comment(c, cp),
                Comment::CharLiteral | Comment::StringLiteral => self.step_in_literal(line, cp)?,
                Comment::Block => self.step_in_block_comment(line, cp),
                Comment::Starting => self.step_after_slash(c, cp),
                Comment::Finishing => self.step_after_star(c, cp),
            };
        }
        Ok(cp)
    }

    /// Plain-text scanning skips whitespace only.
    fn skip_plain_space(&mut self, line: &[u8], mut cp: usize) -> usize {
        while cp < line.len() && is_c_space(line[cp]) {
            if line[cp] == b'\n' {
                self.line_state = LineState::Start;
            }
            cp += 1;
        }
        cp
    }

    /// Outside comments and literals: the position after what opens one or after whitespace,
    /// or `None` at a significant byte.
    fn step_in_code(&mut self, line: &[u8], cp: usize) -> Option<usize> {
        let c = line[cp];
        let next = if starts_with_at(line, cp, b"/\\\r\n") {
            self.comment = Comment::Starting;
            cp + 4
        } else if starts_with_at(line, cp, b"/\\\n") {
            self.comment = Comment::Starting;
            cp + 3
        } else if starts_with_at(line, cp, b"/*") {
            self.comment = Comment::Block;
            cp + 2
        } else if starts_with_at(line, cp, b"//") {
            self.comment = Comment::Line;
            cp + 2
        } else if c == b'\'' {
            self.comment = Comment::CharLiteral;
            self.line_state = LineState::Dirty;
            cp + 1
        } else if c == b'"' {
            self.comment = Comment::StringLiteral;
            self.line_state = LineState::Dirty;
            cp + 1
        } else if c == b'\n' {
            self.line_state = LineState::Start;
            cp + 1
        } else if matches!(c, b' ' | b'\r' | b'\t') {
            cp + 1
        } else {
            return None;
        };
        Some(next)
    }

    fn step_in_line_comment(&mut self, c: u8, cp: usize) -> usize {
        if c == b'\n' {
            self.comment = Comment::None;
            self.line_state = LineState::Start;
        }
        cp + 1
    }

    /// Inside a character or string literal, which must close before the end of its line.
    fn step_in_literal(&mut self, line: &[u8], cp: usize) -> Result<usize, ScanError> {
        let c = line[cp];
        let closes = (self.comment == Comment::CharLiteral && c == b'\'')
            || (self.comment == Comment::StringLiteral && c == b'"');
        if closes {
            self.comment = Comment::None;
            Ok(cp + 1)
        } else if c == b'\\' {
            Ok(cp + if cp + 1 >= line.len() { 1 } else { 2 })
        } else if c == b'\n' {
            Err(if self.comment == Comment::CharLiteral {
                ScanError::UnterminatedChar
            } else {
                ScanError::UnterminatedString
            })
        } else {
            Ok(cp + 1)
        }
    }

    fn step_in_block_comment(&mut self, line: &[u8], cp: usize) -> usize {
        if starts_with_at(line, cp, b"*\\\r\n") {
            self.comment = Comment::Finishing;
            cp + 4
        } else if starts_with_at(line, cp, b"*\\\n") {
            self.comment = Comment::Finishing;
            cp + 3
        } else if starts_with_at(line, cp, b"*/") {
            self.comment = Comment::None;
            cp + 2
        } else {
            cp + 1
        }
    }

    /// After `/` and a continuation: `*` or `/` completes a comment opener; anything else
    /// leaves the `/` as text (the byte is examined again as code).
    fn step_after_slash(&mut self, c: u8, cp: usize) -> usize {
        if c == b'*' {
            self.comment = Comment::Block;
            cp + 1
        } else if c == b'/' {
            self.comment = Comment::Line;
            cp + 1
        } else {
            self.comment = Comment::None;
            self.line_state = LineState::Dirty;
            cp
        }
    }

    /// After `*` and a continuation in a block comment: `/` closes it; anything else is more
    /// comment (the byte is examined again).
    fn step_after_star(&mut self, c: u8, cp: usize) -> usize {
        if c == b'/' {
            self.comment = Comment::None;
            cp + 1
        } else {
            self.comment = Comment::Block;
            cp
        }
    }

    /// Consumes the rest of the line as ordinary text. The byte at `cp` itself is skipped
    /// unexamined (unifdef's quirk: a directive keyword directly followed by its newline leaves
    /// the line dirty, so the next line cannot be a directive).
    pub(crate) fn skip_line(&mut self, line: &[u8], mut cp: usize) -> Result<usize, ScanError> {
        if cp < line.len() {
            self.line_state = LineState::Dirty;
        }
        while cp < line.len() {
            cp = self.skip_comment(line, cp + 1)?;
        }
        Ok(cp)
    }
}
