//! `#if` / `#elif` expression evaluation, three-valued: true, false, or unknown ("pass the
//! directive through").
//!
//! The grammar is unifdef's: `||`, `&&`, `==` `!=`, `<=` `>=` `<` `>`, unary `!`, parentheses,
//! integer literals (`strtol`, base 0), `defined X` / `defined(X)`, and macro names whose
//! function-like arguments are skipped. Anything else makes the expression unknown, and so
//! does trailing text the grammar does not consume (the caller checks that).

use crate::lexer::{at, ends_symbol, match_word, skip_symbol, starts_with_at, Lexer, ScanError};
use crate::symbols::{strtol, Symbol, Symbols};

/// The result of evaluating (part of) an expression.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tri {
    True,
    False,
    /// Depends on something unknown.
    Unknown,
    /// Not an expression unifdef understands.
    Error,
}

/// Nesting beyond this (parentheses, `!`) is treated as an expression unifdef cannot parse,
/// so that no input can exhaust the stack.
const MAX_NESTING: u32 = 512;

/// Symbol listing (`-s`, `-S`): every macro name a directive uses is printed as it is met.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    pub out: Vec<u8>,
    /// `-S`: names on one line, each preceded by a space.
    pub one_line: bool,
    pub any: bool,
    /// In listing mode every name resolves to this one slot (unifdef's behaviour).
    pub slot: Option<Symbol>,
}

impl Listing {
    fn print(&mut self, name: &[u8]) {
        self.any = true;
        if self.one_line {
            self.out.push(b' ');
            self.out.extend_from_slice(name);
        } else {
            self.out.extend_from_slice(name);
            self.out.push(b'\n');
        }
    }
}

/// How a name resolved.
pub(crate) enum Found<'s> {
    Unknown,
    Known(&'s Symbol),
    /// Listing mode with no `-D`/`-U` given: behaves as an undefined symbol.
    ListedUndefined,
}

/// Looks up the identifier at `cp` (listing it in `-s` mode); returns the resolution and the
/// position after the name.
pub(crate) fn find_symbol<'s>(
    line: &[u8],
    cp: usize,
    symbols: &'s Symbols,
    listing: Option<&'s mut Listing>,
) -> (Found<'s>, usize) {
    let end = skip_symbol(line, cp);
    let name = &line[cp..end];
    if let Some(listing) = listing {
        if end == cp {
            return (Found::Unknown, end);
        }
        listing.print(name);
        let listing: &'s Listing = listing;
        return match &listing.slot {
            Some(s) => (Found::Known(s), end),
            None => (Found::ListedUndefined, end),
        };
    }
    match symbols.get(name) {
        Some(s) => (Found::Known(s), end),
        None => (Found::Unknown, end),
    }
}

pub(crate) struct Evaluator<'a> {
    pub lexer: &'a mut Lexer,
    pub line: &'a [u8],
    pub symbols: &'a Symbols,
    pub listing: Option<&'a mut Listing>,
    /// `-K`: `&&` and `||` do not short-circuit over unknown operands.
    pub strict_logic: bool,
    /// Still true when no macro name has been seen (constant expression).
    pub constant: bool,
    nesting: u32,
}

const LEVELS: [&[&[u8]]; 4] = [
    &[b"||"],
    &[b"&&"],
    &[b"==", b"!="],
    &[b"<=", b">=", b"<", b">"],
];

impl<'a> Evaluator<'a> {
    pub(crate) fn new(
        lexer: &'a mut Lexer,
        line: &'a [u8],
        symbols: &'a Symbols,
        listing: Option<&'a mut Listing>,
        strict_logic: bool,
    ) -> Self {
        Evaluator {
            lexer,
            line,
            symbols,
            listing,
            strict_logic,
            constant: true,
            nesting: 0,
        }
    }

    /// Evaluates a whole expression from `*cp`; on success `*cp` is where parsing stopped.
    pub(crate) fn expression(&mut self, cp: &mut usize) -> Result<Tri, ScanError> {
        let mut value = 0;
        self.level(0, &mut value, cp)
    }

