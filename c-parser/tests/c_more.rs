//! More constructs, each with the shape it must produce.

use c_parser::{debug_tree, lex, parse, LexMode, ParseOptions, SyntaxKind};

fn clean(text: &str) -> String {
    let p = parse(text, &ParseOptions::default());
    assert_eq!(p.root.text().to_string(), text);
    let d = debug_tree(&p.root);
    assert!(p.errors.is_empty(), "errors {:?} in\n{d}", p.errors);
    d
}

fn kinds(text: &str) -> Vec<SyntaxKind> {
    lex(text, LexMode::C)
        .into_iter()
        .map(|t| t.kind)
        .filter(|k| !k.is_trivia())
        .collect()
}

#[test]
fn lexing_literals_and_line_endings() {
    use SyntaxKind::*;
    assert_eq!(
        kinds("L\"wide\" u8\"s\" 'a' '\\n' L'x' \"a\\\"b\""),
        vec![STRING, STRING, CHAR_LIT, CHAR_LIT, CHAR_LIT, STRING]
    );
    assert_eq!(
        kinds("0x10ULL 017 1e-3 0x1p-2 .5f 1UL"),
        vec![
            INT_NUMBER,
            INT_NUMBER,
            FLOAT_NUMBER,
            FLOAT_NUMBER,
            FLOAT_NUMBER,
            INT_NUMBER
        ]
    );
    assert_eq!(
        kinds("a->b ... <<= >>= ## %:"),
        vec![IDENT, ARROW, IDENT, ELLIPSIS, SHL_EQ, SHR_EQ, HASH2, HASH]
    );
    let crlf = "int x;\r\n#define A 1\r\nint y;\r\n";
    let toks = lex(crlf, LexMode::C);
    assert!(toks
        .iter()
        .any(|t| t.kind == DIRECTIVE && t.len as usize == "#define A 1".len()));
    clean(crlf);
}

#[test]
fn typedefs_declared_in_the_file_are_types() {
    let d = clean("typedef struct lu_obj lu_obj_handle;\nvoid f(void)\n{\n\tlu_obj_handle *h = NULL;\n\tx = (lu_obj_handle *)p;\n}\n");
    assert!(
        d.contains("TYPEDEF_NAME \"lu_obj_handle\"") && d.contains("CAST_EXPR"),
        "{d}"
    );
}

#[test]
fn function_pointers_variadics_and_arrays_of_pointers() {
    let d = clean("int printk(const char *fmt, ...);\nvoid (*signal(int sig, void (*func)(int)))(int);\nchar *names[4][2];\n");
    assert!(d.contains("\"...\""), "{d}");
    assert_eq!(d.matches("FUNCTION_DECLARATOR").count(), 4, "{d}");
}

#[test]
fn computed_goto_and_asm_goto() {
    let d = clean("void f(void)\n{\n\tstatic void *tbl[] = { &&l1, &&l2 };\n\tgoto *tbl[i];\nl1:\n\tasm goto(\"jmp %l0\" :::: l2);\nl2:\n\treturn;\n}\n");
    assert!(
        d.contains("GOTO_STMT\n        \"goto\"\n        PREFIX_EXPR"),
        "{d}"
    );
    assert!(
        d.contains("LABEL_ADDR_EXPR") && d.contains("ASM_STMT"),
        "{d}"
    );
}

#[test]
fn gnu_and_c11_keywords() {
    let d = clean("_Static_assert(sizeof(int) == 4, \"int\");\n__extension__ typedef unsigned long long u64x;\nint g(void)\n{\n\ttypeof(*p) v = _Generic(x, int: 1, default: 0);\n\treturn __builtin_offsetof(struct s, f) + __builtin_va_arg(ap, int);\n}\n");
    for k in ["STATIC_ASSERT", "TYPEOF_SPEC", "GENERIC_EXPR"] {
        assert!(d.contains(k), "{k} in {d}");
    }
    assert_eq!(d.matches("TYPE_NAME").count(), 3, "{d}");
}

#[test]
fn nested_designators() {
    let d = clean("struct s v = { .a.b = 1, [0].x = 2, .arr[3] = 4 };\n");
    assert_eq!(d.matches("DESIGNATOR").count(), 6, "{d}");
}

#[test]
fn implicit_int_and_old_style_definitions() {
    let d = clean("static count;\nmain()\n{\n\treturn 0;\n}\n");
    assert!(d.contains("FUNCTION_DEF"), "{d}");
}

