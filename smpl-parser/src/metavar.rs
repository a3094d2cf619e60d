//! Metavariable declarations (between the header and `@@`) and script bindings.

use crate::cursor::{unquote, Cursor, PResult, Stop};
use crate::lexer::TokKind;
use crate::model::{
    Constraint, FreshSeed, IdScope, ListLen, MetaName, MetavarDecl, MetavarKind, ScriptBinding,
    SeedPart,
};

mod constraints;
mod ctypes;

use constraints::{compare_values, constraints, script_constraint};
use ctypes::{ctypes_then_array, optional_ctypes};

/// Words that may start a C type in a typed metavariable declaration (`unsigned long E;`).
const TYPE_WORDS: &[&str] = &[
    "void",
    "char",
    "short",
    "int",
    "long",
    "float",
    "double",
    "signed",
    "unsigned",
    "size_t",
    "ssize_t",
    "ptrdiff_t",
    "complex",
    "_Bool",
    "bool",
    "const",
    "volatile",
];

/// Parses declarations until the end of the cursor; errors are reported and the declaration
/// skipped so that several mistakes show at once.
pub fn parse_metadecls(c: &mut Cursor) -> Vec<MetavarDecl> {
    let mut out = Vec::new();
    while !c.at_end() {
        let start = c.pos;
        if parse_one(c, &mut out).is_err() {
            if c.pos == start {
                c.bump();
            }
            c.recover_to_semicolon();
        }
    }
    declare_implied_inheritance(&mut out);
    declare_list_lengths(&mut out);
    out
}

/// `expression list[n] es;` declares `n` (or names an earlier rule's `r.n`): the length the
/// list matched is bound to it, so that other lists must have as many elements.
fn declare_list_lengths(decls: &mut Vec<MetavarDecl>) {
    let mut lengths: Vec<MetavarDecl> = Vec::new();
    for d in decls.iter() {
        let Some(ListLen::Named(name) | ListLen::NamedConstrained { name, .. }) = d.kind.list_len()
        else {
            continue;
        };
        let declared = |m: &MetavarDecl| m.name == *name;
        if !decls.iter().any(declared) && !lengths.iter().any(declared) {
            lengths.push(MetavarDecl {
                name: name.clone(),
                kind: MetavarKind::ListLength,
                constraints: Vec::new(),
                span: d.span.clone(),
                implied: true,
            });
        }
    }
    decls.extend(lengths);
}

