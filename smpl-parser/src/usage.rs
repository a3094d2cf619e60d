//! Checks of how a rule's body uses its names, once every rule of the file is parsed:
//! metavariables of the wrong kind for where they stand (errors), metavariables declared and
//! never used, and plain identifiers that look like forgotten metavariables (warnings).
//!
//! spatch warns "should x be a metavariable?" for every lower-case identifier in an
//! expression of the matched code, which fires on most rules that name a real variable. The
//! rule here fires only where a forgotten declaration is likely: the name is a metavariable of
//! another rule of the file, or it is spelled the way metavariables are (one capital letter,
//! digits allowed: `E`, `E2`, `T`). `symbol X;` declares a name as meant literally.

use crate::body::RuleBody;
use crate::diag::Diagnostics;
use crate::model::{MetavarDecl, MetavarKind, Rule};
use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Where each metavariable name is declared in the file: name -> (index, name) of the first
/// rule declaring it.
pub fn declared_names(rules: &[Rule]) -> HashMap<String, (usize, String)> {
    let mut out = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        for m in rule.metavars.iter().filter(|m| m.kind.is_metavariable()) {
            out.entry(m.name.name.clone())
                .or_insert_with(|| (i, rule.name.clone()));
        }
    }
    out
}

/// Runs the checks on the code rule at `index`; `elsewhere` is [`declared_names`] of the file.
pub fn check_rule(
    index: usize,
    rule: &Rule,
    elsewhere: &HashMap<String, (usize, String)>,
    file: usize,
    diags: &mut Diagnostics,
) {
    let Some(body) = rule.body() else { return };
    let mut warned: HashSet<String> = HashSet::new();
    // The pattern's tokens, then the added ones: each with its metavariable, if any.
    let minus = body.minus.tree();
    let plus = body.plus.tree();
    let pattern = tokens(&minus).filter_map(|tok| {
        let pt = body.pattern_token(&tok)?;
        Some((tok, pt.file_offset, pt.len, pt.metavar))
    });
    let added = tokens(&plus).filter_map(|tok| {
        let pt = body.plus_token(&tok).filter(|t| t.added)?;
        Some((tok, pt.file_offset, pt.len, pt.metavar))
    });
    for (tok, offset, len, metavar) in pattern.chain(added) {
        let range = offset..offset + len;
        match metavar {
            Some(i) => check_kind(&rule.metavars[i], &tok, range, file, diags),
            None => undeclared(
                index,
                rule,
                &tok,
                range,
                elsewhere,
                &mut warned,
                file,
                diags,
            ),
        }
    }
    unused(rule, body, file, diags);
}

fn tokens(root: &SyntaxNode) -> impl Iterator<Item = SyntaxToken> {
    root.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() == SyntaxKind::IDENT)
}

/// The name is a plain identifier standing for a value: an operand, an argument, a returned
/// or assigned value (not a called function, a field, a declared name or a type). The term
/// of a `when` clause counts only with `with_when`: it may be a statement as well.
fn in_expression_position(tok: &SyntaxToken, with_when: bool) -> bool {
    use SyntaxKind::*;
    let Some(name_ref) = tok.parent().filter(|p| p.kind() == NAME_REF) else {
        return false;
    };
    let Some(parent) = name_ref.parent() else {
        return false;
    };
    let first_child = parent.first_child().is_some_and(|c| c == name_ref);
    let last_child = parent.last_child().is_some_and(|c| c == name_ref);
    match parent.kind() {
        ARG_LIST | BIN_EXPR | ASSIGN_EXPR | PREFIX_EXPR | POSTFIX_EXPR | PAREN_EXPR
        | INDEX_EXPR | COND_EXPR | COMMA_EXPR | RETURN_STMT | EXPR_STMT | INIT_DECLARATOR
        | DISJ_BRANCH => true,
        WHEN_CLAUSE => with_when,
        FIELD_EXPR => first_child,
        CAST_EXPR => last_child,
        _ => false,
    }
}

