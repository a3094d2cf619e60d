//! Each spacing decision on a tree: code is parsed, its tokens written with the tree's
//! spacing, and the text compared with what spatch writes.

use super::*;

/// The statements of `body` (parsed inside a function) written with tree spacing.
fn statements(body: &str) -> String {
    let text = format!("void f(void) {{ {body} }}");
    let parse = c_parser::parse(&text, &c_parser::ParseOptions::default());
    let compound = parse
        .root
        .descendants()
        .find(|n| n.kind() == COMPOUND_STMT)
        .expect("a function body");
    let laid_out = lay_out_tree(&compound);
    laid_out
        .strip_prefix("{ ")
        .and_then(|s| s.strip_suffix(" }"))
        .expect("braces around the body")
        .to_string()
}

/// Top-level declarations written with tree spacing.
fn declarations(code: &str) -> String {
    let parse = c_parser::parse(code, &c_parser::ParseOptions::default());
    lay_out_tree(&parse.root)
}

#[test]
fn binary_and_assignment_operators_take_spaces() {
    assert_eq!(statements("x=a*b+c;"), "x = a * b + c;");
    assert_eq!(statements("x<<=a&&b|c;"), "x <<= a && b | c;");
    assert_eq!(statements("x=(a)*b;"), "x = (a) * b;");
    assert_eq!(statements("x=f(a)*b;"), "x = f(a) * b;");
    assert_eq!(
        lay_out_expression("sizeof(*eagermsg)+ *max"),
        "sizeof(*eagermsg) + *max"
    );
}

#[test]
fn prefix_operators_go_against_their_operand() {
    assert_eq!(statements("x=*p+-y;"), "x = *p + -y;");
    assert_eq!(statements("return -EINVAL;"), "return -EINVAL;");
    assert_eq!(statements("kfree(& s->x);"), "kfree(&s->x);");
    assert_eq!(statements("if(a&&!b)return;"), "if (a && !b) return;");
    assert_eq!(statements("x=~ - y;"), "x = ~-y;");
    // Two signs are never glued into `--`.
    assert_eq!(statements("x=- -y;"), "x = - -y;");
}

#[test]
fn postfix_and_member_operators_take_none() {
    assert_eq!(statements("p -> f [i] ++;"), "p->f[i]++;");
    assert_eq!(statements("s . x = 1;"), "s.x = 1;");
}

#[test]
fn a_pointer_declarator_star_goes_against_the_name() {
    assert_eq!(statements("int * x = g;"), "int *x = g;");
    assert_eq!(statements("lu_fid * fid;"), "lu_fid *fid;");
    assert_eq!(
        declarations("int f(struct file * f, char * * argv);"),
        "int f(struct file *f, char **argv);"
    );
    assert_eq!(
        declarations("static const char * const str;"),
        "static const char * const str;"
    );
    assert_eq!(declarations("int ( * x ) [ 4 ];"), "int (*x)[4];");
}

#[test]
fn a_star_between_operands_is_a_product() {
    // The same spellings as a declaration, but the tree says product.
    assert_eq!(statements("x = a * b;"), "x = a * b;");
    assert_eq!(statements("return a * b;"), "return a * b;");
    assert_eq!(
        statements("n = sizeof(struct list_head)* *size;"),
        "n = sizeof(struct list_head) * *size;"
    );
}

#[test]
fn a_cast_goes_against_its_operand() {
    assert_eq!(
        statements("chip = (ak4117_t *) data;"),
        "chip = (ak4117_t *)data;"
    );
    assert_eq!(
        statements("return (struct dt_key *)& it->key;"),
        "return (struct dt_key *)&it->key;"
    );
    assert_eq!(
        statements("y = (int)x + sizeof x;"),
        "y = (int)x + sizeof x;"
    );
    assert_eq!(
        statements("h((void *)(unsigned long)seed, s);"),
        "h((void *)(unsigned long)seed, s);"
    );
}

#[test]
fn calls_and_sizeof_take_no_space_before_their_parenthesis() {
    assert_eq!(statements("baz (x,1);"), "baz(x, 1);");
    assert_eq!(statements("a = sizeof (*p);"), "a = sizeof(*p);");
    assert_eq!(statements("x = f(a)(b);"), "x = f(a)(b);");
    assert_eq!(statements("return (x);"), "return (x);");
}

