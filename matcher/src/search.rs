//! Where a rule's pattern is tried: every C node for a one-item pattern, every run of
//! consecutive items of a block, a file or a struct for a sequence.

use crate::env::Env;
use crate::node::{Item, Matcher};
use crate::syntax::{is_item_container, sig_children, sig_range};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use std::ops::Range;

/// How many matches one C node may give a pattern with `...`.
const MAX_PATHS: usize = 64;

/// One match of a rule's pattern.
#[derive(Clone, Debug)]
pub struct Match {
    pub env: Env,
    /// The C code the whole pattern matched.
    pub range: Range<usize>,
}

/// The items of a pattern body, and whether it is matched as a sequence.
fn pattern_items(m: &Matcher) -> (Vec<SyntaxElement>, bool) {
    let items = sig_children(&m.pat.minus_tree);
    let as_sequence = match items.as_slice() {
        [] => false,
        [one] => match one {
            SyntaxElement::Node(n) if matches!(n.kind(), SyntaxKind::DISJ | SyntaxKind::CONJ) => {
                let (branches, _, _) = m.branches(n);
                branches.iter().any(|b| b.len() != 1)
            }
            SyntaxElement::Node(n) => matches!(n.kind(), SyntaxKind::DOTS_NODE),
            SyntaxElement::Token(_) => true,
        },
        _ => true,
    };
    (items, as_sequence)
}

/// What a lone pattern item really is: an identifier or an expression written alone on a
/// line parses as a statement without `;`, a type alone as a type name.
fn unwrap_item(p: &SyntaxElement) -> SyntaxElement {
    if let SyntaxElement::Node(n) = p {
        let kids = sig_children(n);
        match (n.kind(), kids.as_slice()) {
            (SyntaxKind::MACRO_STMT | SyntaxKind::EXPR_STMT, [one])
                if one.kind() != SyntaxKind::SEMI && one.as_node().is_some() =>
            {
                return unwrap_item(one);
            }
            (SyntaxKind::TYPE_NAME, [one]) if one.kind() == SyntaxKind::DECL_SPECS => {
                // A structure type alone (`struct { ... }`) is found wherever C writes one,
                // whatever specifiers (`typedef`, `static`) surround it.
                let inner = one.as_node().map(sig_children).unwrap_or_default();
                return match inner.as_slice() {
                    [spec]
                        if matches!(
                            spec.kind(),
                            SyntaxKind::STRUCT_SPEC
                                | SyntaxKind::UNION_SPEC
                                | SyntaxKind::ENUM_SPEC
                        ) =>
                    {
                        spec.clone()
                    }
                    _ => one.clone(),
                };
            }
            _ => {}
        }
    }
    p.clone()
}

/// A lone identifier (not a metavariable): it matches that name wherever it occurs.
fn lone_identifier(m: &Matcher, p: &SyntaxElement) -> Option<(String, Option<usize>)> {
    let toks = crate::syntax::sig_tokens(p);
    let [t] = toks.as_slice() else {
        return None;
    };
    if t.kind() != SyntaxKind::IDENT || m.pat.metavar_of(t).is_some() {
        return None;
    }
    matches!(
        p.kind(),
        SyntaxKind::NAME_REF | SyntaxKind::NAME | SyntaxKind::IDENT | SyntaxKind::DECL_SPECS
    )
    .then(|| (t.text().to_string(), m.pat.token_index(t)))
}

/// Function bodies are not statements: a statement pattern other than a block does not match
/// them.
fn is_function_body(node: &SyntaxNode) -> bool {
    node.kind() == SyntaxKind::COMPOUND_STMT
        && node
            .parent()
            .is_some_and(|p| p.kind() == SyntaxKind::FUNCTION_DEF)
}

/// Whether a block pattern leaves its braces in place, with nothing added outside them.
fn keeps_braces(m: &Matcher, block: &SyntaxElement) -> bool {
    let Some(block) = block.as_node() else {
        return false;
    };
    if crate::iso::adds_code_outside_braces(m, block) {
        return false;
    }
    let kids = sig_children(block);
    let kept = |brace: Option<&SyntaxElement>| {
        brace
            .and_then(|b| b.as_token())
            .and_then(|t| m.pat.token_index(t))
            .is_some_and(|i| m.pat.body.tokens[i].mark == smpl_parser::Mark::Context)
    };
    kept(kids.first()) && kept(kids.last())
}

/// All matches of the rule in the C tree, in text order.
pub fn find_matches(m: &Matcher, root: &SyntaxNode, base: &Env) -> Vec<Match> {
    if let Some(found) = crate::directive::find_directive_matches(m, root, base) {
        return found;
    }
    let (items, as_sequence) = pattern_items(m);
    if items.is_empty() {
        return Vec::new();
    }
    if as_sequence {
        return sequence_matches(m, root, base, items);
    }
    let p = &unwrap_item(&items[0]);
    match lone_identifier(m, p) {
        Some((name, index)) => identifier_matches(m, root, base, p, &name, index),
        None => element_matches(m, root, base, p),
    }
}

