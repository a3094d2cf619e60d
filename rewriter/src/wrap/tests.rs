use super::*;

/// A line broken at the marks of its own tokens.
fn wrap(line: &str) -> Vec<String> {
    wrap_long_line(line, &lexed_marks(line))
}

#[test]
fn long_line_breaks_in_the_first_call_with_several_arguments() {
    let line = "\tGET_KIOV(desc) = kvzalloc(nfrags * sizeof(*GET_KIOV(desc)), GFP_KERNEL_ACCOUNT);";
    assert_eq!(
        wrap(line),
        [
            "\tGET_KIOV(desc) = kvzalloc(nfrags * sizeof(*GET_KIOV(desc)),",
            "\t\t\t\t  GFP_KERNEL_ACCOUNT);",
        ]
    );
}

#[test]
fn long_lines_wrapped_like_spatch() {
    let line = "\tx = very_long_function_name_number_one(first_argument_value, second_argument_value, third_argument_value);";
    assert_eq!(
        wrap(line),
        [
            "\tx = very_long_function_name_number_one(first_argument_value,",
            "\t\t\t\t\t       second_argument_value,",
            "\t\t\t\t\t       third_argument_value);",
        ]
    );
    let line =
        "\trc = outer_function(inner_function(argument_one, argument_two), argument_three_long);";
    assert_eq!(
        wrap(line),
        [
            "\trc = outer_function(inner_function(argument_one, argument_two),",
            "\t\t\t    argument_three_long);"
        ]
    );
    // 79 columns stay, 80 are broken.
    let fits = format!("\tx = fn(first_argu, {});", "a".repeat(50));
    assert_eq!(display_width(&fits), 79);
    assert_eq!(wrap(&fits), vec![fits.clone()]);
    let over = format!("\tx = fn(first_argu, {});", "a".repeat(51));
    assert_eq!(
        wrap(&over),
        [
            "\tx = fn(first_argu,".to_string(),
            format!("\t       {});", "a".repeat(51))
        ]
    );
    // No call: left alone.
    let cond = format!("\tif (first_condition_value && {})", "b".repeat(70));
    assert_eq!(wrap(&cond), vec![cond.clone()]);
}

#[test]
fn a_call_is_a_paren_after_a_name_or_a_paren_on_its_line() {
    use BreakMark::*;
    // `g (b)` calls, `(c)` after `,` does not, `h(x)(y)` calls twice, `sizeof(`, a comment
    // between name and `(`, and brackets and braces open no call.
    assert_eq!(
        lexed_marks("f(a, g (b), (c))"),
        [
            (1, CallOpen),
            (3, Comma),
            (7, CallOpen),
            (9, Close),
            (10, Comma),
            (12, Open),
            (14, Close),
            (15, Close)
        ]
    );
    assert_eq!(
        lexed_marks("h(x)(y) sizeof(x) k /* c */ (y) v[1] {z}"),
        [
            (1, CallOpen),
            (3, Close),
            (4, CallOpen),
            (6, Close),
            (14, Open),
            (16, Close),
            (28, Open),
            (30, Close),
            (33, Open),
            (35, Close),
            (37, Open),
            (39, Close)
        ]
    );
    // Literals hold no marks; a `(` first in the code may call what it is put after, one
    // first on a later line calls nothing.
    assert_eq!(
        lexed_marks("(\"(,\", ',')\nf\n(1)"),
        [
            (0, FirstOpen),
            (5, Comma),
            (10, Close),
            (14, Open),
            (16, Close)
        ]
    );
}

