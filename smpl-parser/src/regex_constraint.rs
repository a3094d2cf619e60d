//! `=~ "re"` / `!~ "re"` constraints, compiled once when the rule file is read.
//!
//! spatch 1.1.1 reads these patterns as PCRE, or as OCaml `Str` patterns under
//! `--ocaml-regexps`. Here they run on the `regex` crate, whose matching time is linear in the
//! text: a pattern such as `^(a|a)*$` cannot hang a run. PCRE features that need backtracking
//! (back-references, look-around, atomic groups, possessive repeats) are refused with a located
//! error naming the feature, as is any pattern that does not compile: a broken pattern must
//! never quietly match everything or nothing.
//!
//! The pattern is the string as written in the rule file, escapes included: spatch hands it to
//! PCRE without unescaping it (`"\"\.foo\""` matches the C string `".foo"`).

use std::ops::Range;

/// How the patterns of a rule file are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RegexDialect {
    /// PCRE syntax, spatch's default.
    #[default]
    Pcre,
    /// OCaml `Str` syntax (`#spatch --ocaml-regexps`): `\(`, `\|`, `\)` group and alternate,
    /// and `(`, `|`, `)`, `{`, `}` are plain characters.
    OcamlStr,
}

/// A compiled `=~` pattern. Equality and `Debug` go by the pattern's text.
#[derive(Clone)]
pub struct CompiledRegex {
    regex: regex::Regex,
}

impl CompiledRegex {
    /// Compiles `pattern` (as written between the quotes) read in `dialect`.
    pub fn new(pattern: &str, dialect: RegexDialect) -> Result<Self, RegexError> {
        compile(pattern, dialect)
    }

    /// Whether the pattern matches somewhere in `text` (patterns are not anchored unless they
    /// say so, as with PCRE's search).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }

    /// The pattern in the `regex` crate's syntax (after translation from `Str` syntax).
    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }
}

impl PartialEq for CompiledRegex {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for CompiledRegex {}

impl std::fmt::Debug for CompiledRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CompiledRegex({:?})", self.as_str())
    }
}

/// Why a pattern was refused, and which bytes of the pattern are at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegexError {
    pub message: String,
    /// Byte range in the pattern as written (the whole pattern when unknown).
    pub range: Range<usize>,
}

/// Compiled patterns are capped so that a hostile pattern cannot exhaust memory.
const SIZE_LIMIT: usize = 1 << 22;

/// Compiles `pattern` as read in `dialect`.
fn compile(pattern: &str, dialect: RegexDialect) -> Result<CompiledRegex, RegexError> {
    let whole = 0..pattern.len();
    let translated = match dialect {
        RegexDialect::Pcre => {
            check_pcre_syntax(pattern)?;
            pattern.to_string()
        }
        RegexDialect::OcamlStr => from_ocaml_str(pattern),
    };
    if dialect == RegexDialect::OcamlStr {
        // Positions in the translation do not map back: the whole pattern is at fault.
        check_pcre_syntax(&translated).map_err(|e| RegexError {
            range: whole.clone(),
            ..e
        })?;
    }
    let regex = regex::RegexBuilder::new(&translated)
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|e| RegexError {
            message: match e {
                regex::Error::CompiledTooBig(_) => "the regular expression is too large".into(),
                other => first_line(&other.to_string()),
            },
            range: whole,
        })?;
    Ok(CompiledRegex { regex })
}

