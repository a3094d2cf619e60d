//! Shapes that real rule files (in the style of the kernel's scripts/coccinelle and
//! Coccinelle's demos) use and spatch 1.1.1 accepts: each parses, into the structure asked.
//! The fixtures are ours.

use smpl_parser::{dump_rule_file, parse_rule_file};
use std::path::Path;

fn dump(text: &str) -> String {
    match parse_rule_file(Path::new("shape.cocci"), text) {
        Ok(rf) => dump_rule_file(&rf),
        Err(d) => panic!("{}", d.render_plain()),
    }
}

/// The pattern tree only (the dump's lines between `pattern:` and `plus:`), without
/// indentation, so that the shape can be checked as a sequence of lines.
fn pattern_lines(text: &str) -> Vec<String> {
    dump(text)
        .lines()
        .skip_while(|l| l.trim() != "pattern:")
        .skip(1)
        .take_while(|l| l.trim() != "plus:")
        .map(|l| l.trim().to_string())
        .collect()
}

fn contains_in_order(lines: &[String], wanted: &[&str]) -> bool {
    let mut it = lines.iter();
    wanted.iter().all(|w| it.any(|l| l == w))
}

#[test]
fn position_on_a_removed_call_after_dots() {
    let rf = parse_rule_file(
        Path::new("shape.cocci"),
        "@r@\nexpression E;\nposition p1, p2;\n@@\nkfree@p1(E);\n...\n- kfree@p2(E);\n",
    )
    .expect("parses");
    let rule = &rf.rules[0];
    let body = rule.body().expect("code rule");
    let attached: Vec<&str> = body
        .tokens
        .iter()
        .flat_map(|t| t.attached.iter())
        .map(|&i| rule.metavars[i].name.name.as_str())
        .collect();
    assert_eq!(attached, ["p1", "p2"]);
}

#[test]
fn when_on_the_line_that_opens_a_nest() {
    let lines =
        pattern_lines("@@\nexpression a, b;\n@@\n<... when != a\n- foo(b);\n+ bar(b);\n...>\n");
    assert!(
        contains_in_order(&lines, &["NEST", "WHEN_CLAUSE", "IDENT \"a\" [expression]"]),
        "{lines:#?}"
    );
}

#[test]
fn when_with_an_assignment_inside_a_block() {
    let lines =
        pattern_lines("@@\nexpression x, E;\n@@\nif (...) { ... when != x = E\n}\n- foo(x);\n");
    assert!(
        contains_in_order(
            &lines,
            &[
                "IF_STMT",
                "COMPOUND_STMT",
                "DOTS_NODE",
                "WHEN_CLAUSE",
                "ASSIGN_EXPR"
            ]
        ),
        "{lines:#?}"
    );
}

#[test]
fn declaration_with_dots_initializer_inside_a_disjunction() {
    let lines = pattern_lines(
        "@@\ntype T;\nidentifier i;\n@@\n(\n  T i = ...;\n|\n  T i;\n)\n  ... when != i\n- foo(i);\n",
    );
    assert!(
        contains_in_order(
            &lines,
            &[
                "DISJ",
                "DISJ_BRANCH",
                "DECLARATION",
                "DISJ_BRANCH",
                "DECLARATION"
            ]
        ),
        "{lines:#?}"
    );
}

#[test]
fn statement_then_nest_with_a_disjunction() {
    let lines = pattern_lines(
        "@@\nexpression *E;\n@@\n  E = kmalloc(...);\n  <...\n(\n- E == 0\n+ E == NULL\n|\n- 0 == E\n+ NULL == E\n)\n  ...>\n",
    );
    assert!(
        contains_in_order(&lines, &["EXPR_STMT", "NEST", "DISJ", "BIN_EXPR"]),
        "{lines:#?}"
    );
}

#[test]
fn context_report_and_script_rules_with_virtuals() {
    let out = dump(
        "virtual context\nvirtual report\n\n@r depends on context || report@\nexpression E;\n\
         position p;\n@@\n* kfree@p(E);\n  ...\n* E->next\n\n@script:python depends on report@\n\
         p << r.p;\n@@\ncoccilib.report.print_report(p[0], \"use after free\")\n",
    );
    assert!(out.contains("semantic match (*)"), "{out}");
    assert!(out.contains("IDENT \"kfree\" * @p"), "{out}");
    assert!(out.contains("IDENT \"next\" *"), "{out}");
}

#[test]
fn iterator_and_declarer_names() {
    pattern_lines(
        "@@\niterator name list_for_each_entry;\nexpression pos, head;\nidentifier member;\n\
         statement S;\n@@\n  list_for_each_entry(pos, head, member)\n- S\n+ { S }\n",
    );
    pattern_lines(
        "@@\ndeclarer name DEFINE_MUTEX;\nidentifier m;\n@@\n- DEFINE_MUTEX(m);\n+ static DEFINE_MUTEX(m);\n",
    );
}