#[test]
fn marks_moved_after_code_call_what_it_ends_with() {
    use BreakMark::*;
    let marks = lexed_marks("(a, b)");
    assert_eq!(shifted(&marks, 3, Some(true))[0], (3, CallOpen));
    assert_eq!(shifted(&marks, 3, Some(false))[0], (3, Open));
    assert_eq!(shifted(&marks, 3, None)[0], (3, FirstOpen));
    let mut line = MarkedText::default();
    line.join_apart("foo", &lexed_marks("foo"), Some(SyntaxKind::IDENT));
    line.join_apart("(a, b)", &marks, Some(SyntaxKind::R_PAREN));
    assert_eq!(line.text, "foo(a, b)");
    assert_eq!(line.marks[..2], [(3, CallOpen), (5, Comma)]);
    // Words that would glue are written apart, the marks after them moved along.
    line.join_apart("x", &[], Some(SyntaxKind::IDENT));
    line.join_apart("y", &[], Some(SyntaxKind::IDENT));
    line.join_apart("(c, d)", &marks, Some(SyntaxKind::R_PAREN));
    assert_eq!(line.text, "foo(a, b)x y(c, d)");
    assert_eq!(line.marks[3..5], [(12, CallOpen), (14, Comma)]);
}

#[test]
fn only_the_marks_say_where_a_line_breaks() {
    let line = format!("\tx = call({}, second_argument_value);", "a".repeat(60));
    assert_eq!(wrap_long_line(&line, &[]), std::slice::from_ref(&line));
    assert_eq!(
        wrap(&line),
        [
            format!("\tx = call({},", "a".repeat(60)),
            "\t\t second_argument_value);".to_string()
        ]
    );
}

/// `old` replaced in `text` by `new` as in-line code, with the file's tree or without.
fn replaced_inline(text: &str, old: &str, new: &str, with_tree: bool) -> String {
    let at = text.find(old).expect("the replaced code");
    let tree = c_parser::parse(text, &c_parser::ParseOptions::default()).root;
    let mut rw = match with_tree {
        true => crate::Rewrite::with_tree(text, &tree),
        false => crate::Rewrite::new(text),
    };
    rw.remove(at..at + old.len());
    rw.add_inline(at, new);
    rw.apply().expect("the rewrite")
}

#[test]
fn in_line_code_breaks_in_its_own_call_only() {
    for with_tree in [true, false] {
        // The added call is the line's first with several arguments.
        let text = "\trc = old(req);\n";
        let new = "ptlrpc_request_pack_with_capability(req, lh->cookie, MDS_GETATTR_NAME)";
        assert_eq!(
            replaced_inline(text, "old(req)", new, with_tree),
            "\trc = ptlrpc_request_pack_with_capability(req, lh->cookie,\n\
             \t\t\t\t\t\t MDS_GETATTR_NAME);\n"
        );
        // A call opened in the C code before it comes first: the line stays whole (spatch
        // 1.1.1 breaks that C call, as it prints the line anew).
        let text = "\trc = wrap(old(req), lh->cookie, MDS_GETATTR);\n";
        let new = "ptlrpc_request_pack_with_capability(req, lh->cookie)";
        assert_eq!(
            replaced_inline(text, "old(req)", new, with_tree),
            text.replace("old(req)", new)
        );
        // A parameter list put after a declared function's name is its call.
        let text = "int ll_function_with_a_rather_long_name(void);\n";
        let new = "(struct inode *inode, struct file *file, int flags)";
        assert_eq!(
            replaced_inline(text, "(void)", new, with_tree),
            "int ll_function_with_a_rather_long_name(struct inode *inode, struct file *file,\n\
             \t\t\t\t\tint flags);\n"
        );
        // A trailing comment does not count: 79 columns of code stay on their line.
        let text = "\trc = old(req); /* the request, with its reply */\n";
        let new = format!("pack_request(req, {})", "b".repeat(46));
        assert_eq!(
            replaced_inline(text, "old(req)", &new, with_tree),
            text.replace("old(req)", &new)
        );
        let new = format!("pack_request(req, {})", "b".repeat(47));
        assert_eq!(
            replaced_inline(text, "old(req)", &new, with_tree),
            format!(
                "\trc = pack_request(req,\n\t\t\t  {}); /* the request, with its reply */\n",
                "b".repeat(47)
            )
        );
    }
}