/// Kinds that can never stand for a value.
fn never_an_expression(kind: &MetavarKind) -> bool {
    matches!(
        kind,
        MetavarKind::Statement
            | MetavarKind::StatementList(_)
            | MetavarKind::Declaration
            | MetavarKind::Field
            | MetavarKind::FieldList(_)
            | MetavarKind::Parameter
            | MetavarKind::ParameterList(_)
            | MetavarKind::Position { .. }
            | MetavarKind::Comments
    )
}

fn check_kind(
    m: &MetavarDecl,
    tok: &SyntaxToken,
    range: Range<usize>,
    file: usize,
    diags: &mut Diagnostics,
) {
    if !never_an_expression(&m.kind) || !in_expression_position(tok, false) {
        return;
    }
    let kind = m.kind.describe();
    let hint = match &m.kind {
        MetavarKind::Position { .. } | MetavarKind::Comments => format!(
            "a {kind} metavariable is attached to a token, as in `f@{}(...)`",
            m.name.name
        ),
        _ => format!(
            "a {kind} metavariable cannot stand for an expression; to match one, declare \
             `expression {};`",
            m.name.name
        ),
    };
    diags.error_with_hint(
        file,
        range,
        format!(
            "`{}` is declared as a {kind} metavariable but is used as an expression",
            m.name.name
        ),
        hint,
    );
}

/// One capital letter, digits allowed: how metavariables are conventionally named.
fn looks_like_a_metavariable(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_digit())
}

#[allow(clippy::too_many_arguments)]
fn undeclared(
    index: usize,
    rule: &Rule,
    tok: &SyntaxToken,
    range: Range<usize>,
    elsewhere: &HashMap<String, (usize, String)>,
    warned: &mut HashSet<String>,
    file: usize,
    diags: &mut Diagnostics,
) {
    let name = tok.text();
    // Declared in this rule under some other role (`symbol`, `typedef`, ...): meant as is.
    if rule.metavars.iter().any(|m| m.name.name == name) {
        return;
    }
    // A metavariable of another rule is suspect where a value stands; one of an earlier rule
    // wherever it stands (a called function, a field: a forgotten `identifier r.f;`). A
    // capital letter only where a value stands.
    let value = in_expression_position(tok, true);
    let of_other_rule = elsewhere
        .get(name)
        .filter(|(i, _)| *i != index && (value || *i < index))
        .map(|(_, other)| other);
    let hint = match of_other_rule {
        Some(other) => format!(
            "`{name}` is a metavariable of rule `{other}`: declare it in this rule too, or \
             inherit it as `{other}.{name}`; `symbol {name};` says the identifier is meant"
        ),
        None if looks_like_a_metavariable(name) && value => {
            format!(
                "`{name}` is not declared in this rule, so it matches only an identifier \
                 spelled `{name}`; declare it (`expression {name};`), or write \
                 `symbol {name};` if that is meant"
            )
        }
        None => return,
    };
    if warned.insert(name.to_string()) {
        diags.warning_with_hint(
            file,
            range,
            format!("should `{name}` be a metavariable?"),
            hint,
        );
    }
}

/// The words of a text, as C identifiers.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Names a constraint, a type or a list length of another declaration refers to
/// (`T *E;` uses `T`).
fn referenced_by_declarations(metavars: &[MetavarDecl]) -> HashSet<String> {
    use crate::model::{Constraint, FreshSeed, ListLen, SeedPart};
    let mut out = HashSet::new();
    for m in metavars {
        let types = match &m.kind {
            MetavarKind::Expression { types, .. }
            | MetavarKind::IdExpression { types, .. }
            | MetavarKind::Constant { types } => types.as_slice(),
            _ => &[],
        };
        for t in types {
            out.extend(words(t).map(str::to_string));
        }
    }
    let add_values = |values: &[String], out: &mut HashSet<String>| {
        for v in values {
            out.extend(words(v).map(str::to_string));
        }
    };
    for m in metavars {
        for c in &m.constraints {
            match c {
                Constraint::Compare { values, .. } | Constraint::SubTermOf(values) => {
                    add_values(values, &mut out)
                }
                Constraint::Script(s) => out.extend(s.params.iter().map(|p| p.name.clone())),
                _ => {}
            }
        }
        match &m.kind {
            MetavarKind::FreshIdentifier(Some(FreshSeed::Concat(parts))) => {
                for p in parts {
                    if let SeedPart::Meta(n) = p {
                        out.insert(n.name.clone());
                    }
                }
            }
            MetavarKind::FreshIdentifier(Some(FreshSeed::Script(s))) => {
                out.extend(s.params.iter().map(|p| p.name.clone()));
            }
            _ => {}
        }
        if let Some(ListLen::Named(n) | ListLen::NamedConstrained { name: n, .. }) =
            m.kind.list_len()
        {
            out.insert(n.name.clone());
        }
    }
    out
}

