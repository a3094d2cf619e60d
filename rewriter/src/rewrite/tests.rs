use super::*;

const F: &str = "int f(int x)\n{\n\tif (x)\n\t\tfoo(x);\n\treturn x; /* done */\n}\n";

fn range_of(text: &str, needle: &str) -> Range<usize> {
    let s = text.find(needle).expect("needle");
    s..s + needle.len()
}

#[test]
fn removing_a_statement_takes_its_line() {
    let mut rw = Rewrite::new(F);
    // Token by token, as the matcher reports them.
    let s = F.find("foo(x);").unwrap();
    for (a, b) in [(0, 3), (3, 4), (4, 5), (5, 6), (6, 7)] {
        rw.remove(s + a..s + b);
    }
    assert_eq!(
        rw.apply().unwrap(),
        "int f(int x)\n{\n\tif (x)\n\treturn x; /* done */\n}\n"
    );
}

#[test]
fn removing_code_before_a_comment_keeps_the_comment() {
    // Joined to the line before, as spatch does.
    let mut rw = Rewrite::new(F);
    rw.remove(range_of(F, "return x;"));
    assert_eq!(
        rw.apply().unwrap(),
        "int f(int x)\n{\n\tif (x)\n\t\tfoo(x);/* done */\n}\n"
    );
    let text = "int f(int x)\n{\n\tfoo(x); /* first */\n\tbar(x);\n\n\tfoo(x); /* after blank */\n\treturn x;\n}\n";
    let mut rw = Rewrite::new(text);
    let first = text.find("foo(x);").unwrap();
    let second = text.rfind("foo(x);").unwrap();
    rw.remove(first..first + 7);
    rw.remove(second..second + 7);
    assert_eq!(
        rw.apply().unwrap(),
        "int f(int x)\n{/* first */\n\tbar(x);\n/* after blank */\n\treturn x;\n}\n"
    );
}

#[test]
fn added_lines_go_before_a_trailing_comment() {
    let text = "\tbar(x); /* about bar */\n\treturn x;\n";
    let mut rw = Rewrite::new(text);
    rw.add_lines_after(text.find(';').unwrap() + 1, "baz(x);");
    assert_eq!(
        rw.apply().unwrap(),
        "\tbar(x);\n\tbaz(x); /* about bar */\n\treturn x;\n"
    );
    let mut rw = Rewrite::new(text);
    rw.remove(1..text.find(';').unwrap() + 1);
    rw.add_lines_before(1, "baz(x);\nqux(x);");
    assert_eq!(
        rw.apply().unwrap(),
        "\tbaz(x);\n\tqux(x); /* about bar */\n\treturn x;\n"
    );
}

#[test]
fn replacing_a_statement_keeps_indentation() {
    let text = "void g(void)\n{\n\tfoo(x);\n}\n";
    let mut rw = Rewrite::new(text);
    let r = range_of(text, "foo(x);");
    rw.remove(r.clone());
    rw.add_lines_before(r.start, "bar(x);\nbaz(x);");
    assert_eq!(
        rw.apply().unwrap(),
        "void g(void)\n{\n\tbar(x);\n\tbaz(x);\n}\n"
    );
}

#[test]
fn inline_replacement_keeps_spacing() {
    let text = "\treturn foo;\n";
    let mut rw = Rewrite::new(text);
    let r = range_of(text, "foo");
    rw.remove(r.clone());
    rw.add_inline(r.start, "bar");
    assert_eq!(rw.apply().unwrap(), "\treturn bar;\n");
}

#[test]
fn inline_code_anchored_before_removed_spacing_keeps_the_space() {
    // The plus code is anchored after `return`, the removed token's space goes with it.
    let text = "\treturn PAGE_SIZE;\n";
    let mut rw = Rewrite::new(text);
    let r = range_of(text, "PAGE_SIZE");
    rw.remove(r.clone());
    rw.add_inline(r.start - 1, "PAGE_SIZE2");
    assert_eq!(rw.apply().unwrap(), "\treturn PAGE_SIZE2;\n");
}

