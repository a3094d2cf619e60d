use super::*;
use c_parser::{ParseOptions, TextSize};

/// `code` as the body of a function, parsed, its lines made into source lines as a producer
/// of added code makes them (lines with a comment or a directive kept as written), then
/// laid out.
fn laid_out(code: &str) -> Vec<String> {
    laid_out_lines(code).into_iter().map(|l| l.text).collect()
}

/// As [`laid_out`], with what each line starts with.
fn laid_out_lines(code: &str) -> Vec<AddedLine> {
    let text = format!("void f(void)\n{{\n{code}\n}}\n");
    let parse = c_parser::parse(&text, &ParseOptions::default());
    let base = text.find('{').expect("the body") + 2;
    let tokens: Vec<SyntaxToken> = parse
        .root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .collect();
    let mut lines = Vec::new();
    let mut start = base;
    for line in code.split('\n') {
        let end = start + line.len();
        let written = line.trim_start();
        let content_start = end - written.len();
        let in_line = |t: &SyntaxToken| {
            let at = usize::from(t.text_range().start());
            (start..end.max(start + 1)).contains(&at)
        };
        let continues_trivia = tokens.iter().any(|t| {
            let r = t.text_range();
            t.kind().is_trivia()
                && r.start() < TextSize::from(start as u32)
                && r.end() > TextSize::from(start as u32)
        });
        let mine: Vec<&SyntaxToken> = tokens.iter().filter(|t| in_line(t)).collect();
        let comment = mine.iter().any(|t| t.kind() == COMMENT);
        let directive = mine.iter().any(|t| t.kind() == DIRECTIVE);
        let code_tokens: Vec<LineToken> = mine
            .iter()
            .filter(|t| !t.kind().is_trivia())
            .map(|t| LineToken {
                token: (*t).clone(),
                text: t.text().to_string(),
                at: usize::from(t.text_range().start()) - content_start,
                block: false,
            })
            .collect();
        let last = mine
            .iter()
            .rev()
            .find(|t| !matches!(t.kind(), WHITESPACE | NEWLINE));
        lines.push(SourceLine {
            indent: line[..line.len() - written.len()].to_string(),
            written: written.to_string(),
            kept: comment || directive || code_tokens.is_empty(),
            tokens: if continues_trivia {
                Vec::new()
            } else {
                code_tokens
            },
            continues_trivia,
            directive: directive && !continues_trivia,
            ends_with_line_comment: last
                .is_some_and(|t| t.kind() == COMMENT && t.text().starts_with("//")),
        });
        start = end + 1;
    }
    lay_out(&lines, Printer::AddedCode)
}

#[test]
fn nested_if_else_with_blocks_one_level_per_block() {
    assert_eq!(
        laid_out("if (rc) { if (rc == -EAGAIN) { retry++; } else { goto out; } }"),
        [
            "if (rc) {",
            "\tif (rc == -EAGAIN) {",
            "\t\tretry++;",
            "\t} else {",
            "\t\tgoto out;",
            "\t}",
            "}"
        ]
    );
    // The rule's own indentation and line breaks inside a statement do not count.
    assert_eq!(
        laid_out("  if (x) {\n      foo(a,\n          b);\n  }"),
        ["if (x) {", "\tfoo(a, b);", "}"]
    );
}

#[test]
fn an_unbraced_body_goes_one_level_deeper_on_a_line_of_its_own() {
    assert_eq!(
        laid_out("if (!req) return -ENOMEM;"),
        ["if (!req)", "\treturn -ENOMEM;"]
    );
    assert_eq!(
        laid_out("if (a)\nif (b)\nfoo();\nelse\nbar();\nbaz();"),
        [
            "if (a)",
            "\tif (b)",
            "\t\tfoo();",
            "\telse",
            "\t\tbar();",
            "baz();"
        ]
    );
    // An `else if` is a chain, not a deeper body.
    assert_eq!(
        laid_out("if (a) x(); else if (b) y(); else z();"),
        [
            "if (a)",
            "\tx();",
            "else if (b)",
            "\ty();",
            "else",
            "\tz();"
        ]
    );
    // A header continued over lines is one line.
    assert_eq!(
        laid_out("while (x &&\n    y)\n  x--;"),
        ["while (x && y)", "\tx--;"]
    );
}

#[test]
fn for_and_do_loops() {
    assert_eq!(
        laid_out("for (i = 0; i < n; i++) ptlrpc_free(req, i);"),
        ["for(i = 0;i < n;i++)", "\tptlrpc_free(req, i);"]
    );
    assert_eq!(
        laid_out("for (i = 0;\n     i < n; i++) { a(i); b(i); }"),
        ["for(i = 0;i < n;i++) {", "\ta(i);", "\tb(i);", "}"]
    );
    // The `while` of a `do` loop goes after its block's `}` (spatch 1.1.1 writes `}while`).
    assert_eq!(
        laid_out("do { rc = check(req); } while (rc == -EAGAIN);"),
        ["do {", "\trc = check(req);", "} while (rc == -EAGAIN);"]
    );
}

