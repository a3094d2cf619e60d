//! Rule headers: `@ name extends r depends on ... using "x.iso" disable a, b exists type @`,
//! `@script:python name depends on ...@`, `@initialize:python@`, `@finalize:ocaml@`.

use crate::cursor::{Cursor, PResult};
use crate::lexer::TokKind;
use crate::model::{Dependency, HeaderKind, Quantifier, RuleHeader, RuleKind, ScriptPhase};

const CLAUSE_WORDS: &[&str] = &[
    "depends",
    "extends",
    "using",
    "disable",
    "exists",
    "forall",
    "expression",
    "identifier",
    "type",
];

/// A rule name and where it is written.
pub type NamedAt = (String, std::ops::Range<usize>);

/// Parses the tokens between the opening and closing `@` of a header. Returns the header and
/// the rule name if one was given.
pub fn parse_header(c: &mut Cursor) -> PResult<(RuleHeader, Option<NamedAt>)> {
    let mut header = RuleHeader::default();
    let phase = match c.peek_text() {
        "script" => Some(ScriptPhase::Script),
        "initialize" => Some(ScriptPhase::Initialize),
        "finalize" => Some(ScriptPhase::Finalize),
        _ => None,
    };
    if let Some(phase) = phase.filter(|_| c.nth_text(1) == ":") {
        c.bump();
        c.bump();
        let (language, _) = c.ident("a script language (`python` or `ocaml`)")?;
        header.kind = HeaderKind::Script { phase, language };
    }
    let mut name = None;
    if c.nth_kind(0) == Some(TokKind::Ident) && !CLAUSE_WORDS.contains(&c.peek_text()) {
        name = Some(c.ident("a rule name")?);
    }
    while !c.at_end() {
        match c.peek_text() {
            "extends" => {
                c.bump();
                header.extends = Some(c.ident("the name of the rule to extend")?.0);
            }
            "depends" => {
                c.bump();
                c.expect("on")?;
                if c.eat("exists") {
                    header.depends_scope = Some(Quantifier::Exists);
                } else if c.eat("forall") {
                    header.depends_scope = Some(Quantifier::Forall);
                }
                header.depends = Some(parse_or(c, 0)?);
            }
            "using" => {
                c.bump();
                header
                    .isos
                    .push(c.string("an isomorphism file name in quotes")?);
                while c.eat(",") {
                    header
                        .isos
                        .push(c.string("an isomorphism file name in quotes")?);
                }
            }
            "disable" => {
                c.bump();
                header.disabled_isos.push(c.ident("an isomorphism name")?.0);
                while c.eat(",") {
                    header.disabled_isos.push(c.ident("an isomorphism name")?.0);
                }
            }
            "exists" => {
                c.bump();
                header.quantifier = Some(Quantifier::Exists);
            }
            "forall" => {
                c.bump();
                header.quantifier = Some(Quantifier::Forall);
            }
            "expression" | "identifier" | "type" => {
                let kind = match c.peek_text() {
                    "expression" => RuleKind::Expression,
                    "identifier" => RuleKind::Identifier,
                    _ => RuleKind::Type,
                };
                c.bump();
                header.rule_kind = Some(kind);
            }
            _ => {
                return c.fail(
                    "expected `depends on`, `extends`, `using`, `disable`, `exists`, `forall` \
                     or a rule kind in the rule header",
                )
            }
        }
    }
    Ok((header, name))
}

/// Nesting limit for parenthesised dependencies, so hostile input cannot overflow the stack.
const MAX_DEPTH: usize = 200;

fn parse_or(c: &mut Cursor, depth: usize) -> PResult<Dependency> {
    let mut terms = vec![parse_and(c, depth)?];
    while c.eat("||") {
        terms.push(parse_and(c, depth)?);
    }
    Ok(balanced(terms, Dependency::Or))
}

fn parse_and(c: &mut Cursor, depth: usize) -> PResult<Dependency> {
    let mut terms = vec![parse_unary(c, depth)?];
    while c.eat("&&") {
        terms.push(parse_unary(c, depth)?);
    }
    Ok(balanced(terms, Dependency::And))
}

/// `&&` and `||` are associative, so a chain of terms becomes a balanced tree: whoever walks
/// it recursively (evaluation, dropping) goes only log(n) deep, even for `a && a && ...` of
/// tens of thousands of terms.
fn balanced(
    mut terms: Vec<Dependency>,
    join: fn(Box<Dependency>, Box<Dependency>) -> Dependency,
) -> Dependency {
    // Pairwise rounds keep the terms in order: ((a b) (c d)) (e).
    while terms.len() > 1 {
        let mut next = Vec::with_capacity(terms.len().div_ceil(2));
        let mut it = terms.into_iter();
        while let Some(left) = it.next() {
            match it.next() {
                Some(right) => next.push(join(Box::new(left), Box::new(right))),
                None => next.push(left),
            }
        }
        terms = next;
    }
    // Never empty: a chain has a first term and each round keeps at least one.
    terms.swap_remove(0)
}

fn parse_unary(c: &mut Cursor, depth: usize) -> PResult<Dependency> {
    if depth > MAX_DEPTH {
        return c.fail("dependency nested too deeply");
    }
    if c.eat("!") {
        return Ok(Dependency::Not(Box::new(parse_unary(c, depth + 1)?)));
    }
    if c.eat("(") {
        let inner = parse_or(c, depth + 1)?;
        c.expect(")")?;
        return Ok(inner);
    }
    let follows_name = c.nth_kind(1) == Some(TokKind::Ident);
    match c.peek_text() {
        "ever" if follows_name => {
            c.bump();
            Ok(Dependency::Ever(c.ident("a rule name after `ever`")?.0))
        }
        "never" if follows_name => {
            c.bump();
            Ok(Dependency::Never(c.ident("a rule name after `never`")?.0))
        }
        "file" if c.nth_text(1) == "in" => {
            c.bump();
            c.bump();
            Ok(Dependency::FileIn(
                c.string("a file name in quotes after `file in`")?,
            ))
        }
        _ => Ok(Dependency::Rule(
            c.ident("a rule name in the dependency")?.0,
        )),
    }
}