#[test]
fn dangling_commas_go_with_removed_list_elements() {
    let remove = |text: &str, what: &str| {
        let mut rw = Rewrite::new(text);
        rw.remove(range_of(text, what));
        rw.apply().unwrap()
    };
    assert_eq!(
        remove("int three (int x, int a) { }", "int x"),
        "int three (int a) { }"
    );
    assert_eq!(
        remove("int four (int a, int x) { }", "int x"),
        "int four (int a) { }"
    );
    assert_eq!(remove("f(a, b, c);", "b"), "f(a, c);");
    assert_eq!(remove("f(a,\n  b,\n  c);", "b"), "f(a,\n  c);");
    // Neighbouring elements removed one by one.
    let text = "f(a, b, c);";
    let mut rw = Rewrite::new(text);
    rw.remove(2..3);
    rw.remove(5..6);
    assert_eq!(rw.apply().unwrap(), "f(c);");
    // A comma the matcher removed itself is not looked for again.
    let text = "f(a, b, c);";
    let mut rw = Rewrite::new(text);
    rw.remove(3..4);
    rw.remove(5..6);
    assert_eq!(rw.apply().unwrap(), "f(a, c);");
}

#[test]
fn inline_code_never_glues_words() {
    let text = "\tbar();\n";
    let mut rw = Rewrite::new(text);
    rw.add_inline(1, "return");
    assert_eq!(rw.apply().unwrap(), "\treturn bar();\n");
    let text = "\tx = a;\n";
    let mut rw = Rewrite::new(text);
    rw.remove(5..6);
    rw.add_inline(5, "b");
    assert_eq!(rw.apply().unwrap(), "\tx = b;\n");
}

#[test]
fn removing_an_argument_drops_its_space() {
    let text = "\tf(a, b);\n";
    let mut rw = Rewrite::new(text);
    rw.remove(range_of(text, ","));
    rw.remove(range_of(text, "b"));
    assert_eq!(rw.apply().unwrap(), "\tf(a);\n");
}

#[test]
fn lines_before_and_after_take_context_indentation() {
    let mut rw = Rewrite::new(F);
    let r = range_of(F, "return x;");
    // Added code comes laid out: one tab per level.
    rw.add_lines_before(r.start, "if (!x)\n\tx = 1;");
    rw.add_lines_after(r.end, "dead();");
    assert_eq!(
        rw.apply().unwrap(),
        "int f(int x)\n{\n\tif (x)\n\t\tfoo(x);\n\tif (!x)\n\t\tx = 1;\n\treturn x;\n\tdead(); /* done */\n}\n"
    );
}

#[test]
fn lines_inside_braces_are_indented_one_level() {
    let text = "void g(void)\n{\n}\n";
    let mut rw = Rewrite::new(text);
    rw.add_lines_after(text.find('{').unwrap() + 1, "start();");
    rw.add_lines_before(text.find('}').unwrap(), "stop();");
    assert_eq!(
        rw.apply().unwrap(),
        "void g(void)\n{\n\tstart();\n\tstop();\n}\n"
    );
}

#[test]
fn braces_added_when_body_grows() {
    let mut rw = Rewrite::new(F);
    let r = range_of(F, "foo(x);");
    rw.mark_unbraced_body(r.clone());
    rw.remove(r.clone());
    rw.add_lines_before(r.start, "bar(x);\nbaz(x, 1);");
    assert_eq!(
        rw.apply().unwrap(),
        "int f(int x)\n{\n\tif (x) {\n\t\tbar(x);\n\t\tbaz(x, 1);\n\t}\n\treturn x; /* done */\n}\n"
    );
}

#[test]
fn nested_bodies_braced_innermost_first() {
    let text = "void f(void)\n{\n\tif (a)\n\t\tif (b)\n\t\t\tfoo();\n}\n";
    let mut rw = Rewrite::new(text);
    let inner = range_of(text, "if (b)\n\t\t\tfoo();");
    let foo = range_of(text, "foo();");
    // Outer body marked first, as a tree walk finds them.
    rw.mark_unbraced_body(inner);
    rw.mark_unbraced_body(foo.clone());
    rw.add_lines_after(foo.end, "bar();");
    assert_eq!(
        rw.apply().unwrap(),
        "void f(void)\n{\n\tif (a)\n\t\tif (b) {\n\t\t\tfoo();\n\t\t\tbar();\n\t\t}\n}\n"
    );
}

