//! Words for what the matcher and the engine report: missing names, false dependencies,
//! constraints, metavariable kinds and C constructs.

use matcher::prefilter::Requirement;
use smpl_parser::{Constraint, Dependency, MetavarKind};
use std::collections::HashSet;

/// The part of a requirement a text does not meet: `` `foo` `` or
/// ``any of `a`, `b` `` (alternatives all missing), joined with "and".
pub fn missing_names(req: &Requirement, text: &str) -> String {
    let mut parts = Vec::new();
    missing_parts(req, text, &mut parts);
    parts.join(" and ")
}

fn missing_parts(req: &Requirement, text: &str, out: &mut Vec<String>) {
    if req.holds_in_text(text) {
        return;
    }
    match req {
        Requirement::True => {}
        Requirement::Ident(name) => out.push(format!("`{name}`")),
        Requirement::And(parts) => {
            for p in parts {
                missing_parts(p, text, out);
            }
        }
        Requirement::Or(parts) => {
            let mut names = Vec::new();
            for p in parts {
                missing_parts(p, text, &mut names);
            }
            out.push(format!("any of {}", names.join(", ")));
        }
    }
}

/// A `depends on` expression as written.
pub fn dependency(d: &Dependency) -> String {
    let inner = |d: &Dependency| match d {
        Dependency::And(..) | Dependency::Or(..) => format!("({})", dependency(d)),
        _ => dependency(d),
    };
    match d {
        Dependency::Rule(n) => n.clone(),
        Dependency::Not(d) => format!("!{}", inner(d)),
        Dependency::Ever(n) => format!("ever {n}"),
        Dependency::Never(n) => format!("never {n}"),
        Dependency::And(a, b) => format!("{} && {}", inner(a), inner(b)),
        Dependency::Or(a, b) => format!("{} || {}", inner(a), inner(b)),
        Dependency::FileIn(f) => format!("file in \"{f}\""),
    }
}

/// What the atoms of a `depends on` are for one file.
struct Truth<'a> {
    /// Whether the rule (or `-D` name) holds.
    rule: &'a dyn Fn(&str) -> bool,
    /// Whether `file in "p"` holds.
    file_in: &'a dyn Fn(&str) -> bool,
}

/// Why a dependency is false, atom by atom: ``depends on `a && !b`: `a` did not match``.
/// A dependency true of the file as a whole was false for every inherited environment.
pub fn false_dependency(
    dep: &Dependency,
    matched: &[&str],
    defines: &HashSet<String>,
    file_in: &dyn Fn(&str) -> bool,
) -> String {
    let rule = |name: &str| defines.contains(name) || matched.contains(&name);
    let truth = Truth {
        rule: &rule,
        file_in,
    };
    let mut reasons = Vec::new();
    if value(dep, &truth) {
        return format!(
            "`depends on {}` holds in the file, but not for any environment inherited \
             (the rules it names matched with other values)",
            dependency(dep)
        );
    }
    why_false(dep, defines, &truth, &mut reasons);
    format!(
        "`depends on {}` is false: {}",
        dependency(dep),
        reasons.join("; ")
    )
}

fn value(d: &Dependency, truth: &Truth) -> bool {
    match d {
        Dependency::Rule(n) | Dependency::Ever(n) => (truth.rule)(n),
        Dependency::Never(n) => !(truth.rule)(n),
        Dependency::Not(d) => !value(d, truth),
        Dependency::And(a, b) => value(a, truth) && value(b, truth),
        Dependency::Or(a, b) => value(a, truth) || value(b, truth),
        Dependency::FileIn(place) => (truth.file_in)(place),
    }
}

/// The atoms that make `d` false (`d` is false).
fn why_false(d: &Dependency, defines: &HashSet<String>, truth: &Truth, out: &mut Vec<String>) {
    let atom = |name: &str, matched: bool| {
        let virtual_rule = defines.contains(name);
        match (matched, virtual_rule) {
            (true, true) => format!("`{name}` is given with -D"),
            (true, false) => format!("rule `{name}` matched"),
            (false, _) => format!("`{name}` did not match (and is not given with -D)"),
        }
    };
    match d {
        Dependency::Rule(n) | Dependency::Ever(n) => out.push(atom(n, false)),
        Dependency::Never(n) => out.push(atom(n, true)),
        Dependency::Not(inner) => why_true(inner, truth, &atom, out),
        Dependency::And(a, b) => {
            for side in [a, b] {
                if !value(side, truth) {
                    why_false(side, defines, truth, out);
                }
            }
        }
        Dependency::Or(a, b) => {
            why_false(a, defines, truth, out);
            why_false(b, defines, truth, out);
        }
        Dependency::FileIn(place) => out.push(format!("the file is not in `{place}`")),
    }
}

/// The atoms that make `d` true (`d` is true).
fn why_true(
    d: &Dependency,
    truth: &Truth,
    atom: &dyn Fn(&str, bool) -> String,
    out: &mut Vec<String>,
) {
    match d {
        Dependency::Rule(n) | Dependency::Ever(n) => out.push(atom(n, true)),
        Dependency::Never(n) => out.push(atom(n, false)),
        Dependency::Not(inner) => {
            // `!!a`: true because `a` is.
            if !value(inner, truth) {
                out.push(format!("`{}` is false", dependency(inner)));
            }
        }
        Dependency::And(a, b) => {
            why_true(a, truth, atom, out);
            why_true(b, truth, atom, out);
        }
        Dependency::Or(a, b) => {
            for side in [a, b] {
                if value(side, truth) {
                    why_true(side, truth, atom, out);
                }
            }
        }
        Dependency::FileIn(place) => out.push(format!("the file is in `{place}`")),
    }
}