fn unused(rule: &Rule, body: &RuleBody, file: usize, diags: &mut Diagnostics) {
    let mut in_pattern: HashSet<usize> = HashSet::new();
    for t in &body.tokens {
        in_pattern.extend(t.metavar);
        in_pattern.extend(t.attached.iter().copied());
    }
    in_pattern.extend(body.define.iter().flat_map(|d| d.metavars()));
    let mut in_plus: HashSet<usize> = body
        .plus_tokens
        .iter()
        .filter(|t| t.added)
        .filter_map(|t| t.metavar)
        .collect();
    let referenced = referenced_by_declarations(&rule.metavars);
    // Directives are single tokens (`#define x (E)`): their words may be metavariables.
    let directive_words = |text: &str, offset: usize, len: usize| -> Vec<String> {
        words(&text[offset..offset + len])
            .map(str::to_string)
            .collect()
    };
    let mut in_directives: HashSet<String> = HashSet::new();
    for t in body
        .tokens
        .iter()
        .filter(|t| t.kind == SyntaxKind::DIRECTIVE)
    {
        in_directives.extend(directive_words(&body.minus.text, t.offset, t.len));
    }
    let mut in_plus_directives: HashSet<String> = HashSet::new();
    for t in body.plus_tokens.iter() {
        if t.added && t.kind == SyntaxKind::DIRECTIVE {
            in_plus_directives.extend(directive_words(&body.plus.text, t.offset, t.len));
        }
    }
    // `"%@d@"`: format metavariables are used inside string literals.
    let in_strings = |name: &str| {
        let needle = format!("@{name}@");
        body.minus.text.contains(&needle) || body.plus.text.contains(&needle)
    };
    for (i, m) in rule.metavars.iter().enumerate() {
        let name = &m.name.name;
        if in_directives.contains(name) {
            in_pattern.insert(i);
        }
        if in_plus_directives.contains(name) {
            in_plus.insert(i);
        }
        // Declarations an `extends` brought in lie before this rule's own.
        let declared_here = m.span.start >= rule.span.start;
        if !m.kind.is_metavariable() || !declared_here || referenced.contains(name) {
            continue;
        }
        if matches!(m.kind, MetavarKind::Format | MetavarKind::FormatList(_)) && in_strings(name) {
            continue;
        }
        let span = m.span.clone();
        if matches!(m.kind, MetavarKind::FreshIdentifier(_)) {
            if !in_plus.contains(&i) {
                diags.warning(
                    file,
                    span,
                    format!("fresh identifier `{name}` is not used in added code"),
                );
            }
        } else if m.name.rule.is_some() {
            // Inherited (or bound by `-D`): even unused, it makes the rule run once per
            // value the other rule found.
        } else if !in_pattern.contains(&i) && in_plus.contains(&i) {
            diags.error_with_hint(
                file,
                span,
                format!("metavariable `{name}` is used only in added code"),
                "a metavariable gets its value from the matched code: use it in a `-` or \
                 context line too, or inherit it from an earlier rule",
            );
        } else if !in_pattern.contains(&i) {
            diags.warning(
                file,
                span,
                format!("metavariable `{name}` is not used in the `-` or context code"),
            );
        }
    }
}