#[test]
fn lines_after_a_whole_statement_do_not_enter_its_body() {
    let text = "void f(void)\n{\n\tif (x)\n\t\ty = 1;\n\tz();\n}\n";
    let stmt = text.find("if (x)").unwrap()..text.find("y = 1;").unwrap() + 6;
    let body = range_of(text, "y = 1;");
    let mut rw = Rewrite::new(text);
    rw.mark_unbraced_body(body.clone());
    rw.add_lines_after_statement(stmt, "foo();");
    assert_eq!(
        rw.apply().unwrap(),
        "void f(void)\n{\n\tif (x)\n\t\ty = 1;\n\tfoo();\n\tz();\n}\n"
    );
    // After the body's statement itself: into the body, with braces.
    let mut rw = Rewrite::new(text);
    rw.mark_unbraced_body(body.clone());
    rw.add_lines_after_statement(body, "foo();");
    assert_eq!(
        rw.apply().unwrap(),
        "void f(void)\n{\n\tif (x) {\n\t\ty = 1;\n\t\tfoo();\n\t}\n\tz();\n}\n"
    );
}

#[test]
fn lines_after_a_statement_and_after_its_body_go_outside_and_inside_the_braces() {
    let text = "void f(void)\n{\n\tif (x) y = 1;\n\tz();\n}\n";
    let stmt = range_of(text, "if (x) y = 1;");
    let body = range_of(text, "y = 1;");
    let mut rw = Rewrite::new(text);
    rw.mark_unbraced_body(body.clone());
    rw.add_lines_after_statement(stmt, "foo();");
    rw.add_lines_after_statement(body, "foo();");
    assert_eq!(
        rw.apply().unwrap(),
        "void f(void)\n{\n\tif (x) {\n\t\ty = 1;\n\t\tfoo();\n\t}\n\tfoo();\n\tz();\n}\n"
    );
}

#[test]
fn lines_after_nested_statements_that_end_together_brace_each_level() {
    let text = "void f(void)\n{\n\tif (a)\n\t\tif (b)\n\t\t\tg();\n}\n";
    let outer = range_of(text, "if (a)\n\t\tif (b)\n\t\t\tg();");
    let inner = range_of(text, "if (b)\n\t\t\tg();");
    let call = range_of(text, "g();");
    let mut rw = Rewrite::new(text);
    rw.mark_unbraced_body(inner.clone());
    rw.mark_unbraced_body(call.clone());
    for statement in [outer, inner, call] {
        rw.add_lines_after_statement(statement, "h();");
    }
    assert_eq!(
        rw.apply().unwrap(),
        "void f(void)\n{\n\tif (a) {\n\t\tif (b) {\n\t\t\tg();\n\t\t\th();\n\t\t}\n\
         \t\th();\n\t}\n\th();\n}\n"
    );
}

#[test]
fn the_same_lines_after_statements_ending_together_outside_bodies_are_kept_for_each() {
    let text = "void f(void)\n{\n\tif (x) {\n\t\tg();\n\t}\n}\n";
    let statement = range_of(text, "if (x) {\n\t\tg();\n\t}");
    let block = range_of(text, "{\n\t\tg();\n\t}");
    let mut rw = Rewrite::new(text);
    rw.add_lines_after_statement(statement, "h();");
    rw.add_lines_after_statement(block, "h();");
    assert_eq!(
        rw.apply().unwrap(),
        "void f(void)\n{\n\tif (x) {\n\t\tg();\n\t}\n\th();\n\th();\n}\n"
    );
}

#[test]
fn expression_given_as_lines_inside_a_line_stays_inline() {
    let text = "\tif (a && (!len(q))) {\n";
    let r = range_of(text, "(!len(q))");
    let mut rw = Rewrite::new(text);
    rw.remove(r.clone());
    rw.add_lines_before(r.start, "empty(q)");
    assert_eq!(rw.apply().unwrap(), "\tif (a && empty(q)) {\n");
}

#[test]
fn braces_stop_before_code_after_the_body() {
    let text = "void f(void)\n{\n\tdo x = 3; while (y);\n\tif (a) b(); else c();\n}\n";
    let mut rw = Rewrite::new(text);
    let x = range_of(text, "x = 3;");
    rw.mark_unbraced_body(x.clone());
    rw.add_lines_after(x.end, "foo();");
    let b = range_of(text, "b();");
    rw.mark_unbraced_body(b.clone());
    rw.add_lines_after(b.end, "bar();");
    assert_eq!(
        rw.apply().unwrap(),
        "void f(void)\n{\n\tdo {\n\t\tx = 3;\n\t\tfoo();\n\t} while (y);\n\tif (a) {\n\t\tb();\n\t\tbar();\n\t} else c();\n}\n"
    );
}