    fn inner(&mut self, level: usize, value: &mut i64, cp: &mut usize) -> Result<Tri, ScanError> {
        if level < LEVELS.len() {
            self.level(level, value, cp)
        } else {
            self.unary(value, cp)
        }
    }

    fn level(&mut self, level: usize, value: &mut i64, cpp: &mut usize) -> Result<Tri, ScanError> {
        let mut cp = *cpp;
        let mut lt = self.inner(level + 1, value, &mut cp)?;
        if lt == Tri::Error {
            return Ok(Tri::Error);
        }
        loop {
            cp = self.lexer.skip_comment(self.line, cp)?;
            let Some(op) = LEVELS[level]
                .iter()
                .find(|op| starts_with_at(self.line, cp, op))
            else {
                break;
            };
            cp += op.len();
            let mut rv = 0;
            let rt = self.inner(level + 1, &mut rv, &mut cp)?;
            if rt == Tri::Error {
                return Ok(Tri::Error);
            }
            lt = self.apply(op, value, lt, rt, rv);
        }
        *cpp = cp;
        Ok(lt)
    }

    fn apply(&self, op: &[u8], value: &mut i64, lt: Tri, rt: Tri, rv: i64) -> Tri {
        let lv = *value;
        let strict = |value: &mut i64, v: bool| {
            if lt == Tri::Unknown || rt == Tri::Unknown {
                Tri::Unknown
            } else {
                *value = v as i64;
                if v {
                    Tri::True
                } else {
                    Tri::False
                }
            }
        };
        match op {
            b"||" => {
                if !self.strict_logic && (lt == Tri::True || rt == Tri::True) {
                    *value = 1;
                    Tri::True
                } else {
                    strict(value, lv != 0 || rv != 0)
                }
            }
            b"&&" => {
                if !self.strict_logic && (lt == Tri::False || rt == Tri::False) {
                    *value = 0;
                    Tri::False
                } else {
                    strict(value, lv != 0 && rv != 0)
                }
            }
            b"==" => strict(value, lv == rv),
            b"!=" => strict(value, lv != rv),
            b"<=" => strict(value, lv <= rv),
            b">=" => strict(value, lv >= rv),
            b"<" => strict(value, lv < rv),
            _ => strict(value, lv > rv),
        }
    }

    fn truth(value: i64) -> Tri {
        if value != 0 {
            Tri::True
        } else {
            Tri::False
        }
    }

    fn unary(&mut self, value: &mut i64, cpp: &mut usize) -> Result<Tri, ScanError> {
        if self.nesting >= MAX_NESTING {
            return Ok(Tri::Error);
        }
        self.nesting += 1;
        let result = self.unary_inner(value, cpp);
        self.nesting -= 1;
        result
    }

    /// A unary operand: `!`, a parenthesised expression, a number, `defined` or a macro name.
    /// On `Tri::Error`, `*cpp` is left where it was.
    fn unary_inner(&mut self, value: &mut i64, cpp: &mut usize) -> Result<Tri, ScanError> {
        let line = self.line;
        let mut cp = self.lexer.skip_comment(line, *cpp)?;
        let c = at(line, cp);
        let lt = if c == b'!' {
            cp += 1;
            self.negation(value, &mut cp)?
        } else if c == b'(' {
            cp += 1;
            self.parenthesised(value, &mut cp)?
        } else if c.is_ascii_digit() {
            self.number(value, &mut cp)
        } else if let Some(after) = match_word(line, cp, b"defined") {
            cp = after;
            self.defined(value, &mut cp)?
        } else if !ends_symbol(c) {
            self.macro_name(value, &mut cp)?
        } else {
            Tri::Error
        };
        if lt != Tri::Error {
            *cpp = cp;
        }
        Ok(lt)
    }

    /// The operand of `!`, from `*cp`.
    fn negation(&mut self, value: &mut i64, cp: &mut usize) -> Result<Tri, ScanError> {
        Ok(match self.unary(value, cp)? {
            Tri::Error => Tri::Error,
            Tri::Unknown => Tri::Unknown,
            _ => {
                *value = (*value == 0) as i64;
                Self::truth(*value)
            }
        })
    }