/// Another rule's metavariable named in a declaration is inherited without being declared
/// (the manual's "immediately usable"): a type (`r.T *x;`, after which the word is `T`, as
/// in the body), a part of a fresh identifier's seed (`= "new_" ## r.f`) or a position or
/// type another is compared with (`p != r.q`, `T = {r1.T, r2.T}`).
fn declare_implied_inheritance(decls: &mut Vec<MetavarDecl>) {
    let mut implied: Vec<MetavarDecl> = Vec::new();
    let mut imply = |name: MetaName, kind: MetavarKind, span: &std::ops::Range<usize>| {
        if !implied.iter().any(|m| m.name == name) {
            implied.push(MetavarDecl {
                name,
                kind,
                constraints: Vec::new(),
                span: span.clone(),
                implied: true,
            });
        }
    };
    for d in decls.iter_mut() {
        let span = d.span.clone();
        // `position p != r.q;`, `type T = {r1.T, r2.T};`, `binary operator b = r.b;`:
        // compared with another rule's metavariable of the same kind.
        if !matches!(d.kind, MetavarKind::FreshIdentifier(_)) {
            for c in flat_constraints(&d.constraints) {
                if let Constraint::Compare { values, .. } = c {
                    let words = values.iter().flat_map(|v| v.split(' '));
                    for (rule, name) in words.filter_map(|w| w.split_once('.')) {
                        if is_name(rule) && is_name(name) && rule != "virtual" {
                            let name = MetaName {
                                rule: Some(rule.to_string()),
                                name: name.to_string(),
                            };
                            imply(name, d.kind.clone(), &span);
                        }
                    }
                }
            }
        }
        let types = match &mut d.kind {
            MetavarKind::Expression { types, .. }
            | MetavarKind::IdExpression { types, .. }
            | MetavarKind::Constant { types } => types,
            MetavarKind::FreshIdentifier(Some(FreshSeed::Concat(parts))) => {
                for part in parts.iter() {
                    if let SeedPart::Meta(name) = part {
                        if name.rule.as_deref().is_some_and(|r| r != "virtual") {
                            imply(name.clone(), MetavarKind::Metavariable, &span);
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        for t in types.iter_mut() {
            let words: Vec<String> = t
                .split(' ')
                .map(|w| match w.split_once('.') {
                    Some((rule, name)) if is_name(rule) && is_name(name) => {
                        let name = MetaName {
                            rule: Some(rule.to_string()),
                            name: name.to_string(),
                        };
                        imply(name.clone(), MetavarKind::Type, &span);
                        name.name
                    }
                    _ => w.to_string(),
                })
                .collect();
            *t = words.join(" ");
        }
    }
    implied.retain(|m| !decls.iter().any(|d| d.name == m.name));
    decls.extend(implied);
}

/// Constraints with the alternatives of `c1 || c2` spread out.
fn flat_constraints(constraints: &[Constraint]) -> Vec<&Constraint> {
    let mut out = Vec::new();
    for c in constraints {
        match c {
            Constraint::Any(cs) => out.extend(flat_constraints(cs)),
            c => out.push(c),
        }
    }
    out
}

fn is_name(s: &str) -> bool {
    s.starts_with(|ch: char| ch.is_ascii_alphabetic() || ch == '_')
        && s.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
}

fn parse_one(c: &mut Cursor, out: &mut Vec<MetavarDecl>) -> PResult<()> {
    if (c.peek_text(), c.nth_text(1)) == ("fresh", "identifier") {
        c.bump();
        c.bump();
        return names_with_seeds(c, out);
    }
    let kind = match keyword_kind(c)? {
        Some(kind) => kind,
        None => {
            // `T E;`, `struct foo *E;`, `{int, long} E;`, `r.T x;`: a typed expression.
            let (types, array) = ctypes_then_array(c)?;
            if types.is_empty() {
                return c.fail_hint(
                    "expected a metavariable declaration",
                    "declarations start with a kind such as `expression`, `identifier`, \
                     `type`, `statement`, `position`, or with a C type",
                );
            }
            MetavarKind::Expression { types, array }
        }
    };
    names_with_constraints(c, kind, out)
}

/// The kind of a declaration that starts with one word naming it.
fn one_word_kind(word: &str) -> Option<MetavarKind> {
    Some(match word {
        "metavariable" => MetavarKind::Metavariable,
        "type" => MetavarKind::Type,
        "declaration" => MetavarKind::Declaration,
        "symbol" => MetavarKind::Symbol,
        "pragmainfo" => MetavarKind::PragmaInfo,
        "typedef" => MetavarKind::Typedef,
        _ => return None,
    })
}

/// How a list kind is made from its length (`MetavarKind::FieldList`...).
type ListKind = fn(ListLen) -> MetavarKind;

/// The kinds, one and list, of a declaration word that `list` may follow.
fn listable_kinds(word: &str) -> Option<(MetavarKind, ListKind)> {
    Some(match word {
        "field" => (MetavarKind::Field, MetavarKind::FieldList),
        "parameter" => (MetavarKind::Parameter, MetavarKind::ParameterList),
        "initializer" | "initialiser" => (MetavarKind::Initializer, MetavarKind::InitializerList),
        "format" => (MetavarKind::Format, MetavarKind::FormatList),
        "statement" => (MetavarKind::Statement, MetavarKind::StatementList),
        _ => return None,
    })
}

/// The kind the declaration's leading keywords give (consumed), or `None` when it starts
/// with a C type.
fn keyword_kind(c: &mut Cursor) -> PResult<Option<MetavarKind>> {
    let word = c.peek_text();
    let next = c.nth_text(1);
    if let Some(kind) = one_word_kind(word) {
        c.bump();
        return Ok(Some(kind));
    }
    if let Some((single, list)) = listable_kinds(word) {
        c.bump();
        return listable(c, single, list);
    }
    Ok(match (word, next) {
        ("identifier", _) => {
            c.bump();
            if c.at("list") && !at_name_start(c) {
                Some(MetavarKind::IdentifierList(list_len(c)?))
            } else {
                Some(MetavarKind::Identifier)
            }
        }
        ("comments", _) if at_name_start_after(c, 1) => {
            c.bump();
            Some(MetavarKind::Comments)
        }
        ("local" | "global", "idexpression") | ("idexpression", _) => {
            let scope = match word {
                "local" => IdScope::Local,
                "global" => IdScope::Global,
                _ => IdScope::Any,
            };
            if word != "idexpression" {
                c.bump();
            }
            c.bump();
            let types = optional_ctypes(c)?.0;
            Some(MetavarKind::IdExpression { scope, types })
        }
        ("local", "function") | ("function", _) => {
            let local = word == "local";
            if local {
                c.bump();
            }
            c.bump();
            Some(MetavarKind::Function { local })
        }
        ("expression", _) => {
            c.bump();
            if c.at("list") && !at_name_start(c) {
                Some(MetavarKind::ExpressionList(list_len(c)?))
            } else {
                let (types, array) = optional_ctypes(c)?;
                Some(MetavarKind::Expression { types, array })
            }
        }
        ("constant", _) => {
            c.bump();
            // `constant char [] c;`: a constant of array type (a string).
            let (types, array) = optional_ctypes(c)?;
            let types = if array {
                types.into_iter().map(|t| format!("{t} []")).collect()
            } else {
                types
            };
            Some(MetavarKind::Constant { types })
        }
        ("binary" | "assignment" | "unary", "operator") => {
            let kind = match word {
                "binary" => MetavarKind::BinaryOperator,
                "assignment" => MetavarKind::AssignmentOperator,
                _ => MetavarKind::UnaryOperator,
            };
            c.bump();
            c.bump();
            Some(kind)
        }
        ("position", _) => {
            c.bump();
            let any = c.eat("any");
            Some(MetavarKind::Position { any })
        }
        ("attribute" | "declarer" | "iterator", _) => {
            c.bump();
            let named = c.at("name") && !at_name_start(c);
            if named {
                c.bump();
            }
            Some(match (word, named) {
                ("attribute", true) => MetavarKind::AttributeName,
                ("attribute", false) => MetavarKind::Attribute,
                ("declarer", true) => MetavarKind::DeclarerName,
                ("declarer", false) => MetavarKind::Declarer,
                ("iterator", true) => MetavarKind::IteratorName,
                _ => MetavarKind::Iterator,
            })
        }
        _ => None,
    })
}

fn listable(c: &mut Cursor, single: MetavarKind, list: ListKind) -> PResult<Option<MetavarKind>> {
    if c.at("list") && !at_name_start(c) {
        Ok(Some(list(list_len(c)?)))
    } else {
        Ok(Some(single))
    }
}

/// `list`, `list[n]`, `list[3]`; the cursor is at `list`.
fn list_len(c: &mut Cursor) -> PResult<ListLen> {
    c.expect("list")?;
    if !c.eat("[") {
        return Ok(ListLen::Any);
    }
    let len = if c.nth_kind(0) == Some(TokKind::Int) {
        let text = c.peek_text();
        match text.parse::<u64>() {
            Ok(n) => {
                c.bump();
                ListLen::Fixed(n)
            }
            Err(_) => return c.fail("expected a list length"),
        }
    } else {
        let name = meta_name(c)?.0;
        if c.eat("=") {
            let values = compare_values(c)?;
            ListLen::NamedConstrained { name, values }
        } else {
            ListLen::Named(name)
        }
    };
    c.expect("]")?;
    Ok(len)
}

/// Whether the token `n` ahead starts a declared name (`comments c;` is a declaration of
/// kind `comments`, `comments;` one of a typed expression named `comments`).
fn at_name_start_after(c: &Cursor, n: usize) -> bool {
    let mut i = c.pos + n;
    if c.toks.get(i).map(|t| t.kind) != Some(TokKind::Ident) {
        return false;
    }
    if c.toks.get(i + 1).is_some_and(|t| t.text(c.src) == ".") {
        i += 2;
    }
    let next = c.toks.get(i + 1).map(|t| t.text(c.src));
    matches!(next, Some("," | ";" | "=" | "!=" | "=~" | "!~"))
}

/// True when the cursor is at a metavariable name being declared: `x` or `r.x` followed by
/// what may follow a declared name.
fn at_name_start(c: &Cursor) -> bool {
    if c.nth_kind(0) != Some(TokKind::Ident) {
        return false;
    }
    let after = if c.nth_text(1) == "." && c.nth_kind(2) == Some(TokKind::Ident) {
        3
    } else {
        1
    };
    match c.nth_text(after) {
        "," | ";" | "=" | "!=" | "=~" | "!~" | "<=" | "" => true,
        // `x : script:python(...) {...}`, as opposed to a bit-field type `T:b x`.
        ":" => c.nth_text(after + 1) == "script",
        _ => false,
    }
}

pub fn meta_name(c: &mut Cursor) -> PResult<(MetaName, std::ops::Range<usize>)> {
    let (first, r1) = c.ident("a metavariable name")?;
    if c.at(".") && c.nth_kind(1) == Some(TokKind::Ident) {
        c.bump();
        let (second, r2) = c.ident("a metavariable name")?;
        return Ok((
            MetaName {
                rule: Some(first),
                name: second,
            },
            r1.start..r2.end,
        ));
    }
    Ok((
        MetaName {
            rule: None,
            name: first,
        },
        r1,
    ))
}

fn names_with_constraints(
    c: &mut Cursor,
    kind: MetavarKind,
    out: &mut Vec<MetavarDecl>,
) -> PResult<()> {
    loop {
        let (name, span) = meta_name(c)?;
        let constraints = constraints(c)?;
        out.push(MetavarDecl {
            name,
            kind: kind.clone(),
            constraints,
            span,
            implied: false,
        });
        if c.eat(",") {
            continue;
        }
        if c.eat(";") {
            return Ok(());
        }
        return c.fail("expected `,` or `;` after a metavariable name");
    }
}

fn names_with_seeds(c: &mut Cursor, out: &mut Vec<MetavarDecl>) -> PResult<()> {
    loop {
        let (name, span) = meta_name(c)?;
        let seed = if c.eat("=") {
            if c.at("script") {
                Some(FreshSeed::Script(script_constraint(c)?))
            } else {
                let mut parts = vec![seed_part(c)?];
                while c.eat("##") {
                    parts.push(seed_part(c)?);
                }
                Some(FreshSeed::Concat(parts))
            }
        } else {
            None
        };
        out.push(MetavarDecl {
            name,
            kind: MetavarKind::FreshIdentifier(seed),
            constraints: Vec::new(),
            span,
            implied: false,
        });
        if c.eat(",") {
            continue;
        }
        if c.eat(";") {
            return Ok(());
        }
        return c.fail("expected `,` or `;` after a fresh identifier");
    }
}

fn seed_part(c: &mut Cursor) -> PResult<SeedPart> {
    match c.nth_kind(0) {
        Some(TokKind::Str) => Ok(SeedPart::Str(c.string("a string")?)),
        Some(TokKind::Ident) => Ok(SeedPart::Meta(meta_name(c)?.0)),
        _ => c.fail("expected a string or a metavariable in the fresh identifier seed"),
    }
}

/// Script rule bindings: `x << r.y;`, `x << r.y = "d";`, `x << r.p = [];`,
/// `(s, ast) << r.y;`, `x;`.
pub fn parse_script_bindings(c: &mut Cursor) -> Vec<ScriptBinding> {
    let mut out = Vec::new();
    while !c.at_end() {
        let start = c.pos;
        match script_binding(c) {
            Ok(b) => out.push(b),
            Err(Stop) => {
                if c.pos == start {
                    c.bump();
                }
                c.recover_to_semicolon();
            }
        }
    }
    out
}

fn script_binding(c: &mut Cursor) -> PResult<ScriptBinding> {
    let start = c.here().start;
    let mut locals = Vec::new();
    if c.eat("(") {
        loop {
            locals.push(c.ident("a script variable name")?.0);
            if c.eat(",") {
                continue;
            }
            c.expect(")")?;
            break;
        }
    } else {
        locals.push(c.ident("a script variable name")?.0);
    }
    let mut source = None;
    let mut default = None;
    if c.eat("<<") {
        source = Some(meta_name(c)?.0);
        if c.eat("=") {
            if c.nth_kind(0) == Some(TokKind::Str) {
                let raw = c
                    .peek()
                    .map(|t| t.text(c.src).to_string())
                    .unwrap_or_default();
                c.bump();
                default = Some(format!("\"{}\"", unquote(&raw)));
            } else if c.at("[") && c.nth_text(1) == "]" {
                c.bump();
                c.bump();
                default = Some("[]".into());
            } else {
                return c.fail("expected a default value: a string or `[]`");
            }
        }
    }
    let end = c.expect(";")?.range.end;
    Ok(ScriptBinding {
        locals,
        source,
        default,
        span: start..end,
    })
}
