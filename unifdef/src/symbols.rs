//! The symbol table: what `-D`, `-U`, `-iD`, `-iU` and `-f` files say about macros.

use std::collections::HashMap;

use crate::lexer::{ends_symbol, skip_symbol, Lexer, LineState};

/// One macro as the command line or a definitions file describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: Vec<u8>,
    /// `None`: explicitly undefined. `Some(v)`: defined with the text `v` (`1` for `-DSYM`).
    pub value: Option<Vec<u8>>,
    /// Leave `#ifdef`/`#ifndef` blocks on this symbol unparsed (`-iD` / `-iU`).
    pub ignore: bool,
    /// Defined without a value (`-DSYM`): unifdef gives every such symbol the same string
    /// object, and its listing mode compares values by object, not by text.
    pub shared_value: bool,
}

/// The known symbols; the last definition of a name wins.
#[derive(Clone, Debug, Default)]
pub struct Symbols {
    index: HashMap<Vec<u8>, usize>,
    entries: Vec<Symbol>,
}

/// A `-D`/`-U` argument that is not `SYM` or `SYM=VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSymbolArg(pub String);

impl std::fmt::Display for BadSymbolArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "bad symbol argument `{}` (expected SYM or SYM=VALUE)",
            self.0
        )
    }
}

impl std::error::Error for BadSymbolArg {}

/// A problem in a `-f` definitions file, with its (1-based) line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionsError {
    pub line: u32,
    pub message: &'static str,
}

impl Symbols {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value` (`None` = undefined), replacing an earlier setting.
    pub fn set(&mut self, name: &[u8], value: Option<&[u8]>, ignore: bool) {
        let symbol = Symbol {
            name: name.to_vec(),
            value: value.map(<[u8]>::to_vec),
            ignore,
            shared_value: false,
        };
        match self.index.get(name) {
            Some(&i) => self.entries[i] = symbol,
            None => {
                self.index.insert(name.to_vec(), self.entries.len());
                self.entries.push(symbol);
            }
        }
    }

    /// Gives the first symbol (or, with none, a nameless one) this value: where unifdef's
    /// listing mode puts every symbol option.
    pub(crate) fn set_first_slot(&mut self, from: &Symbol) {
        if self.entries.is_empty() {
            self.set(b"", None, false);
        }
        if let Some(first) = self.entries.first_mut() {
            first.value.clone_from(&from.value);
            first.ignore = from.ignore;
            first.shared_value = from.shared_value;
        }
    }

    /// `-D SYM`, `-D SYM=VAL`: defines (value `1` when none is given).
    pub fn define(&mut self, name: &str, value: Option<&str>) {
        self.set(
            name.as_bytes(),
            Some(value.unwrap_or("1").as_bytes()),
            false,
        );
    }

    /// `-U SYM`.
    pub fn undefine(&mut self, name: &str) {
        self.set(name.as_bytes(), None, false);
    }

    /// Applies one `-D`/`-U` argument text (`SYM`, `SYM=VAL` for a definition) and returns the
    /// symbol name it set.
    pub fn apply_arg(
        &mut self,
        arg: &[u8],
        define: bool,
        ignore: bool,
    ) -> Result<Vec<u8>, BadSymbolArg> {
        let end = skip_symbol(arg, 0);
        let name = &arg[..end];
        let given = define && arg.get(end) == Some(&b'=');
        let value: Option<&[u8]> = if given {
            Some(&arg[end + 1..])
        } else if end == arg.len() {
            define.then_some(b"1".as_slice())
        } else {
            return Err(BadSymbolArg(String::from_utf8_lossy(arg).into_owned()));
        };
        self.set(name, value, ignore);
        if define && !given {
            if let Some(&i) = self.index.get(name) {
                self.entries[i].shared_value = true;
            }
        }
        Ok(name.to_vec())
    }

    /// Applies a definitions file: `#define SYM [VALUE]`, `#define F(args) ...` (value 1) and
    /// `#undef SYM` lines; other text is ignored, other directives are errors. Returns the
    /// names set, in order.
    pub fn apply_definitions(&mut self, text: &[u8]) -> Result<Vec<Vec<u8>>, DefinitionsError> {
        let mut lexer = Lexer::new(false);
        let mut names = Vec::new();
        for (index, raw) in text.split_inclusive(|&b| b == b'\n').enumerate() {
            let line_no = u32::try_from(index + 1).unwrap_or(u32::MAX);
            let line = &raw[..raw.iter().position(|&b| b == 0).unwrap_or(raw.len())];
            let err = |message| DefinitionsError {
                line: line_no,
                message,
            };
            let scan = |e| err(crate::engine::scan_message(e));
            let mut cp = lexer.skip_comment(line, 0).map_err(scan)?;
            if lexer.line_state == LineState::Start && line.get(cp) == Some(&b'#') {
                lexer.line_state = LineState::Hash;
                cp = lexer.skip_comment(line, cp + 1).map_err(scan)?;
            } else {
                lexer.skip_line(line, cp).map_err(scan)?;
                continue;
            }
            if cp >= line.len() {
                continue;
            }
            let mut end = line.len();
            while end > 0 && b" \t\n\r".contains(&line[end - 1]) {
                end -= 1;
            }
            if end > 0 && line[end - 1] == b'\\' {
                return Err(err("Obfuscated preprocessor control line"));
            }
            let keyword_end = skip_symbol(line, cp);
            let keyword = &line[cp..keyword_end];
            let is_define = keyword == b"define";
            if !is_define && keyword != b"undef" {
                return Err(err("unrecognized preprocessor directive"));
            }
            let mut p = lexer.skip_comment(line, keyword_end).map_err(scan)?;
            let name_end = skip_symbol(line, p);
            if name_end == p {
                return Err(err(if is_define {
                    "missing macro name in #define"
                } else {
                    "missing macro name in #undef"
                }));
            }
            let name = line[p..name_end].to_vec();
            p = name_end;
            let value = if !is_define {
                p = lexer.skip_comment(line, p).map_err(scan)?;
                None
            } else if line.get(p) == Some(&b'(') {
                Some(b"1".to_vec())
            } else {
                p = lexer.skip_comment(line, p).map_err(scan)?;
                Some(if p < end {
                    line[p..end].to_vec()
                } else {
                    Vec::new()
                })
            };
            self.set(&name, value.as_deref(), false);
            lexer.skip_line(line, p.min(line.len())).map_err(scan)?;
            names.push(name);
        }
        Ok(names)
    }