#[test]
fn for_headers_and_control_keywords() {
    assert_eq!(
        statements("for(i=0;i<n;i++) x++;"),
        "for(i = 0;i < n;i++) x++;"
    );
    assert_eq!(statements("while(x) {y();}"), "while (x) { y(); }");
    assert_eq!(statements("switch(x) {}"), "switch (x) {}");
}

#[test]
fn a_ternary_colon_takes_spaces_a_bit_field_or_label_colon_none() {
    assert_eq!(statements("x = c?a:b;"), "x = c ? a : b;");
    assert_eq!(
        statements("x = c ? (d ? 1 : 2) : 3;"),
        "x = c ? (d ? 1 : 2) : 3;"
    );
    assert_eq!(
        declarations("struct s { u8 ready : 2; };"),
        "struct s { u8 ready:2; };"
    );
    assert_eq!(statements("out : return;"), "out: return;");
    assert_eq!(
        statements("switch (x) { case 1 : break; default : break; }"),
        "switch (x) { case 1: break; default: break; }"
    );
}

#[test]
fn initializers_and_commas() {
    assert_eq!(statements("int a[2] = {1,2};"), "int a[2] = { 1, 2 };");
    assert_eq!(
        statements("struct s v = { .x=1,.y=2 };"),
        "struct s v = { .x = 1, .y = 2 };"
    );
}

#[test]
fn tokens_of_two_trees_are_spaced_by_their_own_roles() {
    // A star of the plus code's declarator put against a star of the C file's.
    let plus = c_parser::parse("char **b;", &c_parser::ParseOptions::default()).root;
    let c = c_parser::parse("char *buf;", &c_parser::ParseOptions::default()).root;
    let star = |root: &c_parser::SyntaxNode| {
        root.descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| t.kind() == STAR)
            .expect("a star")
    };
    assert!(!space_between(&star(&plus), &star(&c)));
    let char_kw = c
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| t.kind() == CHAR_KW)
        .expect("char");
    assert!(space_between(&char_kw, &star(&plus)));
}

#[test]
fn a_binary_operator_ending_code_added_before_c_code_goes_against_it() {
    let plus = c_parser::parse_expression("3 + x", &c_parser::ParseOptions::default()).root;
    let c = c_parser::parse_expression("a", &c_parser::ParseOptions::default()).root;
    let token = |root: &c_parser::SyntaxNode, kind| {
        root.descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| t.kind() == kind)
            .expect("the token")
    };
    let (plus_op, c_operand) = (token(&plus, PLUS), token(&c, IDENT));
    assert!(!space_before_c_code(&plus_op, &c_operand));
    assert!(space_between(&plus_op, &c_operand));
    let comma = c_parser::parse_expression("f(x, y)", &c_parser::ParseOptions::default()).root;
    assert!(space_before_c_code(&token(&comma, COMMA), &c_operand));
}

#[test]
fn added_code_meets_the_c_code_after_it() {
    let options = c_parser::ParseOptions::default();
    let first = |root: &c_parser::SyntaxNode, kind| {
        root.descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| t.kind() == kind)
            .expect("the token")
    };
    // `- LPINT + int *` on `LPINT *y`: the added star goes against the C declarator.
    let added = c_parser::parse("int *p;", &options).root;
    let c = c_parser::parse("LPINT *y;", &options).root;
    assert!(star_goes_against(&first(&added, STAR), &first(&c, STAR)));
    let product = c_parser::parse_expression("a * b", &options).root;
    assert!(!star_goes_against(&first(&product, STAR), &first(&c, STAR)));
    // After its own comma, code put before C code takes a space; after a `)` it does not.
    let call = c_parser::parse_expression("f((j), k)", &options).root;
    assert!(space_after_inserted_code(
        &first(&call, COMMA),
        &first(&c, IDENT)
    ));
    assert!(!space_after_inserted_code(
        &first(&call, R_PAREN),
        &first(&c, IDENT)
    ));
}