#[test]
fn start_of_a_statement_replaced_in_its_line() {
    let text = "\tLASSERT_OLD(x != NULL);\n";
    let r = range_of(text, "LASSERT_OLD(");
    let mut rw = Rewrite::new(text);
    rw.remove(r.clone());
    rw.add_lines_before(r.start, "LASSERT(");
    assert_eq!(rw.apply().unwrap(), "\tLASSERT(x != NULL);\n");
}

#[test]
fn emptied_body_becomes_an_empty_block() {
    let text = "int main(void)\n{\n\tif (a > 1)\n\t\tc();\n\n\treturn 0;\n}\n";
    let mut rw = Rewrite::new(text);
    let c = range_of(text, "c();");
    rw.mark_unbraced_body(c.clone());
    rw.remove(c);
    assert_eq!(
        rw.apply().unwrap(),
        "int main(void)\n{\n\tif (a > 1)\n\t\t{}\n\n\treturn 0;\n}\n"
    );
    let text = "\tif (a) c(); else d();\n";
    let mut rw = Rewrite::new(text);
    let c = range_of(text, "c();");
    rw.mark_unbraced_body(c.clone());
    rw.remove(c);
    assert_eq!(rw.apply().unwrap(), "\tif (a) {} else d();\n");
}

#[test]
fn block_replaced_from_the_middle_of_a_line() {
    // Two-space file: the step is two spaces.
    let text = "int main () {\n  if (x) {\n    one();\n    two();\n  }\n}\n";
    let block = text.find("{\n    one").unwrap()..text.find("  }\n}").unwrap() + 3;
    let mut rw = Rewrite::new(text);
    rw.remove(block.clone());
    rw.add_lines_before(block.start, "{\n\tthree();\n}");
    assert_eq!(
        rw.apply().unwrap(),
        "int main () {\n  if (x) {\n    three();\n  }\n}\n"
    );
    let mut rw = Rewrite::new(text);
    rw.remove(block.clone());
    rw.add_lines_before(block.start, "three();");
    assert_eq!(
        rw.apply().unwrap(),
        "int main () {\n  if (x)\n    three();\n}\n"
    );
}

#[test]
fn braces_follow_the_files_indentation() {
    let text = "int main () {\n  if (x)\n    xxx();\n  if (y) zzz();\n}\n";
    let mut rw = Rewrite::new(text);
    let x = range_of(text, "xxx();");
    rw.mark_unbraced_body(x.clone());
    rw.add_lines_before(x.start, "foo();");
    let z = range_of(text, "zzz();");
    rw.mark_unbraced_body(z.clone());
    rw.add_lines_after(z.end, "bar();");
    assert_eq!(
        rw.apply().unwrap(),
        "int main () {\n  if (x) {\n    foo();\n    xxx();\n  }\n  if (y) {\n    zzz();\n    bar();\n  }\n}\n"
    );
}

#[test]
fn expression_lines_beside_code_stay_in_line() {
    let text = "\treturn x;\n";
    let mut rw = Rewrite::new(text);
    rw.add_lines_after(text.find('x').unwrap() + 1, "== 0");
    assert_eq!(rw.apply().unwrap(), "\treturn x == 0;\n");
}

#[test]
fn long_inline_call_wrapped_like_spatch() {
    let text = "int f(void)\n{\n  hello_old();\n}\n";
    let r = range_of(text, "hello_old()");
    let mut rw = Rewrite::new(text);
    rw.remove(r.clone());
    rw.add_inline(
        r.start,
        "hello_you(\"this is a very long sentence. this is a very long sentence. \", \"I don't know how coccinelle will treat this!\")",
    );
    assert_eq!(
        rw.apply().unwrap(),
        "int f(void)\n{\n  hello_you(\"this is a very long sentence. this is a very long sentence. \",\n            \"I don't know how coccinelle will treat this!\");\n}\n"
    );
}

#[test]
fn code_replacing_a_brace_and_the_next_line_goes_on_that_line() {
    let text = "int main () {\n  if (a) {\n    bar();\n  }\n}\n";
    let mut rw = Rewrite::new(text);
    let open = text.find("{\n    bar").unwrap();
    rw.remove(open..open + 1);
    let bar = range_of(text, "bar(");
    rw.remove(bar.clone());
    let close = text.find("  }\n}").unwrap() + 2;
    rw.remove(close..close + 1);
    rw.add_inline(bar.start, "foo(");
    assert_eq!(
        rw.apply().unwrap(),
        "int main () {\n  if (a)\n    foo();\n}\n"
    );
}