/// The matches of a pattern that is one identifier: its occurrences where the pattern's
/// kind of use allows.
fn identifier_matches(
    m: &Matcher,
    root: &SyntaxNode,
    base: &Env,
    p: &SyntaxElement,
    name: &str,
    index: Option<usize>,
) -> Vec<Match> {
    let mut out = Vec::new();
    let identifier_rule = m
        .rule
        .is_some_and(|r| r.header.rule_kind == Some(smpl_parser::RuleKind::Identifier));
    for tok in root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
    {
        let type_position = || {
            tok.parent().is_some_and(|p| {
                matches!(p.kind(), SyntaxKind::TYPEDEF_NAME | SyntaxKind::DECL_SPECS)
            })
        };
        // An identifier alone is an expression: it is not the name a declaration
        // declares, nor a field after `.` or `->`; an `@identifier@` rule is about
        // every identifier.
        let expression_position = || {
            identifier_rule
                || tok
                    .parent()
                    .is_some_and(|p| p.kind() == SyntaxKind::NAME_REF)
        };
        if tok.kind() == SyntaxKind::IDENT
            && tok.text() == name
            && (p.kind() != SyntaxKind::DECL_SPECS || type_position())
            && (p.kind() != SyntaxKind::NAME_REF || expression_position())
        {
            let r = sig_range(&SyntaxElement::Token(tok));
            let mut env = base.clone();
            if let Some(i) = index {
                env.map_token(i, r.clone());
            }
            out.push(Match { env, range: r });
        }
    }
    out
}

/// The matches of a pattern of one element, tried at the nodes above its anchors.
fn element_matches(m: &Matcher, root: &SyntaxNode, base: &Env, p: &SyntaxElement) -> Vec<Match> {
    let mut out = Vec::new();
    // With `...` in the pattern, every way through a function is a match of its own
    // (each occurrence of the code between the dots).
    let all_paths = m.pat.body.tokens.iter().any(|t| t.kind == SyntaxKind::DOTS);
    let candidates: Box<dyn Iterator<Item = SyntaxNode>> = match m.anchors(p) {
        Some(names) => Box::new(crate::anchor::nodes_above(root, m.text, &names).into_iter()),
        None => Box::new(root.descendants()),
    };
    let defines_struct = matches!(
        p.kind(),
        SyntaxKind::STRUCT_SPEC | SyntaxKind::UNION_SPEC | SyntaxKind::DECL_SPECS
    ) && p
        .as_node()
        .is_some_and(|n| n.descendants().any(|d| d.kind() == SyntaxKind::FIELD_LIST));
    for node in candidates {
        // A block pattern `{ ... }` matches a function's body too, unless it removes the
        // braces a function cannot lose or adds code beside them.
        if is_function_body(&node) && !(p.kind() == SyntaxKind::COMPOUND_STMT && keeps_braces(m, p))
        {
            continue;
        }
        // As in spatch, a structure definition is not looked for among the fields of
        // another.
        if defines_struct && node.ancestors().any(|a| a.kind() == SyntaxKind::FIELD_DECL) {
            continue;
        }
        let c = SyntaxElement::Node(node.clone());
        m.explain_attempt(&c);
        m.steps_left.set(crate::node::STEP_BUDGET);
        let mut found: Vec<Env> = Vec::new();
        m.m_el(p, &c, base.clone(), &mut |e| {
            // Each declarator of a shared declaration is a match of its own.
            let split = !crate::multi_decl::split_decls(&e).is_empty();
            if !found.iter().any(|f| same_match(f, &e)) {
                found.push(e);
            }
            (!all_paths && !split) || found.len() >= MAX_PATHS
        });
        for env in found {
            out.push(Match {
                env,
                range: sig_range(&c),
            });
        }
    }
    out
}

/// The matches of a sequence pattern, tried at each statement of the blocks above its
/// anchors (or at each function's start for a pattern that starts with `...`).
fn sequence_matches(
    m: &Matcher,
    root: &SyntaxNode,
    base: &Env,
    items: Vec<SyntaxElement>,
) -> Vec<Match> {
    let mut out = Vec::new();
    // A pattern that starts with `...` starts where the function does.
    let from_function_start = is_dots(&items[0]);
    // A conjunction of sequences needs names from later in its sequences, not at its start.
    let anchors = if from_function_start || items[0].kind() == SyntaxKind::CONJ {
        None
    } else {
        m.anchors(&items[0])
    };
    let occurrence_tokens = expression_start_tokens(m, &items[0]);
    let pitems: Vec<Item> = items.into_iter().map(Item::El).collect();
    let containers: Box<dyn Iterator<Item = SyntaxNode>> = match &anchors {
        Some(names) => Box::new(crate::anchor::nodes_above(root, m.text, names).into_iter()),
        None => Box::new(root.descendants()),
    };
    for node in containers {
        let cs: Vec<SyntaxElement> = if is_item_container(node.kind()) {
            if from_function_start && !is_function_body(&node) && m.flow.is_some() {
                continue;
            }
            sig_children(&node)
                .into_iter()
                .filter(|e| e.as_node().is_some())
                .collect()
        } else if !from_function_start && is_unbraced_body(&node) {
            // `if (err) goto out;`: a sequence may start at a lone body, its dots following
            // control flow out of it.
            vec![SyntaxElement::Node(node.clone())]
        } else {
            continue;
        };
        for start in 0..cs.len() {
            if from_function_start && start > 0 && m.flow.is_some() {
                break;
            }
            if let Some(names) = &anchors {
                if !contains_any(&cs[start], names) {
                    continue;
                }
            }
            out.extend(sequence_matches_at(
                m,
                &pitems,
                &cs[start..],
                base,
                &occurrence_tokens,
            ));
        }
    }
    out
}

