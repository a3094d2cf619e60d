//! Properties of every CFG, on random soups of C and Lustre-style fragments: building never
//! panics, every node is reachable from the entry exactly when it is not marked unreachable,
//! only the exits lack successors, and every statement of the body has a node.

use std::collections::HashSet;

use c_parser::ast::is_stmt;
use c_parser::SyntaxKind::*;
use c_parser::{parse, ParseOptions, SyntaxElement, SyntaxNode};
use cfg_builder::{Cfg, NodeIndex};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "if (a)",
    "else",
    "{",
    "}",
    "{",
    "}",
    "while (x)",
    "do",
    "while (y);",
    "for (i = 0; i < n; i++)",
    "for (int j = 0; j < n; j++)",
    "for (;;)",
    "switch (x)",
    "case 1:",
    "case 2 ... 3:",
    "default:",
    "break;",
    "continue;",
    "return;",
    "return rc;",
    "goto out;",
    "goto again;",
    "goto *p;",
    "out:",
    "again:",
    "GOTO(out, rc = -EIO);",
    "GOTO(again, 0);",
    "RETURN(rc);",
    "RETURN_EXIT;",
    "LBUG();",
    "BUG();",
    "panic(\"bad\");",
    "LBUG()",
    "ENTRY;",
    "EXIT;",
    "list_for_each_entry(p, &h, m)",
    "lod_foreach_mdt(lod, tgt)",
    "rc = f(x);",
    "int x = 0;",
    "struct foo *p;",
    "rc = ({ int v = g(); if (v) goto out; v; });",
    ";",
    "\n#ifdef CONFIG_X\n",
    "\n#else\n",
    "\n#endif\n",
    "\n#if 0\n",
    "\n#elif Y\n",
    "CDEBUG(D_INFO, \"x\\n\");",
    "asm volatile(\"nop\");",
    "(",
    ")",
    "@",
    "x",
    "=",
    "[",
    "]",
    "static int helper(void)",
    "void inner(int a) { return; }",
    "\n",
    "/* c */",
    "// c\n",
];

fn fragment_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.join(" "))
}

/// Nodes reachable from the entry along any edge.
fn reachable(cfg: &Cfg) -> HashSet<NodeIndex> {
    let mut seen = HashSet::new();
    let mut todo = vec![cfg.entry()];
    while let Some(n) = todo.pop() {
        if seen.insert(n) {
            todo.extend(cfg.successors(n).into_iter().map(|(s, _)| s));
        }
    }
    seen
}

/// Statements of the body that the CFG must have a node for: reached from the body through
/// statements in statement positions only (a block's items, the branches and bodies after an
/// if/loop/switch header), not inside expressions, declarations, errors or nested functions.
fn body_statements(body: &SyntaxNode) -> Vec<SyntaxNode> {
    let mut out = Vec::new();
    let mut todo: Vec<SyntaxNode> = vec![body.clone()];
    while let Some(n) = todo.pop() {
        let holds_statements = matches!(
            n.kind(),
            COMPOUND_STMT | IF_STMT | WHILE_STMT | DO_STMT | FOR_STMT | SWITCH_STMT | ITERATOR_STMT
        );
        if !holds_statements {
            continue;
        }
        let has_header = n
            .children_with_tokens()
            .any(|e| e.kind() == R_PAREN || e.kind() == ARG_LIST);
        let mut in_body = !has_header || n.kind() == DO_STMT;
        for e in n.children_with_tokens() {
            match e {
                // A do loop's body ends at `while`; the tail node covers the rest.
                SyntaxElement::Token(t) if t.kind() == WHILE_KW && n.kind() == DO_STMT => break,
                SyntaxElement::Token(t) if t.kind() == R_PAREN => in_body = true,
                SyntaxElement::Node(c) if c.kind() == ARG_LIST => in_body = true,
                SyntaxElement::Node(c) if in_body && is_stmt(c.kind()) => {
                    out.push(c.clone());
                    todo.push(c);
                }
                _ => {}
            }
        }
    }
    out
}

fn check(code: &str) -> Result<(), TestCaseError> {
    let options = ParseOptions::default();
    let parsed = parse(code, &options);
    for cfg in cfg_builder::build_all(&parsed.root, &options.macros) {
        let seen = reachable(&cfg);
        for n in cfg.node_indices() {
            let node = cfg.node(n);
            prop_assert_eq!(
                node.unreachable,
                !seen.contains(&n),
                "node {:?}\n{}",
                n,
                cfg.dump()
            );
            let has_succ = !cfg.successors(n).is_empty();
            let is_exit = n == cfg.exit() || n == cfg.error_exit();
            prop_assert_eq!(has_succ, !is_exit, "successors of {:?}\n{}", n, cfg.dump());
        }
        prop_assert!(cfg.predecessors(cfg.entry()).is_empty());
        if let Some(body) = cfg
            .function()
            .children()
            .find(|n| n.kind() == COMPOUND_STMT)
        {
            for stmt in body_statements(&body) {
                prop_assert!(
                    cfg.node_for(&stmt).is_some(),
                    "no node for {:?} `{}`\n{}",
                    stmt.kind(),
                    stmt.text(),
                    cfg.dump()
                );
            }
        }
        // Rendering never fails either.
        prop_assert!(cfg.to_dot().starts_with("digraph"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn fragment_soups_inside_a_function(soup in fragment_soup()) {
        check(&format!("int lustre_fn(struct obd_device *obd)\n{{\n{soup}\n}}\n"))?;
    }

    #[test]
    fn bare_fragment_soups(soup in fragment_soup()) {
        check(&soup)?;
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,200}") {
        check(&format!("void f(void) {{ {text} }}"))?;
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let blocks = format!(
        "void f(void) {{ {} x; {} }}",
        "{ if (a) ".repeat(3000),
        "}".repeat(3000)
    );
    check(&blocks).unwrap();
    let ifdefs = format!(
        "void f(void) {{ {} x; {} }}",
        "\n#ifdef A\n y;".repeat(5000),
        "\n#endif\n".repeat(5000)
    );
    check(&ifdefs).unwrap();
    let labels: String = (0..2000)
        .map(|i| format!("l{i}: goto l{};\n", i + 1))
        .collect();
    check(&format!("void f(void) {{ {labels} l2000: ; }}")).unwrap();
}
