//! Long and deep rule files: no stack overflow, located errors past the nesting bounds, and
//! sizes that only linear algorithms load quickly (timings are in docs/design/smpl-diagnostics.md,
//! not asserted here).

use smpl_parser::{parse_rule_file, Dependency};
use std::path::Path;

fn depth(d: &Dependency) -> usize {
    match d {
        Dependency::And(a, b) | Dependency::Or(a, b) => 1 + depth(a).max(depth(b)),
        Dependency::Not(x) => 1 + depth(x),
        _ => 1,
    }
}

fn count_rules(d: &Dependency) -> usize {
    match d {
        Dependency::And(a, b) | Dependency::Or(a, b) => count_rules(a) + count_rules(b),
        Dependency::Not(x) => count_rules(x),
        _ => 1,
    }
}

#[test]
fn a_depends_chain_of_sixty_thousand_terms_is_a_shallow_tree() {
    let terms = vec!["a"; 60_000].join(" && ");
    let text = format!("virtual a\n@r depends on {terms}@\nexpression E;\n@@\n- foo(E);\n");
    let rf = parse_rule_file(Path::new("t.cocci"), &text).expect("parses");
    let dep = rf.rules[0]
        .header
        .depends
        .as_ref()
        .expect("has a dependency");
    assert_eq!(count_rules(dep), 60_000);
    assert!(depth(dep) <= 17, "depth {}", depth(dep));
}

#[test]
fn mixed_chains_keep_precedence_and_order() {
    let text = "virtual a, b, c, d, e\n@r depends on a && b || c && !d || e@\n@@\n- foo();\n";
    let rf = parse_rule_file(Path::new("t.cocci"), text).expect("parses");
    let rule = |n: &str| Box::new(Dependency::Rule(n.into()));
    let expected = Dependency::Or(
        Box::new(Dependency::Or(
            Box::new(Dependency::And(rule("a"), rule("b"))),
            Box::new(Dependency::And(
                rule("c"),
                Box::new(Dependency::Not(rule("d"))),
            )),
        )),
        rule("e"),
    );
    assert_eq!(rf.rules[0].header.depends, Some(expected));
}

#[test]
fn dependencies_nested_past_the_bound_are_a_located_error() {
    let text = format!(
        "virtual a\n@r depends on {}a{}@\n@@\n- foo();\n",
        "(".repeat(300),
        ")".repeat(300)
    );
    let err = parse_rule_file(Path::new("t.cocci"), &text).expect_err("too deep");
    let p = &err.problems[0];
    assert_eq!(p.message, "dependency nested too deeply, found `(`");
    assert_eq!(err.location(p), "t.cocci:2:216");
}

#[test]
fn thousands_of_rules_load() {
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!(
            "@r{i}@\nexpression E;\nidentifier fn =~ \"^f{i}_\";\n@@\n- fn(E);\n+ g{i}(E);\n\n"
        ));
    }
    let rf = parse_rule_file(Path::new("t.cocci"), &text).expect("parses");
    assert_eq!(rf.rules.len(), 2000);
    assert_eq!(rf.rules[1999].name, "r1999");
}

#[test]
fn rule_bodies_nested_past_the_bound_are_located_errors() {
    let text = format!(
        "@@\nexpression E;\n@@\n- foo({}E{});\n",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    let err = parse_rule_file(Path::new("t.cocci"), &text).expect_err("too deep");
    let p = &err.problems[0];
    assert_eq!(
        p.message,
        "expression nested too deeply in the matched code"
    );
    assert!(
        err.location(p).starts_with("t.cocci:4:"),
        "{}",
        err.location(p)
    );
    let text = format!(
        "@@\n@@\n{}- bar();\n{}",
        "<...\n".repeat(20_000),
        "...>\n".repeat(20_000)
    );
    let err = parse_rule_file(Path::new("t.cocci"), &text).expect_err("too deep");
    assert_eq!(
        err.problems[0].message,
        "statement nested too deeply in the matched code"
    );
}