/// The matches of a sequence starting at the first of `cs`: the first way the pattern
/// matches there, and each other way that binds the metavariables to other values
/// (`f(...,e1,...,e2,...); ... g(e1, e2);` for each pair of arguments: spatch quantifies
/// metavariables over values). An expression starting the pattern may occur several times
/// in the statement (`p->a ? p->b : 0`): as in spatch, each occurrence is a match of its own.
fn sequence_matches_at(
    m: &Matcher,
    pitems: &[Item],
    cs: &[SyntaxElement],
    base: &Env,
    occurrence_tokens: &[usize],
) -> Vec<Match> {
    let mut found: Vec<Env> = Vec::new();
    m.explain_attempt(&cs[0]);
    m.steps_left.set(crate::node::STEP_BUDGET);
    let pos = sig_range(&cs[0]).start;
    let occurrence = |e: &Env| -> Vec<(usize, Range<usize>)> {
        e.token_map
            .iter()
            .filter(|(i, _)| occurrence_tokens.contains(i))
            .cloned()
            .collect()
    };
    m.m_seq(pitems, cs, pos, true, base.clone(), &mut |e| {
        // Each declarator of a shared declaration is a match of its own.
        let split = !crate::multi_decl::split_decls(&e).is_empty();
        let at = occurrence(&e);
        let same_values = |f: &Env| same_values(f, &e);
        let at_first = found.iter().find(|f| occurrence(f) == at);
        if at_first.is_some_and(|first| first.token_map != e.token_map && !split) {
            if found.iter().any(same_values) {
                return false;
            }
            if !occurrence_tokens.is_empty() {
                // Another way through this occurrence: the next one may follow.
                return false;
            }
        }
        if !found.iter().any(|f| f.token_map == e.token_map) || !split {
            found.push(e);
        }
        found.len() >= MAX_PATHS
    });
    found
        .into_iter()
        .map(|env| {
            let end = env
                .token_map
                .iter()
                .map(|(_, r)| r.end)
                .max()
                .unwrap_or(pos);
            Match {
                env,
                range: pos..end,
            }
        })
        .collect()
}

/// The pattern tokens of the first item of a sequence when it is an expression (matched
/// inside a statement, where it may occur more than once); empty otherwise.
fn expression_start_tokens(m: &Matcher, first: &SyntaxElement) -> Vec<usize> {
    let first = crate::flow::unwrap_expression_statement(first);
    if !crate::syntax::is_expression(first.kind()) {
        return Vec::new();
    }
    crate::syntax::sig_tokens(&first)
        .iter()
        .filter_map(|t| m.pat.token_index(t))
        .collect()
}

/// A statement that is the body of an `if`, `else` or loop without braces.
fn is_unbraced_body(node: &SyntaxNode) -> bool {
    use c_parser::ast::is_stmt;
    is_stmt(node.kind())
        && node.kind() != SyntaxKind::COMPOUND_STMT
        && node
            .parent()
            .is_some_and(|p| is_stmt(p.kind()) && p.kind() != SyntaxKind::COMPOUND_STMT)
}

/// Two ways of matching at one node that are one match: the same tokens and the same
/// bindings (control-flow paths that bind later metavariables differently are matches of
/// their own).
fn same_match(a: &Env, b: &Env) -> bool {
    a.token_map == b.token_map && same_values(a, b)
}

/// Two ways of matching that bind every metavariable to the same value.
fn same_values(a: &Env, b: &Env) -> bool {
    let key = |e: &Env| {
        let mut k: Vec<(usize, String)> = e
            .bindings
            .iter()
            .map(|(m, b)| (*m, b.normalized.clone()))
            .collect();
        k.sort();
        k
    };
    key(a) == key(b)
}

fn is_dots(el: &SyntaxElement) -> bool {
    matches!(
        el.kind(),
        SyntaxKind::DOTS | SyntaxKind::DOTS_NODE | SyntaxKind::NEST
    )
}

/// Whether a C element holds a token with one of the names.
fn contains_any(el: &SyntaxElement, names: &[String]) -> bool {
    match el {
        SyntaxElement::Token(t) => names.iter().any(|n| n == t.text()),
        SyntaxElement::Node(n) => n
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .any(|t| names.iter().any(|n| n == t.text())),
    }
}
