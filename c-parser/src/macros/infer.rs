//! Working out what a `#define` means to the parser and to the CFG from its body.
//!
//! The conventions are documented on [`super::MacroTable::add_macro_file`].

use super::define_file::Definition;
use super::{MacroFlow, MacroShape, MacroTable};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// A string literal, or `#param` (which the preprocessor turns into one).
    Str,
    /// Numbers and character literals.
    Literal,
    Punct(String),
}

impl Tok {
    fn is_ident(&self, s: &str) -> bool {
        matches!(self, Tok::Ident(i) if i == s)
    }
    fn is_punct(&self, s: &str) -> bool {
        matches!(self, Tok::Punct(p) if p == s)
    }
    fn ident(&self) -> Option<&str> {
        match self {
            Tok::Ident(i) => Some(i),
            _ => None,
        }
    }
}

const PUNCT3: &[&str] = &["...", "<<=", ">>="];
const PUNCT2: &[&str] = &[
    "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=",
    "&=", "^=", "|=", "##",
];

/// A rough C tokenizer, enough to recognise the shapes below; it never fails.
fn tokenize(body: &str) -> Vec<Tok> {
    let bytes = body.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'$'))
            {
                i += 1;
            }
            let word = &body[start..i];
            // L"..." and u8"..." prefixes belong to the literal.
            if i < bytes.len()
                && matches!(bytes[i], b'"' | b'\'')
                && matches!(word, "L" | "u" | "U" | "u8")
            {
                continue;
            }
            toks.push(Tok::Ident(word.to_string()));
        } else if c.is_ascii_digit()
            || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'_'))
            {
                i += 1;
            }
            toks.push(Tok::Literal);
        } else if c == b'"' || c == b'\'' {
            i += 1;
            while i < bytes.len() && bytes[i] != c {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            toks.push(if c == b'"' { Tok::Str } else { Tok::Literal });
        } else if c == b'#' && bytes.get(i + 1) != Some(&b'#') {
            // `#param` stringifies its argument.
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            toks.push(Tok::Str);
        } else {
            let rest = &body[i..];
            let len = PUNCT3
                .iter()
                .chain(PUNCT2)
                .find(|p| rest.starts_with(*p))
                .map_or_else(
                    || rest.chars().next().map_or(1, char::len_utf8),
                    |p| p.len(),
                );
            toks.push(Tok::Punct(rest[..len].to_string()));
            i += len;
        }
    }
    toks
}