    /// The symbol named exactly `name`.
    pub fn get(&self, name: &[u8]) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.entries[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &Symbol> {
        self.entries.iter()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The numeric value of a defined symbol: its value text read as a C integer
    /// (`strtol`, base 0), or, when the text is exactly another symbol's name, that symbol's
    /// value (followed through a chain, never around a cycle). `None`: not a number.
    pub(crate) fn numeric_value(&self, symbol: &Symbol) -> Option<i64> {
        let mut current = symbol;
        for _ in 0..=self.entries.len() {
            let text = current.value.as_deref()?;
            if let Some((v, used)) = strtol(text) {
                if used == text.len() {
                    return Some(v);
                }
            }
            let is_name = !text.is_empty() && text.iter().all(|&c| !ends_symbol(c));
            if !is_name {
                return None;
            }
            current = self.get(text)?;
        }
        None
    }
}

/// C's `strtol(s, &end, 0)`: the value and how many bytes it used, or `None` when no digits
/// were read. Saturates on overflow as `strtol` does.
pub(crate) fn strtol(s: &[u8]) -> Option<(i64, usize)> {
    let mut i = 0;
    while i < s.len() && crate::lexer::is_c_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let (radix, start) = if s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
    {
        (16, i + 2)
    } else if s.get(i) == Some(&b'0') {
        (8, i)
    } else {
        (10, i)
    };
    let mut j = start;
    let mut magnitude: u64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(j).and_then(|&c| (c as char).to_digit(radix)) {
        match magnitude
            .checked_mul(radix as u64)
            .and_then(|m| m.checked_add(d as u64))
        {
            Some(m) => magnitude = m,
            None => overflow = true,
        }
        j += 1;
    }
    if j == start {
        return None;
    }
    let value = if negative {
        if overflow || magnitude > i64::MAX as u64 + 1 {
            i64::MIN
        } else {
            (magnitude as i128).wrapping_neg() as i64
        }
    } else if overflow || magnitude > i64::MAX as u64 {
        i64::MAX
    } else {
        magnitude as i64
    };
    Some((value, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtol_follows_c() {
        assert_eq!(strtol(b"0x10"), Some((16, 4)));
        assert_eq!(strtol(b"010"), Some((8, 3)));
        assert_eq!(strtol(b"09"), Some((0, 1)));
        assert_eq!(strtol(b"0x"), Some((0, 1)));
        assert_eq!(strtol(b" -1"), Some((-1, 3)));
        assert_eq!(strtol(b"x"), None);
        assert_eq!(strtol(b"99999999999999999999999"), Some((i64::MAX, 23)));
    }

    #[test]
    fn indirection_follows_names_but_not_cycles() {
        let mut s = Symbols::new();
        s.define("A", Some("B"));
        s.define("B", Some("C"));
        s.define("C", Some("7"));
        assert_eq!(s.numeric_value(s.get(b"A").unwrap()), Some(7));
        s.define("C", Some("A"));
        assert_eq!(s.numeric_value(s.get(b"A").unwrap()), None);
    }

    #[test]
    fn definitions_file() {
        let mut s = Symbols::new();
        let names = s
            .apply_definitions(b"#define A 2\n#undef B\n#define F(x) x\ntext\n# define  C\n")
            .unwrap();
        assert_eq!(names.len(), 4);
        assert_eq!(s.get(b"A").unwrap().value.as_deref(), Some(&b"2"[..]));
        assert_eq!(s.get(b"B").unwrap().value, None);
        assert_eq!(s.get(b"F").unwrap().value.as_deref(), Some(&b"1"[..]));
        assert_eq!(s.get(b"C").unwrap().value.as_deref(), Some(&b""[..]));
        let err = s.apply_definitions(b"#define A\n#ifdef A\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