/// A constraint as written in a declaration.
pub fn constraint(c: &Constraint) -> String {
    match c {
        Constraint::Regex {
            negated, pattern, ..
        } => format!("{} \"{pattern}\"", if *negated { "!~" } else { "=~" }),
        Constraint::Compare { negated, values } => {
            let op = if *negated { "!=" } else { "=" };
            match values.as_slice() {
                [one] => format!("{op} {one}"),
                many => format!("{op} {{{}}}", many.join(", ")),
            }
        }
        Constraint::Script(s) => {
            let params: Vec<String> = s.params.iter().map(|p| p.to_string()).collect();
            format!("script:{} ({})", s.language, params.join(", "))
        }
        Constraint::SubTermOf(values) => format!("<= {{{}}}", values.join(", ")),
        Constraint::Any(cs) => cs.iter().map(constraint).collect::<Vec<_>>().join(" || "),
    }
}

/// What a metavariable of this kind stands for: "an expression", "an identifier".
pub fn metavar_kind(kind: &MetavarKind) -> &'static str {
    match kind {
        MetavarKind::Identifier | MetavarKind::Function { .. } => "an identifier",
        MetavarKind::IdentifierList(_) => "a list of identifiers",
        MetavarKind::Expression { .. } => "an expression",
        MetavarKind::ExpressionList(_) => "a list of expressions",
        MetavarKind::IdExpression { scope, .. } => match scope {
            smpl_parser::IdScope::Local => "a local variable (local idexpression)",
            smpl_parser::IdScope::Global => "a global name (global idexpression)",
            smpl_parser::IdScope::Any => "a name (idexpression)",
        },
        MetavarKind::Constant { .. } => "a constant",
        MetavarKind::Type => "a type",
        MetavarKind::Statement => "a statement",
        MetavarKind::StatementList(_) => "a list of statements",
        MetavarKind::Declaration => "a declaration",
        MetavarKind::Field | MetavarKind::FieldList(_) => "a structure field",
        MetavarKind::Parameter | MetavarKind::ParameterList(_) => "a parameter",
        MetavarKind::Initializer | MetavarKind::InitializerList(_) => "an initializer",
        MetavarKind::Format | MetavarKind::FormatList(_) => "a format string",
        MetavarKind::BinaryOperator => "a binary operator",
        MetavarKind::AssignmentOperator => "an assignment operator",
        MetavarKind::UnaryOperator => "a unary operator",
        MetavarKind::Declarer => "a declarer macro",
        MetavarKind::Iterator => "an iterator macro",
        MetavarKind::Attribute => "an attribute",
        _ => "code of its kind",
    }
}

/// A C construct, for "the pattern has a call where the code has an assignment".
pub fn construct(kind: c_parser::SyntaxKind) -> String {
    use c_parser::SyntaxKind as K;
    let named = match kind {
        K::CALL_EXPR => "a function call",
        K::ASSIGN_EXPR => "an assignment",
        K::BIN_EXPR => "a binary operation",
        K::PREFIX_EXPR => "a unary operation",
        K::POSTFIX_EXPR => "a postfix operation",
        K::CAST_EXPR => "a cast",
        K::FIELD_EXPR => "a field access",
        K::INDEX_EXPR => "an array access",
        K::COND_EXPR => "a conditional expression",
        K::PAREN_EXPR => "a parenthesized expression",
        K::NAME_REF => "a name",
        K::LITERAL => "a constant",
        K::STRING_EXPR => "a string",
        K::SIZEOF_EXPR => "a sizeof",
        K::EXPR_STMT => "an expression statement",
        K::RETURN_STMT => "a return",
        K::IF_STMT => "an if",
        K::GOTO_STMT => "a goto",
        K::COMPOUND_STMT => "a block",
        K::DECLARATION => "a declaration",
        K::FUNCTION_DEF => "a function definition",
        K::MACRO_STMT => "a macro statement",
        K::FOR_STMT | K::WHILE_STMT | K::DO_STMT => "a loop",
        _ => return format!("{kind:?}").to_lowercase().replace('_', " "),
    };
    named.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependencies_are_explained_by_their_false_atoms() {
        let dep = Dependency::And(
            Box::new(Dependency::Rule("a".into())),
            Box::new(Dependency::Not(Box::new(Dependency::Rule("b".into())))),
        );
        let none = HashSet::new();
        assert_eq!(
            false_dependency(&dep, &["b"], &none, &|_| true),
            "`depends on a && !b` is false: `a` did not match (and is not given with -D); \
             rule `b` matched"
        );
    }

    #[test]
    fn missing_alternatives_are_listed_together() {
        let req = Requirement::And(vec![
            Requirement::Ident("kfree".into()),
            Requirement::Or(vec![
                Requirement::Ident("a".into()),
                Requirement::Ident("b".into()),
            ]),
        ]);
        assert_eq!(missing_names(&req, "kfree(x);"), "any of `a`, `b`");
        assert_eq!(missing_names(&req, "b();"), "`kfree`");
    }
}