/// A bare expression (no `;`) followed by a nest: spatch reads the expression as matched
/// anywhere in a statement, then the nest.
#[test]
fn bare_expression_then_nest() {
    let lines = pattern_lines(
        "@@\nexpression *E;\n@@\n  E = foo(...)\n  <...\n- E == 0\n+ E == NULL\n  ...>\n",
    );
    assert!(
        contains_in_order(&lines, &["ASSIGN_EXPR", "NEST"]),
        "{lines:#?}"
    );
}

/// Added code among designated initializers: `+ DECLARE_A(E),` makes the plus slice a brace
/// list whose only item is a call with a trailing comma. It is an initializer list, not a
/// block (no statement ends with `,`).
#[test]
fn added_initializer_item_with_trailing_comma() {
    let text = "@@\nexpression E;\n@@\n{\n- .a = E,\n+ DECLARE_A(E),\n}\n";
    let lines: Vec<String> = dump(text)
        .lines()
        .skip_while(|l| l.trim() != "plus:")
        .map(|l| l.trim().to_string())
        .collect();
    assert!(
        contains_in_order(&lines, &["INITIALIZER_LIST", "CALL_EXPR"]),
        "{lines:#?}"
    );
}

#[test]
fn when_with_a_disjunction_assigned_through_an_operator_metavariable() {
    let lines = pattern_lines(
        "@@\nexpression a, b, v;\nassignment operator op;\n@@\n\
         * a * b\n  ... when != \\(a\\|b\\) op v\n      when != &\\(a\\|b\\)\n* mul_size(a, b)\n",
    );
    assert!(
        contains_in_order(
            &lines,
            &[
                "DOTS_NODE",
                "WHEN_CLAUSE",
                "ASSIGN_EXPR",
                "DISJ",
                "WHEN_CLAUSE",
                "PREFIX_EXPR"
            ]
        ),
        "{lines:#?}"
    );
}

#[test]
fn when_with_a_statement_disjunction_stays_a_statement_disjunction() {
    let lines = pattern_lines(
        "@@\nexpression x, E;\n@@\nlock(x);\n... when != \\( unlock(x); \\| x = E; \\)\n- relock(x);\n",
    );
    assert!(
        contains_in_order(&lines, &["WHEN_CLAUSE", "DISJ", "DISJ_BRANCH", "EXPR_STMT"]),
        "{lines:#?}"
    );
}

#[test]
fn when_with_an_iterator_and_its_body() {
    let lines = pattern_lines(
        "@@\nexpression x, E;\niterator I;\nstatement S;\n@@\nkfree(x);\n\
         ... when != I(x, ...) S\n    when != &x\n- kfree(x);\n",
    );
    assert!(
        contains_in_order(
            &lines,
            &["WHEN_CLAUSE", "ITERATOR_STMT", "WHEN_CLAUSE", "PREFIX_EXPR"]
        ),
        "{lines:#?}"
    );
}

#[test]
fn when_with_a_disjunction_of_expressions_on_its_own_line() {
    let lines = pattern_lines(
        "@@\nexpression x, E;\n@@\nif (x == NULL) {\n  ... when != \\(x = E\\|x++\\)\n\
         (\n  use(x);\n|\n  put(x);\n)\n  ... when any\n}\n",
    );
    assert!(
        contains_in_order(
            &lines,
            &["WHEN_CLAUSE", "DISJ", "DISJ_BRANCH", "ASSIGN_EXPR"]
        ),
        "{lines:#?}"
    );
}

#[test]
fn rule_opening_with_a_disjunction_of_a_declaration_and_a_statement() {
    let lines = pattern_lines(
        "@@\nexpression e, a, b;\ntype T;\nidentifier i;\n@@\n(\nT i = ...;\n|\n e;\n)\n a, b;\n",
    );
    assert!(
        contains_in_order(
            &lines,
            &[
                "DISJ",
                "DISJ_BRANCH",
                "DECLARATION",
                "DISJ_BRANCH",
                "EXPR_STMT",
                "EXPR_STMT"
            ]
        ),
        "{lines:#?}"
    );
}

/// `scoped_guard` is a statement keyword of SmPL (Coccinelle after 1.1.1): at a rule's top
/// level, `scoped_guard(...) { ... }` is that statement, not a function definition.
#[test]
fn scoped_guard_is_a_statement() {
    let lines = pattern_lines(
        "@@\n@@\nscoped_guard(...) {\n  ... when any\n- unlock_all();\n  ... when any\n}\n",
    );
    assert!(
        contains_in_order(&lines, &["ITERATOR_STMT", "COMPOUND_STMT"]),
        "{lines:#?}"
    );
    assert!(!lines.iter().any(|l| l == "FUNCTION_DEF"), "{lines:#?}");
}