#[test]
fn lines_after_a_statement_over_several_lines_take_its_indentation() {
    let text = "\tif (x)\n\t\trc = f(a,\n\t\t\t  b);\n";
    let mut rw = Rewrite::new(text);
    rw.add_lines_after(text.find("b);").unwrap() + 3, "g();");
    assert_eq!(
        rw.apply().unwrap(),
        "\tif (x)\n\t\trc = f(a,\n\t\t\t  b);\n\t\tg();\n"
    );
}

#[test]
fn neighbouring_statements_replaced_each_in_place() {
    let text = "\tif (a)\n\t\tFREE(a);\n\tFREE(b);\n\n\tFREE(c);\n";
    let mut rw = Rewrite::new(text);
    for (name, new) in [
        ("FREE(a);", "kfree(a);"),
        ("FREE(b);", "kfree(b);"),
        ("FREE(c);", "kfree(c);"),
    ] {
        let r = range_of(text, name);
        rw.remove(r.clone());
        rw.add_lines_before(r.start, new);
    }
    assert_eq!(
        rw.apply().unwrap(),
        "\tif (a)\n\t\tkfree(a);\n\tkfree(b);\n\n\tkfree(c);\n"
    );
}

#[test]
fn no_braces_for_a_single_statement() {
    let mut rw = Rewrite::new(F);
    let r = range_of(F, "foo(x);");
    rw.mark_unbraced_body(r.clone());
    rw.remove(r.clone());
    rw.add_lines_before(r.start, "bar(x);");
    assert_eq!(
        rw.apply().unwrap(),
        "int f(int x)\n{\n\tif (x)\n\t\tbar(x);\n\treturn x; /* done */\n}\n"
    );
}

#[test]
fn braces_added_for_a_line_after_the_body() {
    let mut rw = Rewrite::new(F);
    let r = range_of(F, "foo(x);");
    rw.mark_unbraced_body(r.clone());
    rw.add_lines_after(r.end, "trace(x);");
    assert_eq!(
        rw.apply().unwrap(),
        "int f(int x)\n{\n\tif (x) {\n\t\tfoo(x);\n\t\ttrace(x);\n\t}\n\treturn x; /* done */\n}\n"
    );
}

#[test]
fn comment_between_removed_tokens_goes_with_them() {
    let text = "\tf(a, /* old */ b);\n\tg();\n";
    let mut rw = Rewrite::new(text);
    rw.remove(range_of(text, "f(a,"));
    rw.remove(range_of(text, "b);"));
    assert_eq!(rw.apply().unwrap(), "\tg();\n");
}

fn remove_calls(text: &str, names: &[&str]) -> String {
    let mut rw = Rewrite::new(text);
    for name in names {
        let start = text.find(name).unwrap();
        let end = start + text[start..].find(';').unwrap() + 1;
        rw.remove(start..end);
    }
    rw.apply().unwrap()
}