#[test]
fn statement_expressions_in_macro_arguments() {
    let d = clean("void f(void)\n{\n\tWARN_ON(({ int __c = check(x); __c; }));\n}\n");
    assert!(d.contains("STMT_EXPR"), "{d}");
}

#[test]
fn comments_and_directives_are_trivia_inside_constructs() {
    let d = clean("int f(int a, /* the b */ int b)\n{\n#define LOCAL 1\n\treturn a + /* sum */ b; // done\n}\n");
    assert!(!d.contains("the b") && !d.contains("LOCAL"), "{d}");
}

#[test]
fn syntax_errors_stay_local() {
    let text = "int a;\nvoid f(void)\n{\n\tx = ;\n\ty = 2;\n}\nint b;\n";
    let p = parse(text, &ParseOptions::default());
    assert_eq!(p.root.text().to_string(), text);
    assert!(!p.errors.is_empty());
    assert_eq!(p.bad_lines(text), 1, "{:?}", p.errors);
    let d = debug_tree(&p.root);
    assert!(
        d.contains("NAME_REF \"y\"") && d.matches("DECLARATION").count() == 2,
        "{d}"
    );
}

#[test]
fn brace_mismatch_is_confined_by_kernel_layout() {
    // One `{` missing: the extra `}` is the error, the rest of the function is intact.
    let text = "int f(void)\n{\n\tfoo();\n\t\tbar();\n\t}\n\tbaz();\n\treturn 0;\n}\n\nint g(void)\n{\n\treturn 1;\n}\n";
    let p = parse(text, &ParseOptions::default());
    assert_eq!(p.bad_lines(text), 1, "{:?}", p.errors);
    assert_eq!(debug_tree(&p.root).matches("FUNCTION_DEF").count(), 2);
    // One `}` missing: the next function is not swallowed.
    let text = "int f(void)\n{\n\tif (x) {\n\t\tfoo();\n\treturn 0;\n}\n\nint g(void)\n{\n\treturn 1;\n}\n";
    let p = parse(text, &ParseOptions::default());
    let d = debug_tree(&p.root);
    assert_eq!(d.matches("\n  FUNCTION_DEF").count(), 2, "{d}");
    assert!(p.bad_lines(text) <= 1, "{:?}", p.errors);
}

#[test]
fn annotations_named_after_the_name_and_file_defines() {
    let d = clean("static int max_age __read_mostly = 10;\nstruct cfs_cpt_table *cfs_cpt_tab __read_mostly;\n");
    assert!(
        d.contains("NAME \"max_age\"") && d.contains("NAME \"cfs_cpt_tab\""),
        "{d}"
    );
    let d =
        clean("#define ll_last_arg\nint ll_create(umode_t mode ll_last_arg)\n{\n\treturn 0;\n}\n");
    assert!(
        d.contains("NAME \"mode\"") && d.contains("ATTRIBUTE \"ll_last_arg\""),
        "{d}"
    );
    let d = clean("SERVER_ONLY struct obd_type *class_get_type(const char *name);\n");
    assert!(d.contains("ATTRIBUTE \"SERVER_ONLY\""), "{d}");
}

#[test]
fn missing_function_header_or_brace_stays_local() {
    let text = "int a;\n{\n\tfoo();\n\treturn 0;\n}\nint b;\n";
    let p = parse(text, &ParseOptions::default());
    assert_eq!(p.bad_lines(text), 1, "{:?}", p.errors);
    assert!(debug_tree(&p.root).contains("RETURN_STMT"));
    let text = "int f(void)\n\tint x = 1;\n\treturn x;\n}\n\nint g(void)\n{\n\treturn 1;\n}\n";
    let p = parse(text, &ParseOptions::default());
    assert_eq!(p.bad_lines(text), 1, "{:?}", p.errors);
    assert_eq!(debug_tree(&p.root).matches("\n  FUNCTION_DEF").count(), 2);
}

#[test]
fn a_function_indented_as_a_whole_ends_at_its_own_brace() {
    // The layout of a `#define` body that defines a function: every line is indented, so the
    // kernel's column-0 braces say nothing about where the function ends.
    let d = clean(
        "\tstatic void *ptlrpc_key_init(const struct lu_context *ctx)\n\t{\n\t\tstruct ptlrpc_thread_info *info;\n\n\t\treturn info;\n\t}\n\tstruct __ptlrpc__dummy_init { ; };\n",
    );
    assert_eq!(d.matches("FUNCTION_DEF").count(), 1, "{d}");
    assert!(d.contains("STRUCT_SPEC"), "{d}");
}