/// Index just past the bracket group opening at `open` (which must be `(`, `[` or `{`), or
/// `None` if it is not closed.
fn group_end(toks: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t {
            Tok::Punct(p) if matches!(p.as_str(), "(" | "[" | "{") => depth += 1,
            Tok::Punct(p) if matches!(p.as_str(), ")" | "]" | "}") => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The top-level comma-separated arguments of the call group `toks[open..end]`.
fn split_args(toks: &[Tok], open: usize, end: usize) -> Vec<&[Tok]> {
    let inner = &toks[open + 1..end - 1];
    if inner.is_empty() {
        return Vec::new();
    }
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, t) in inner.iter().enumerate() {
        match t {
            Tok::Punct(p) if matches!(p.as_str(), "(" | "[" | "{") => depth += 1,
            Tok::Punct(p) if matches!(p.as_str(), ")" | "]" | "}") => {
                depth = depth.saturating_sub(1)
            }
            Tok::Punct(p) if p == "," && depth == 0 => {
                args.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(&inner[start..]);
    args
}

/// Strips `do { ... } while (0)` (the statement-macro idiom) and reports whether it was there.
fn strip_do_while_zero(toks: &[Tok]) -> Option<&[Tok]> {
    let n = toks.len();
    let tail_ok = n >= 7
        && toks[n - 1].is_punct(")")
        && matches!(toks[n - 2], Tok::Literal)
        && toks[n - 3].is_punct("(")
        && toks[n - 4].is_ident("while")
        && toks[n - 5].is_punct("}");
    if tail_ok
        && toks[0].is_ident("do")
        && toks[1].is_punct("{")
        && group_end(toks, 1) == Some(n - 4)
    {
        Some(&toks[2..n - 5])
    } else {
        None
    }
}

/// Strips redundant outer parentheses: `(("a" "b"))` → `"a" "b"`.
fn strip_parens(mut toks: &[Tok]) -> &[Tok] {
    while toks.len() >= 2 && toks[0].is_punct("(") && group_end(toks, 0) == Some(toks.len()) {
        toks = &toks[1..toks.len() - 1];
    }
    toks
}

struct Context<'a> {
    def: &'a Definition,
    table: &'a MacroTable,
}

impl Context<'_> {
    /// Position of `name` among the parameters (`__VA_ARGS__` is the variadic `...`).
    fn param_index(&self, name: &str) -> Option<usize> {
        let params = self.def.params.as_ref()?;
        params.iter().position(|p| {
            p == name
                || (name == "__VA_ARGS__" && p == "...")
                || p.strip_suffix("...").is_some_and(|base| base == name)
        })
    }

    fn takes_args(&self) -> bool {
        self.def.params.is_some()
    }

    /// The parameter an argument consists of, if it is exactly one (possibly parenthesised).
    fn sole_param(&self, arg: &[Tok]) -> Option<usize> {
        match strip_parens(arg) {
            [Tok::Ident(name)] => self.param_index(name),
            _ => None,
        }
    }

    fn first_param_in(&self, toks: &[Tok], except: Option<usize>) -> Option<usize> {
        toks.iter()
            .filter_map(Tok::ident)
            .filter_map(|name| self.param_index(name))
            .find(|&i| Some(i) != except)
    }

    fn is_noreturn(&self, name: &str) -> bool {
        const NORETURN_FUNCTIONS: &[&str] = &[
            "BUG",
            "panic",
            "abort",
            "exit",
            "_exit",
            "__builtin_unreachable",
            "__builtin_trap",
        ];
        NORETURN_FUNCTIONS.contains(&name)
            || self
                .table
                .lookup(name)
                .is_some_and(|info| info.flow == MacroFlow::NoReturn && name != self.def.name)
    }
}

/// True if `toks` contain something that makes what follows happen only sometimes.
fn has_condition(toks: &[Tok]) -> bool {
    toks.iter().any(|t| {
        matches!(t, Tok::Ident(i) if matches!(i.as_str(), "if" | "while" | "for" | "switch" | "case"))
            || matches!(t, Tok::Punct(p) if matches!(p.as_str(), "?" | "&&" | "||"))
    })
}

/// The control flow of a body: an unconditional `return`, `goto param` or no-return call.
fn infer_flow(cx: &Context, body: &[Tok]) -> MacroFlow {
    if let Some(at) = body.iter().position(|t| t.is_ident("return")) {
        if has_condition(&body[..at]) {
            return MacroFlow::Normal;
        }
        let value_end = body[at..]
            .iter()
            .position(|t| t.is_punct(";"))
            .map_or(body.len(), |e| at + e);
        let value = &body[at + 1..value_end];
        let value_arg = if value.is_empty() {
            None
        } else {
            // `return (rc)`, or `typeof(rc) __rc = (rc); ... return __rc;`.
            cx.first_param_in(value, None)
                .or_else(|| cx.first_param_in(body, None))
        };
        return MacroFlow::Return { value_arg };
    }
    if let Some(at) = body.iter().position(|t| t.is_ident("goto")) {
        if has_condition(&body[..at]) {
            return MacroFlow::Normal;
        }
        let label_arg = body
            .get(at + 1)
            .and_then(Tok::ident)
            .and_then(|l| cx.param_index(l));
        return match label_arg {
            Some(label_arg) => MacroFlow::Goto {
                label_arg,
                value_arg: cx.first_param_in(body, Some(label_arg)),
            },
            None => MacroFlow::Normal,
        };
    }
    if !has_condition(body) {
        let calls_noreturn = body
            .windows(2)
            .any(|w| w[1].is_punct("(") && w[0].ident().is_some_and(|name| cx.is_noreturn(name)));
        if calls_noreturn {
            return MacroFlow::NoReturn;
        }
    }
    MacroFlow::Normal
}

/// Markers naming a shape outright, as in Coccinelle's standard.h (`YACFE_*`,
/// `MACROSTATEMENT`), plus rcocci's `RCOCCI_TYPE_ARGS(...)`.
fn marker_shape(cx: &Context, toks: &[Tok]) -> Option<MacroShape> {
    let shape = match toks {
        [Tok::Ident(m)] => match m.as_str() {
            "YACFE_ITERATOR" | "YACFE_MACROITERATOR" => MacroShape::Iterator,
            "YACFE_DECLARATOR" => MacroShape::Declarer,
            "YACFE_ATTRIBUTE" | "YACFE_END_ATTRIBUTE" => MacroShape::Attribute {
                takes_args: cx.takes_args(),
            },
            "YACFE_STRING" => MacroShape::StringLiteral,
            "YACFE_STATEMENT" | "MACROSTATEMENT" => MacroShape::Statement,
            "YACFE_IDENT_BUILDER" => MacroShape::Defined,
            _ => return None,
        },
        [Tok::Ident(m), Tok::Punct(open), ..] if m == "RCOCCI_TYPE_ARGS" && open == "(" => {
            let end = group_end(toks, 1)?;
            if end != toks.len() {
                return None;
            }
            let mut positions = Vec::new();
            for arg in split_args(toks, 1, end) {
                let position = match arg {
                    [Tok::Ident(name)] => cx.param_index(name)?,
                    [Tok::Literal] => return None,
                    _ => return None,
                };
                positions.push(position);
            }
            positions.sort_unstable();
            positions.dedup();
            MacroShape::TypeArguments(positions)
        }
        _ => return None,
    };
    Some(shape)
}

/// `NAME(args)` filling the whole body (or a bare `NAME`) where NAME is known: the macro is an
/// alias and inherits NAME's shape and flow, with argument positions renumbered.
fn inherited(cx: &Context, toks: &[Tok]) -> Option<(MacroShape, MacroFlow)> {
    let name = toks.first()?.ident()?;
    if name == cx.def.name {
        return None;
    }
    let info = cx.table.lookup(name)?;
    if toks.len() == 1 {
        return Some((info.shape.clone(), info.flow.clone()));
    }
    if !toks[1].is_punct("(") || group_end(toks, 1) != Some(toks.len()) {
        return None;
    }
    let args = split_args(toks, 1, toks.len());
    let remap = |i: usize| args.get(i).and_then(|arg| cx.sole_param(arg));
    let shape = match &info.shape {
        MacroShape::TypeArguments(positions) => {
            let mut mapped: Vec<usize> = positions.iter().filter_map(|&p| remap(p)).collect();
            mapped.sort_unstable();
            mapped.dedup();
            if mapped.is_empty() {
                MacroShape::Defined
            } else {
                MacroShape::TypeArguments(mapped)
            }
        }
        MacroShape::Attribute { .. } => MacroShape::Attribute {
            takes_args: cx.takes_args(),
        },
        other => other.clone(),
    };
    let flow = match &info.flow {
        MacroFlow::Normal => MacroFlow::Normal,
        MacroFlow::NoReturn => MacroFlow::NoReturn,
        MacroFlow::Return { value_arg } => MacroFlow::Return {
            value_arg: value_arg.and_then(remap),
        },
        MacroFlow::Goto {
            label_arg,
            value_arg,
        } => match remap(*label_arg) {
            Some(label_arg) => MacroFlow::Goto {
                label_arg,
                value_arg: value_arg.and_then(remap),
            },
            None => MacroFlow::Normal,
        },
    };
    Some((shape, flow))
}

fn is_string_literal(cx: &Context, toks: &[Tok]) -> bool {
    let toks = strip_parens(toks);
    let mut has_string = false;
    for t in toks {
        match t {
            Tok::Str => has_string = true,
            Tok::Ident(name) if cx.param_index(name).is_some() => {}
            Tok::Ident(name)
                if cx
                    .table
                    .lookup(name)
                    .is_some_and(|i| i.shape == MacroShape::StringLiteral) =>
            {
                has_string = true
            }
            _ => return false,
        }
    }
    has_string
}

/// `__attribute__((...))`, `__declspec(...)` and known attribute macros, one after another.
fn is_attribute_list(cx: &Context, toks: &[Tok]) -> bool {
    let mut i = 0;
    while i < toks.len() {
        let Some(name) = toks[i].ident() else {
            return false;
        };
        let takes_args = match name {
            "__attribute__" | "__attribute" | "__declspec" | "__asm__" | "asm" => true,
            _ => match cx.table.lookup(name).map(|info| &info.shape) {
                Some(MacroShape::Attribute { takes_args }) => *takes_args,
                _ => return false,
            },
        };
        i += 1;
        if takes_args && toks.get(i).is_some_and(|t| t.is_punct("(")) {
            match group_end(toks, i) {
                Some(end) => i = end,
                None => return false,
            }
        }
    }
    !toks.is_empty()
}

const DECLARATION_STARTS: &[&str] = &[
    "static", "extern", "struct", "union", "enum", "typedef", "const", "volatile", "void", "char",
    "short", "int", "long", "unsigned", "signed", "float", "double", "_Bool", "bool",
];

/// Parameters used where a type goes: `(T *)x`, `(T)x`, `T name = ...`, `T *name`,
/// `sizeof(T *)`, or a type position of a known type-argument macro.
fn type_params(cx: &Context, toks: &[Tok]) -> Vec<usize> {
    let mut positions = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(p) = t.ident().and_then(|n| cx.param_index(n)) else {
            continue;
        };
        let prev = i.checked_sub(1).map(|j| &toks[j]);
        let next = toks.get(i + 1);
        let after = toks.get(i + 2);
        let after_open =
            prev.is_some_and(|t| t.is_punct("(") || t.is_punct("{") || t.is_punct(";"));
        // `f(T)` and `typeof(T)` are calls or operators whose operand may be an expression.
        let opens_parenthesised = prev.is_some_and(|t| t.is_punct("("))
            && !i.checked_sub(2).is_some_and(|j| match &toks[j] {
                Tok::Ident(word) => word != "return",
                Tok::Punct(p) => p == ")" || p == "]",
                _ => false,
            });
        let cast = opens_parenthesised
            && next.is_some_and(|t| t.is_punct(")"))
            && after.is_some_and(|t| matches!(t, Tok::Ident(_) | Tok::Literal) || t.is_punct("("));
        let pointer_type = after_open
            && next.is_some_and(|t| t.is_punct("*"))
            && after.is_some_and(|t| t.is_punct(")") || t.is_punct("*"));
        let declaration = after_open
            && matches!(next, Some(Tok::Ident(_)))
            && after.is_some_and(|t| t.is_punct("=") || t.is_punct(";"));
        if cast || pointer_type || declaration {
            positions.push(p);
        }
    }
    // Type positions of known macros called in the body.
    for (i, t) in toks.iter().enumerate() {
        let Some(name) = t.ident() else { continue };
        let Some(MacroShape::TypeArguments(known)) = cx.table.lookup(name).map(|m| &m.shape) else {
            continue;
        };
        if !toks.get(i + 1).is_some_and(|t| t.is_punct("(")) {
            continue;
        }
        let Some(end) = group_end(toks, i + 1) else {
            continue;
        };
        let args = split_args(toks, i + 1, end);
        positions.extend(
            known
                .iter()
                .filter_map(|&k| args.get(k))
                .filter_map(|a| cx.sole_param(a)),
        );
    }
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// A loop header waiting for its body: `for (...)`, `while (...)` or a known iterator call,
/// possibly chained with `if (...)` headers (`for (...) if (cond)`), and nothing else.
fn is_loop_header(cx: &Context, toks: &[Tok]) -> bool {
    let mut i = 0;
    let mut has_loop = false;
    while i < toks.len() {
        let Some(word) = toks[i].ident() else {
            return false;
        };
        let is_loop = word == "for"
            || word == "while"
            || (word != cx.def.name
                && cx
                    .table
                    .lookup(word)
                    .is_some_and(|info| info.shape == MacroShape::Iterator));
        if !(is_loop || word == "if") || !toks.get(i + 1).is_some_and(|t| t.is_punct("(")) {
            return false;
        }
        match group_end(toks, i + 1) {
            Some(end) => i = end,
            None => return false,
        }
        has_loop |= is_loop;
    }
    has_loop
}

/// What a definition means to the parser (shape) and to the CFG (flow).
pub(super) fn infer(def: &Definition, table: &MacroTable) -> (MacroShape, MacroFlow) {
    let cx = Context { def, table };
    let toks = tokenize(&def.body);
    if toks.is_empty() {
        return (
            MacroShape::Attribute {
                takes_args: cx.takes_args(),
            },
            MacroFlow::Normal,
        );
    }
    if let Some(shape) = marker_shape(&cx, &toks) {
        return (shape, MacroFlow::Normal);
    }
    let (inner, wrapped) = match strip_do_while_zero(&toks) {
        Some(inner) => (inner, true),
        None => (&toks[..], false),
    };
    if is_loop_header(&cx, &toks) {
        return (MacroShape::Iterator, MacroFlow::Normal);
    }
    // Checked before control flow: a declarer's body may define whole functions, whose
    // `return`s are not the macro's.
    let declaration_start = toks[0].ident().is_some_and(|w| {
        DECLARATION_STARTS.contains(&w)
            || (w != def.name
                && table
                    .lookup(w)
                    .is_some_and(|info| info.shape == MacroShape::Declarer))
    });
    if cx.takes_args() && declaration_start {
        return (MacroShape::Declarer, MacroFlow::Normal);
    }
    let flow = infer_flow(&cx, inner);
    if let Some((shape, inherited_flow)) = inherited(&cx, &toks) {
        let flow = if inherited_flow == MacroFlow::Normal {
            flow
        } else {
            inherited_flow
        };
        return (shape, flow);
    }
    if flow != MacroFlow::Normal {
        return (MacroShape::Statement, flow);
    }
    if is_string_literal(&cx, &toks) {
        return (MacroShape::StringLiteral, flow);
    }
    if is_attribute_list(&cx, &toks) {
        return (
            MacroShape::Attribute {
                takes_args: cx.takes_args(),
            },
            flow,
        );
    }
    let statement = wrapped
        || (toks[0].is_punct("{") && toks.iter().any(|t| t.is_punct(";")))
        || (toks[0].is_ident("if") && group_end(&toks, 1).is_some_and(|end| end < toks.len()))
        || toks[0].is_ident("switch")
        || toks.last().is_some_and(|t| t.is_punct(";"));
    if statement {
        return (MacroShape::Statement, flow);
    }
    let types = type_params(&cx, &toks);
    if !types.is_empty() {
        return (MacroShape::TypeArguments(types), flow);
    }
    (MacroShape::Defined, flow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(name: &str, params: Option<&[&str]>, body: &str) -> Definition {
        Definition {
            line: 1,
            name: name.into(),
            params: params.map(|ps| ps.iter().map(|p| p.to_string()).collect()),
            body: body.into(),
        }
    }

    fn shape_of(params: Option<&[&str]>, body: &str) -> (MacroShape, MacroFlow) {
        infer(&def("M", params, body), &MacroTable::builtin())
    }

    #[test]
    fn tokenizer_keeps_strings_and_punctuation_apart() {
        let toks = tokenize(r#"a->b "x\"y" 'c' 0x1f ... #p ## q"#);
        assert_eq!(
            toks,
            vec![
                Tok::Ident("a".into()),
                Tok::Punct("->".into()),
                Tok::Ident("b".into()),
                Tok::Str,
                Tok::Literal,
                Tok::Literal,
                Tok::Punct("...".into()),
                Tok::Str,
                Tok::Punct("##".into()),
                Tok::Ident("q".into()),
            ]
        );
    }

    #[test]
    fn do_while_zero_is_a_statement() {
        let (shape, flow) = shape_of(Some(&["x"]), "do { foo(x); bar(); } while (0)");
        assert_eq!((shape, flow), (MacroShape::Statement, MacroFlow::Normal));
    }

    #[test]
    fn conditional_return_is_not_a_return() {
        let (shape, flow) = shape_of(Some(&["c", "v"]), "do { if (c) return v; } while (0)");
        assert_eq!((shape, flow), (MacroShape::Statement, MacroFlow::Normal));
    }

    #[test]
    fn return_through_a_local() {
        let body = "do { typeof(rc) __r = (rc); trace(__r); return __r; } while (0)";
        assert_eq!(
            shape_of(Some(&["rc"]), body),
            (
                MacroShape::Statement,
                MacroFlow::Return { value_arg: Some(0) }
            )
        );
    }

    #[test]
    fn goto_with_value_evaluated_first() {
        assert_eq!(
            shape_of(
                Some(&["rc", "label"]),
                "do { (void)(rc); goto label; } while (0)"
            ),
            (
                MacroShape::Statement,
                MacroFlow::Goto {
                    label_arg: 1,
                    value_arg: Some(0)
                }
            )
        );
    }

    #[test]
    fn goto_to_a_fixed_label_is_normal_flow() {
        assert_eq!(shape_of(None, "goto out").1, MacroFlow::Normal);
    }

    #[test]
    fn unconditional_bug_never_returns_but_bug_on_does() {
        assert_eq!(
            shape_of(Some(&[]), "do { dump(); BUG(); } while (0)").1,
            MacroFlow::NoReturn
        );
        assert_eq!(
            shape_of(Some(&["c"]), "do { if (c) BUG(); } while (0)").1,
            MacroFlow::Normal
        );
    }

    #[test]
    fn while_header_is_an_iterator_but_a_complete_loop_is_not() {
        assert_eq!(
            shape_of(Some(&["p"]), "while ((p = next(p)))").0,
            MacroShape::Iterator
        );
        assert_eq!(
            shape_of(Some(&["p"]), "while (p) p = next(p);").0,
            MacroShape::Statement
        );
    }

    #[test]
    fn attribute_built_from_attributes() {
        assert_eq!(
            shape_of(Some(&["a", "b"]), "__attribute__((format(printf, a, b)))").0,
            MacroShape::Attribute { takes_args: true }
        );
        assert_eq!(
            shape_of(None, "__maybe_unused __aligned(8)").0,
            MacroShape::Attribute { takes_args: false }
        );
    }

    #[test]
    fn stringification_is_a_string() {
        assert_eq!(shape_of(Some(&["x"]), "#x").0, MacroShape::StringLiteral);
        assert_eq!(
            shape_of(Some(&["fmt"]), "\"mod: \" fmt").0,
            MacroShape::StringLiteral
        );
        assert_eq!(
            shape_of(None, "\"[\" DFID_NOBRACE \"]\"").0,
            MacroShape::StringLiteral
        );
    }

    #[test]
    fn declarer_from_declaration_keywords() {
        assert_eq!(
            shape_of(Some(&["name"]), "static struct foo name = { 0 }").0,
            MacroShape::Declarer
        );
        // An object-like macro naming a type is not a declarer.
        assert_eq!(shape_of(None, "unsigned long long").0, MacroShape::Defined);
    }

    #[test]
    fn type_parameters_from_casts_and_declarations() {
        let body = "({ type __a = (x); type __b = (y); __a < __b ? __a : __b; })";
        assert_eq!(
            shape_of(Some(&["type", "x", "y"]), body).0,
            MacroShape::TypeArguments(vec![0])
        );
        assert_eq!(
            shape_of(
                Some(&["p", "t", "m"]),
                "((t *)((char *)(p) - offsetof(t, m)))"
            )
            .0,
            MacroShape::TypeArguments(vec![1])
        );
        assert_eq!(
            shape_of(Some(&["v", "t"]), "((t)(v) + 1)").0,
            MacroShape::TypeArguments(vec![1])
        );
    }

    #[test]
    fn plain_expression_is_defined() {
        assert_eq!(
            shape_of(Some(&["a", "b"]), "((a) + (b))"),
            (MacroShape::Defined, MacroFlow::Normal)
        );
    }

    #[test]
    fn loop_header_chains() {
        let guarded = "if ((l)->count > 0) for (e = first(l); e; e = next(e))";
        assert_eq!(shape_of(Some(&["l", "e"]), guarded).0, MacroShape::Iterator);
        let filtered = "list_for_each_entry(pos, head, link) if (cond)";
        assert_eq!(
            shape_of(Some(&["pos", "head", "cond"]), filtered).0,
            MacroShape::Iterator
        );
        // A lone condition is not a loop.
        assert_eq!(shape_of(Some(&["c"]), "if (c)").0, MacroShape::Defined);
    }

    #[test]
    fn braced_initializer_is_not_a_statement() {
        assert_eq!(
            shape_of(None, "{ \"lookup\", \"hit\" }").0,
            MacroShape::Defined
        );
        assert_eq!(shape_of(None, "{ x = 1; }").0, MacroShape::Statement);
    }

    #[test]
    fn declarer_defining_functions_has_no_flow() {
        let body = "EXPORT_SYMBOL(mod##_init); static int mod##_init(void) { return 0; }";
        assert_eq!(
            shape_of(Some(&["mod"]), body),
            (MacroShape::Declarer, MacroFlow::Normal)
        );
    }

    #[test]
    fn typeof_and_calls_do_not_make_types() {
        let body = "({ typeof(x) _a = (x); typeof(y) _b = (y); _a < _b ? _a : _b; })";
        assert_eq!(shape_of(Some(&["x", "y"]), body).0, MacroShape::Defined);
        assert_eq!(
            shape_of(Some(&["f", "v"]), "g(f) (v)").0,
            MacroShape::Defined
        );
    }
}