    /// The expression after `(`, from `*cp`, and its `)`.
    fn parenthesised(&mut self, value: &mut i64, cp: &mut usize) -> Result<Tri, ScanError> {
        let inner = self.level(0, value, cp)?;
        if inner == Tri::Error {
            return Ok(Tri::Error);
        }
        *cp = self.lexer.skip_comment(self.line, *cp)?;
        if at(self.line, *cp) != b')' {
            return Ok(Tri::Error);
        }
        *cp += 1;
        Ok(inner)
    }

    /// An integer literal at `*cp`, read as `strtol` does.
    fn number(&mut self, value: &mut i64, cp: &mut usize) -> Tri {
        let Some((v, used)) = strtol(&self.line[*cp..]) else {
            return Tri::Error;
        };
        *value = v;
        *cp += used;
        Self::truth(v)
    }

    /// `defined X` or `defined(X)`, from just after the keyword.
    fn defined(&mut self, value: &mut i64, cp: &mut usize) -> Result<Tri, ScanError> {
        let line = self.line;
        *cp = self.lexer.skip_comment(line, *cp)?;
        let paren = at(line, *cp) == b'(';
        if paren {
            *cp = self.lexer.skip_comment(line, *cp + 1)?;
        }
        let (found, end) = find_symbol(line, *cp, self.symbols, self.listing.as_deref_mut());
        let defined = match found {
            Found::Unknown => None,
            Found::Known(s) => Some(s.value.is_some()),
            Found::ListedUndefined => Some(false),
        };
        *cp = self.lexer.skip_comment(line, end)?;
        if paren {
            let closing = at(line, *cp);
            *cp += 1;
            if closing != b')' {
                return Ok(Tri::Error);
            }
        }
        self.constant = false;
        Ok(match defined {
            None => Tri::Unknown,
            Some(d) => {
                *value = d as i64;
                Self::truth(*value)
            }
        })
    }

    /// A macro name at `*cp`, with its arguments if it is used like a function.
    fn macro_name(&mut self, value: &mut i64, cp: &mut usize) -> Result<Tri, ScanError> {
        let listing_mode = self.listing.is_some();
        let (found, end) = find_symbol(self.line, *cp, self.symbols, self.listing.as_deref_mut());
        *cp = end;
        let lt = match found {
            Found::Unknown => {
                *cp = self.skip_args(*cp)?;
                Tri::Unknown
            }
            Found::ListedUndefined => {
                *value = 0;
                Tri::False
            }
            Found::Known(s) if s.value.is_none() => {
                *value = 0;
                Tri::False
            }
            Found::Known(s) => {
                // Listing mode's single slot is read as a number only: unifdef resolves
                // macro-to-macro values before it starts, not at the use.
                let number = if listing_mode {
                    s.value
                        .as_deref()
                        .and_then(|t| strtol(t).filter(|&(_, n)| n == t.len()))
                        .map(|(v, _)| v)
                } else {
                    self.symbols.numeric_value(s)
                };
                let Some(v) = number else {
                    return Ok(Tri::Error);
                };
                *value = v;
                *cp = self.skip_args(*cp)?;
                Self::truth(v)
            }
        };
        self.constant = false;
        Ok(lt)
    }

    /// Skips a balanced parenthesised argument list after a macro name; an unbalanced one is
    /// left in place (it becomes trailing text, which makes the directive unknown).
    fn skip_args(&mut self, start: usize) -> Result<usize, ScanError> {
        let line = self.line;
        let mut cp = self.lexer.skip_comment(line, start)?;
        if at(line, cp) != b'(' {
            return Ok(cp);
        }
        let mut level = 0i64;
        loop {
            match at(line, cp) {
                b'(' => level += 1,
                b')' => level -= 1,
                _ => {}
            }
            cp = self.lexer.skip_comment(line, cp + 1)?;
            if level == 0 || cp >= line.len() {
                break;
            }
        }
        Ok(if level == 0 { cp } else { start })
    }
}