/// Parses the pattern's syntax alone, for an error that points into the pattern.
fn check_pcre_syntax(pattern: &str) -> Result<(), RegexError> {
    use regex_syntax::ast::parse::ParserBuilder;
    // Nesting is bounded by the parser (its default limit), so a pattern of thousands of `(`
    // is an error, not a stack overflow.
    let mut parser = ParserBuilder::new().build();
    match parser.parse(pattern) {
        Ok(_) => Ok(()),
        Err(e) => {
            let span = e.span();
            let message = match e.kind() {
                regex_syntax::ast::ErrorKind::UnsupportedLookAround => {
                    "look-around (`(?=`, `(?!`, `(?<=`, `(?<!`) is not supported: rcocci's \
                     regular expressions run in linear time"
                        .to_string()
                }
                regex_syntax::ast::ErrorKind::UnsupportedBackreference => {
                    "back-references (`\\1`) are not supported: rcocci's regular expressions \
                     run in linear time"
                        .to_string()
                }
                kind => kind.to_string(),
            };
            Err(RegexError {
                message,
                range: span.start.offset..span.end.offset.max(span.start.offset),
            })
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .map(|l| l.trim_start_matches("error:").trim().to_string())
        .unwrap_or_else(|| s.lines().next().unwrap_or("").to_string())
}

/// OCaml `Str` syntax to `regex` syntax: `\(` `\|` `\)` become group and alternation, the
/// characters that are special only in `regex` are escaped, `\b` stays a word boundary and
/// any other escaped character stands for itself.
fn from_ocaml_str(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        if in_class {
            // Inside `[...]` Str has no escapes; `]` first in the set is a member.
            match c {
                ']' if !out.ends_with('[') && !out.ends_with("[^") => {
                    out.push(']');
                    in_class = false;
                }
                // Set operators of `regex` classes (`&&`, `~~`) and its escapes.
                '\\' | '[' | '&' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            continue;
        }
        match c {
            '\\' => match chars.next() {
                Some('(') => out.push_str("(?:"),
                Some(')') => out.push(')'),
                Some('|') => out.push('|'),
                Some('b') => out.push_str("\\b"),
                Some(other) => push_literal(&mut out, other),
                None => out.push_str("\\\\"),
            },
            '(' | ')' | '|' | '{' | '}' => push_literal(&mut out, c),
            '[' => {
                out.push('[');
                in_class = true;
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
                if chars.peek() == Some(&']') {
                    chars.next();
                    out.push_str("\\]");
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn push_literal(out: &mut String, c: char) {
    if regex_syntax::is_meta_character(c) {
        out.push('\\');
    }
    out.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pcre(p: &str) -> CompiledRegex {
        compile(p, RegexDialect::Pcre).expect("valid pattern")
    }

    #[test]
    fn searches_unanchored_as_pcre_does() {
        assert!(pcre("^obd_").is_match("obd_alloc"));
        assert!(!pcre("^obd_").is_match("my_obd_alloc"));
        assert!(pcre("alloc$").is_match("obd_alloc"));
        assert!(pcre("08x").is_match("\"%08x\\n\""));
        assert!(pcre(".*FOO").is_match("XFOOY"));
        assert!(pcre("^[a-z_]+$").is_match("lov_init"));
        assert!(!pcre("^[a-z_]+$").is_match("LOV_INIT"));
    }

    #[test]
    fn escaped_punctuation_is_literal_as_in_pcre() {
        // The pattern as written in the rule file, escapes kept: `\"` is a quote, `\.` a dot.
        let r = pcre(r#"\"\.foo\""#);
        assert!(r.is_match(r#"".foo""#));
        assert!(!r.is_match(r#""x.foox""#));
        assert!(!r.is_match(r#""\.foo""#));
        // `\\.` is a backslash then any character.
        assert!(pcre(r#"\"\\.foo\""#).is_match(r#""\.foo""#));
        // In PCRE `\(` and `\|` are literal characters, not Str's grouping.
        let lit = pcre(r"\(sort\|SORT\)");
        assert!(lit.is_match("(sort|SORT)"));
        assert!(!lit.is_match("qsort"));
    }

    #[test]
    fn ocaml_str_groups_with_backslashes() {
        let r = compile(r"\(sort\|SORT\)", RegexDialect::OcamlStr).expect("valid");
        assert!(r.is_match("qsort_r"));
        assert!(r.is_match("DO_SORT"));
        assert!(!r.is_match("(s)"));
        let r = compile(r"k\(m\|z\)alloc(x)", RegexDialect::OcamlStr).expect("valid");
        assert!(r.is_match("kzalloc(x)"));
        assert!(!r.is_match("kzallocx"));
        let r = compile("a{2}[]x]", RegexDialect::OcamlStr).expect("valid");
        assert!(r.is_match("a{2}]"));
    }

    #[test]
    fn invalid_patterns_are_located() {
        let e = compile("foo[", RegexDialect::Pcre).expect_err("unclosed class");
        assert_eq!(e.range, 3..4);
        assert_eq!(e.message, "unclosed character class");
        let e = compile("((((", RegexDialect::Pcre).expect_err("unclosed groups");
        assert_eq!(e.message, "unclosed group");
        let e = compile(r"(a)\1", RegexDialect::Pcre).expect_err("back-reference");
        assert!(e.message.starts_with("back-references"), "{}", e.message);
        assert_eq!(e.range, 3..5);
        let e = compile("^(?!foo)", RegexDialect::Pcre).expect_err("look-ahead");
        assert!(e.message.starts_with("look-around"), "{}", e.message);
    }

    #[test]
    fn pathological_patterns_run_in_linear_time() {
        let r = pcre("^(a|a)*$");
        let text = "a".repeat(100_000) + "b";
        assert!(!r.is_match(&text));
        assert!(r.is_match(&"a".repeat(100_000)));
    }

    #[test]
    fn deeply_nested_patterns_are_errors_not_overflows() {
        let p = "(".repeat(100_000) + &")".repeat(100_000);
        let e = compile(&p, RegexDialect::Pcre).expect_err("too deep");
        assert!(e.message.contains("nest"), "{}", e.message);
    }
}