#[test]
fn initializers_and_enum_bodies_stay_on_their_line() {
    // spatch 1.1.1 puts each element on a line of its own; the layout keeps them as written.
    assert_eq!(
        laid_out("int ids[] = { 1, 2, 3 }; f(ids);"),
        ["int ids[] = { 1, 2, 3 };", "f(ids);"]
    );
    assert_eq!(
        laid_out("enum ptlrpc_phase { PTLRPC_NEW, PTLRPC_RPC };"),
        ["enum ptlrpc_phase { PTLRPC_NEW, PTLRPC_RPC };"]
    );
    // Written over lines, their elements are one level inside the braces.
    assert_eq!(
        laid_out("struct lu_fid fid = {\n  .f_seq = 1,\n  .f_oid = 2,\n};"),
        [
            "struct lu_fid fid = {",
            "\t.f_seq = 1,",
            "\t.f_oid = 2,",
            "};"
        ]
    );
}

#[test]
fn a_struct_body_is_laid_out_over_lines() {
    assert_eq!(
        laid_out("struct ptlrpc_cb { int cb_rc; void *cb_data; };"),
        [
            "struct ptlrpc_cb {",
            "\tint cb_rc;",
            "\tvoid *cb_data;",
            "};"
        ]
    );
}

#[test]
fn a_comment_after_a_statement_stays_on_its_line() {
    assert_eq!(laid_out("a(); /* c */ b();"), ["a(); /* c */", "b();"]);
    assert_eq!(laid_out("b();   // d"), ["b();   // d"]);
    assert_eq!(
        laid_out("if (x) { c(); /* e */ }"),
        ["if (x) {", "\tc(); /* e */", "}"]
    );
    // One before a statement goes with it.
    assert_eq!(laid_out("a(); b(); /* c */"), ["a();", "b(); /* c */"]);
    // Nothing is joined after a `//` comment.
    assert_eq!(
        laid_out("x = f(3 // three\n+ 5);"),
        ["x = f(3 // three", "+ 5);"]
    );
}

#[test]
fn comments_over_lines_keep_their_shape() {
    assert_eq!(
        laid_out("/*\n * note\n */\nfoo();"),
        ["/*", " * note", " */", "foo();"]
    );
    assert_eq!(
        laid_out("if (x) {\n\t/*\n\t * why\n\t */\n\tfoo();\n}"),
        ["if (x) {", "\t/*", "\t * why", "\t */", "\tfoo();", "}"]
    );
}

#[test]
fn directive_lines_are_kept_and_never_joined() {
    assert_eq!(
        laid_out("start();\n#ifdef CONFIG_PROC_FS\n  lprocfs_remove(req);\n#endif\nend();"),
        [
            "start();",
            "#ifdef CONFIG_PROC_FS",
            "lprocfs_remove(req);",
            "#endif",
            "end();"
        ]
    );
    assert_eq!(
        laid_out("x = f(3\n#ifdef A\n+ 5\n#endif\n);"),
        ["x = f(3", "#ifdef A", "+ 5", "#endif", ");"]
    );
}

#[test]
fn blank_lines_inside_stay_and_those_at_the_edges_go() {
    assert_eq!(
        laid_out("\n   foo(a,\n       b);\n\n   bar();\n"),
        ["foo(a, b);", "", "bar();"]
    );
}

#[test]
fn a_macro_statement_without_semicolon_is_not_joined_to_the_next_line() {
    assert_eq!(
        laid_out("EXPORT_SYMBOL(foo)\nint x;"),
        ["EXPORT_SYMBOL(foo)", "int x;"]
    );
}

#[test]
fn added_lines_are_the_laid_out_lines_without_edge_blanks() {
    let lines = crate::AddedCode::from("\n\tif (x)\n\t\ty();\n  \n").lines();
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["\tif (x)", "\t\ty();"]);
}

#[test]
fn a_line_starting_with_a_label_statement_is_marked() {
    let lines = laid_out_lines("if (rc)\n\tgoto out;\nout: kfree(p);\ndone:\nreturn rc;");
    let labels: Vec<bool> = lines.iter().map(|l| l.is_label).collect();
    assert_eq!(labels, [false, false, true, true, false]);
    // `case` and `default` are not labels; nor is a bitfield's or a conditional's colon.
    let lines = laid_out_lines("switch (x) {\ncase 1: y = c ? a : b;\ndefault:\nbreak;\n}");
    assert!(lines.iter().all(|l| !l.is_label));
}