#[test]
fn blank_lines_tidied_like_spatch() {
    let text = "int f(int x)\n{\n\tint unused = 0;\n\n\tfoo(x);\n\n\tbar(x);\n\n\tbaz(x);\n\treturn x;\n}\n";
    // After `{`: the blank line below goes too.
    assert_eq!(
        remove_calls(text, &["int unused"]),
        "int f(int x)\n{\n\tfoo(x);\n\n\tbar(x);\n\n\tbaz(x);\n\treturn x;\n}\n"
    );
    // Between blank lines: one of them goes.
    assert_eq!(
        remove_calls(text, &["bar(x)"]),
        "int f(int x)\n{\n\tint unused = 0;\n\n\tfoo(x);\n\n\tbaz(x);\n\treturn x;\n}\n"
    );
    // Blank above, code below: nothing more.
    assert_eq!(
        remove_calls(text, &["baz(x)"]),
        "int f(int x)\n{\n\tint unused = 0;\n\n\tfoo(x);\n\n\tbar(x);\n\n\treturn x;\n}\n"
    );
    // Two neighbouring removals.
    assert_eq!(
        remove_calls(text, &["int unused", "foo(x)"]),
        "int f(int x)\n{\n\tbar(x);\n\n\tbaz(x);\n\treturn x;\n}\n"
    );
    // Blank above, `}` below: the blank goes.
    let text = "void g(void)\n{\n\tbar();\n\n\tfoo();\n}\n";
    assert_eq!(
        remove_calls(text, &["foo()"]),
        "void g(void)\n{\n\tbar();\n}\n"
    );
    // The last function of a file: the blank line before it goes.
    let text = "int a;\n\nstatic int last(void)\n{\n\treturn 0;\n}\n";
    let mut rw = Rewrite::new(text);
    rw.remove(text.find("static").unwrap()..text.len() - 1);
    assert_eq!(rw.apply().unwrap(), "int a;\n");
    // Code above, blank below: kept.
    let text = "void g(void)\n{\n\tfirst();\n\tfoo();\n\n\treturn;\n}\n";
    assert_eq!(
        remove_calls(text, &["foo()"]),
        "void g(void)\n{\n\tfirst();\n\n\treturn;\n}\n"
    );
    // A block's first paragraph, set off by blank lines: both blank lines go.
    let text = "void g(void)\n{\n\n\tfoo();\n\tfoo2();\n\n\tif (x) {\n\t\tbar();\n\t}\n}\n";
    assert_eq!(
        remove_calls(text, &["foo()", "foo2()"]),
        "void g(void)\n{\n\tif (x) {\n\t\tbar();\n\t}\n}\n"
    );
    // The only paragraph: the block is left empty.
    let text = "void g(void)\n{\n\n\tfoo();\n\n}\n";
    assert_eq!(remove_calls(text, &["foo()"]), "void g(void)\n{\n}\n");
    // Code right below: the opening blank line stays.
    let text = "void g(void)\n{\n\n\tfoo();\n\tbar();\n}\n";
    assert_eq!(
        remove_calls(text, &["foo()"]),
        "void g(void)\n{\n\n\tbar();\n}\n"
    );
}

#[test]
fn same_match_twice_is_harmless() {
    let text = "\tfoo();\n";
    let mut rw = Rewrite::new(text);
    rw.remove(range_of(text, "foo();"));
    rw.remove(range_of(text, "foo();"));
    assert_eq!(rw.apply().unwrap(), "");
}

#[test]
fn braces_line_up_with_the_first_line_of_a_header_over_several_lines() {
    let text = "int f(void)\n{\n\tif (parse_list(src->ls_str,\n\t\t       src->ls_len) < 0)\n\t\tGOTO(out, rc);\n\treturn 0;\n}\n";
    let call = range_of(text, "GOTO(out, rc);");
    let mut rw = Rewrite::new(text);
    rw.mark_unbraced_body_of(call.clone(), text.find("if (").unwrap());
    rw.remove(call.clone());
    rw.add_lines_before(call.start, "rc = -EINVAL;\ngoto out;");
    assert_eq!(
        rw.apply().unwrap(),
        "int f(void)\n{\n\tif (parse_list(src->ls_str,\n\t\t       src->ls_len) < 0) {\n\t\trc = -EINVAL;\n\t\tgoto out;\n\t}\n\treturn 0;\n}\n"
    );
}

#[test]
fn first_argument_replaced_on_its_own_line_moves_up_to_the_parenthesis() {
    let text =
        "\tschedule(\n\t\tcfs_time_seconds(1));\n\tschedule(a,\n\t\t cfs_time_seconds(1));\n";
    let mut rw = Rewrite::new(text);
    let mut from = 0;
    while let Some(p) = text[from..].find("cfs_time_seconds(1)") {
        let start = from + p;
        rw.remove(start..start + "cfs_time_seconds(1)".len());
        rw.add_inline(start, "HZ");
        from = start + 1;
    }
    assert_eq!(
        rw.apply().unwrap(),
        "\tschedule(HZ);\n\tschedule(a,\n\t\t HZ);\n"
    );
}

#[test]
fn new_closing_brace_is_spelled_like_the_next_line_of_the_same_column() {
    // A file that mixes spaces and tabs: the `}` takes the spelling of the code after it
    // when that code stands at the statement's column, and the statement's otherwise.
    let text = "int f(void)\n{\n        if (!och)\n                GOTO(out, rc);\n\tfoo();\n        if (!x)\n                GOTO(out, rc);\n}\n";
    let mut rw = Rewrite::new(text);
    let mut from = 0;
    while let Some(p) = text[from..].find("GOTO(out, rc);") {
        let call = from + p..from + p + "GOTO(out, rc);".len();
        let statement = text[..call.start].rfind("if (").unwrap_or(0);
        rw.mark_unbraced_body_of(call.clone(), statement);
        rw.remove(call.clone());
        rw.add_lines_before(call.start, "rc = -EINVAL;\ngoto out;");
        from = call.end;
    }
    assert_eq!(
        rw.apply().unwrap(),
        "int f(void)\n{\n        if (!och) {\n                rc = -EINVAL;\n                goto out;\n\t}\n\tfoo();\n        if (!x) {\n                rc = -EINVAL;\n                goto out;\n        }\n}\n"
    );
}

#[test]
fn expression_code_is_told_by_its_first_and_last_tokens() {
    use c_parser::SyntaxKind::*;
    let code = |text: &str, first, last| AddedCode::new(text, Some(first), Some(last));
    assert!(code("x == 0", IDENT, INT_NUMBER).is_expression());
    assert!(code(", int q", COMMA, IDENT).is_expression());
    assert!(!code("foo(x);", IDENT, SEMI).is_expression());
    assert!(!code("if (x) {", IF_KW, L_BRACE).is_expression());
    assert!(!code("/* note */ x", COMMENT, IDENT).is_expression());
    assert!(!code("#define X 1", DIRECTIVE, DIRECTIVE).is_expression());
    assert!(!code("a +\n\tb", IDENT, IDENT).is_expression());
    assert!(!AddedCode::new("  ", None, None).is_expression());
    // Plain text takes its facts from its tokens.
    assert!(AddedCode::from("a / b").is_expression());
    assert!(!AddedCode::from("foo(x);").is_expression());
    assert!(!AddedCode::from("/* note */ x").is_expression());
}

#[test]
fn expression_code_after_c_code_glues_to_separators_and_open_brackets() {
    assert!(AddedCode::from(", int q").starts_with_separator());
    assert!(AddedCode::from(") + 1").starts_with_separator());
    assert!(!AddedCode::from("== 0").starts_with_separator());
    // After the C line's `(` (the file's token, read from its tree) the code goes against it.
    let text = "int f(void)\n{\n\tfoo(a);\n\treturn;\n}\n";
    let mut rw = Rewrite::new(text);
    rw.add_lines_after(text.find("foo(").unwrap() + 4, "x,");
    rw.add_lines_after(text.find("return").unwrap() + 6, "-1");
    assert_eq!(
        rw.apply().unwrap(),
        "int f(void)\n{\n\tfoo(x,a);\n\treturn -1;\n}\n"
    );
}

#[test]
fn lines_added_after_a_label_go_at_the_level_of_its_statements() {
    // spatch lays out the labeled statement: the code after `out:` at column 0 goes where
    // the statement after it is, and after `case X:` one level inside the label.
    let text = "void f(int x)\n{\n\tswitch (x) {\n\tcase 1:\n\t\tg();\n\t}\nout:\n\th();\n}\n";
    let mut rw = Rewrite::new(text);
    rw.add_lines_after(range_of(text, "case 1:").end, "a();");
    rw.add_lines_after(range_of(text, "out:").end, "b();");
    assert_eq!(
        rw.apply().unwrap(),
        "void f(int x)\n{\n\tswitch (x) {\n\tcase 1:\n\t\ta();\n\t\tg();\n\t}\nout:\n\tb();\n\th();\n}\n"
    );
}

#[test]
fn lines_added_after_a_label_before_another_go_one_step_inside() {
    // As spatch 1.1.1 lays it out: after a label followed by another, one step in; a block
    // on the next line at the label's column is the statement's place.
    let text = "void f(int x)\n{\n\tswitch (x) {\n\tcase 1:\n\tcase 2:\n\t\tg();\n\t\tbreak;\n\tcase 3:\n\t{\n\t\th();\n\t}\n\t}\n}\n";
    let mut rw = Rewrite::new(text);
    rw.add_lines_after(range_of(text, "case 1:").end, "a();");
    rw.add_lines_after(range_of(text, "case 3:").end, "c();");
    assert_eq!(
        rw.apply().unwrap(),
        "void f(int x)\n{\n\tswitch (x) {\n\tcase 1:\n\t\ta();\n\tcase 2:\n\t\tg();\n\t\tbreak;\n\tcase 3:\n\tc();\n\t{\n\t\th();\n\t}\n\t}\n}\n"
    );
}
