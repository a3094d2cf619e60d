//! One test per construct: kernel-style input, expected tree shape (compact dump).

use c_parser::{debug_tree, parse, ParseOptions};

fn dump(text: &str) -> String {
    let parse = parse(text, &ParseOptions::default());
    assert_eq!(parse.root.text().to_string(), text, "round trip");
    let d = debug_tree(&parse.root);
    assert!(parse.errors.is_empty(), "errors {:?} in\n{d}", parse.errors);
    d
}

/// Dump of the first statement of a function body `void f(void) { <body> }`.
fn body_dump(body: &str) -> String {
    let d = dump(&format!("void f(void)\n{{\n{body}\n}}\n"));
    let start = d.find("    COMPOUND_STMT\n      \"{\"\n").expect("body")
        + "    COMPOUND_STMT\n      \"{\"\n".len();
    let end = d.rfind("      \"}\"").unwrap_or(d.len());
    d[start..end]
        .lines()
        .map(|l| l.strip_prefix("      ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn expr_dump(expr: &str) -> String {
    body_dump(&format!("\tx = {expr};"))
}

#[test]
fn precedence_and_associativity() {
    assert_eq!(
        expr_dump("a + b * c - d"),
        "EXPR_STMT\n  ASSIGN_EXPR\n    NAME_REF \"x\"\n    \"=\"\n    BIN_EXPR\n      BIN_EXPR\n        NAME_REF \"a\"\n        \"+\"\n        BIN_EXPR\n          NAME_REF \"b\"\n          \"*\"\n          NAME_REF \"c\"\n      \"-\"\n      NAME_REF \"d\"\n  \";\""
    );
    let d = body_dump("\ta = b = c;");
    assert!(
        d.contains("ASSIGN_EXPR\n    NAME_REF \"a\"\n    \"=\"\n    ASSIGN_EXPR"),
        "{d}"
    );
    let d = expr_dump("a || b && c | d ^ e & f == g < h << i");
    assert!(d.contains("BIN_EXPR\n      NAME_REF \"a\"\n      \"||\"\n      BIN_EXPR\n        NAME_REF \"b\"\n        \"&&\""), "{d}");
}

#[test]
fn conditional_with_omitted_middle_and_comma() {
    let d = expr_dump("rc ?: -EIO");
    assert!(
        d.contains("COND_EXPR\n      NAME_REF \"rc\"\n      \"?\"\n      \":\"\n      PREFIX_EXPR"),
        "{d}"
    );
    let d = body_dump("\tfor (i = 0, j = 1; i < n; i++, j--)\n\t\t;");
    assert!(d.contains("COMMA_EXPR"), "{d}");
}

#[test]
fn cast_versus_parenthesised_expression() {
    assert!(expr_dump("(u32)val").contains("CAST_EXPR\n      \"(\"\n      TYPE_NAME\n        DECL_SPECS\n          TYPEDEF_NAME \"u32\""));
    assert!(expr_dump("(struct lu_fid *)buf").contains("CAST_EXPR"));
    assert!(expr_dump("(foo_t *)ptr").contains("CAST_EXPR"));
    assert!(expr_dump("(unsigned long)-1").contains("CAST_EXPR"));
    assert!(expr_dump("(a) - 1").contains("BIN_EXPR\n      PAREN_EXPR"));
    assert!(expr_dump("(fn)(arg)").contains("CALL_EXPR\n      PAREN_EXPR"));
    assert!(expr_dump("(struct lu_buf){ .lb_buf = NULL }").contains("COMPOUND_LITERAL"));
}

#[test]
fn sizeof_typeof_alignof() {
    let d = expr_dump("sizeof(struct foo) + sizeof(*p) + sizeof x + __alignof__(u64)");
    assert_eq!(d.matches("SIZEOF_EXPR").count(), 3, "{d}");
    assert_eq!(d.matches("TYPE_NAME").count(), 2, "{d}");
    assert!(
        d.contains("PAREN_EXPR\n") && d.contains("NAME_REF \"x\""),
        "{d}"
    );
    assert!(d.contains("ALIGNOF_EXPR"), "{d}");
    assert!(dump("typeof(a->b) tmp;\n").contains("TYPEOF_SPEC"));
    assert!(expr_dump("sizeof(foo_t)").contains("TYPE_NAME"));
}

#[test]
fn gnu_statement_expression_and_label_address() {
    let d = expr_dump("({ int __x = f(); __x + 1; })");
    assert!(
        d.contains("STMT_EXPR\n      \"(\"\n      COMPOUND_STMT"),
        "{d}"
    );
    assert!(expr_dump("&&out").contains("LABEL_ADDR_EXPR"));
}

#[test]
fn declarators() {
    let d = dump("static int *(*handlers[4])(struct req *, int);\n");
    assert!(
        d.contains("ARRAY_DECLARATOR")
            && d.contains("PAREN_DECLARATOR")
            && d.contains("FUNCTION_DECLARATOR"),
        "{d}"
    );
    let d = dump("struct obd_ops {\n\tint (*o_setup)(struct obd_device *dev);\n\tunsigned int o_flags:4, o_dead:1;\n};\n");
    assert!(d.contains("BIT_FIELD") && d.contains("FIELD_DECL"), "{d}");
    let d = dump("char __user *buf, name[NAME_MAX + 1] = \"x\";\n");
    assert!(d.contains("ATTRIBUTE \"__user\""), "{d}");
}

#[test]
fn initializers_designated_and_nested() {
    let d = dump("static const struct file_operations ll_fops = {\n\t.owner = THIS_MODULE,\n\t.read_iter = ll_file_read_iter,\n\t.flags = { [0] = 1, [2 ... 5] = 3 },\n\t{ 1, 2 },\n};\n");
    assert_eq!(d.matches("DESIGNATED_INIT").count(), 5, "{d}");
    assert_eq!(d.matches("INITIALIZER_LIST").count(), 3, "{d}");
}

#[test]
fn struct_union_enum_typedef() {
    let d = dump("typedef struct lu_foo {\n\tunion { __u32 a; __u64 b; };\n} lu_foo_t;\nenum lu_state { LS_A = 1 << 0, LS_B, };\nlu_foo_t *g;\n");
    assert!(
        d.contains("UNION_SPEC")
            && d.contains("ENUMERATOR_LIST")
            && d.contains("TYPEDEF_NAME \"lu_foo_t\""),
        "{d}"
    );
}

#[test]
fn knr_function_definition() {
    let d = dump("int old_style(a, b)\n\tint a;\n\tchar *b;\n{\n\treturn a;\n}\n");
    assert!(
        d.contains("FUNCTION_DEF") && d.contains("KR_PARAM_DECLS"),
        "{d}"
    );
}

#[test]
fn statements() {
    let d = body_dump("\tswitch (op) {\n\tcase 1 ... 3:\n\tcase OP_X:\n\t\tbreak;\n\tdefault:\n\t\tgoto out;\n\t}\nout:\n\tdo {\n\t\ti++;\n\t} while (i < 10);\n\twhile (x) continue;\n\treturn;");
    for kind in [
        "SWITCH_STMT",
        "CASE_LABEL",
        "DEFAULT_LABEL",
        "GOTO_STMT",
        "LABEL_STMT",
        "DO_STMT",
        "WHILE_STMT",
        "CONTINUE_STMT",
        "RETURN_STMT",
        "BREAK_STMT",
    ] {
        assert!(d.contains(kind), "{kind} in {d}");
    }
    let d = body_dump(
        "\tasm volatile(\"mfence\" ::: \"memory\");\n\tif (a) b(); else if (c) d(); else e();",
    );
    assert!(d.contains("ASM_STMT") && d.contains("IF_STMT"), "{d}");
}

#[test]
fn iterator_macros_take_their_body() {
    let d = body_dump("\tlist_for_each_entry(pos, head, member) {\n\t\tfoo(pos);\n\t}");
    assert!(
        d.starts_with("ITERATOR_STMT\n  NAME_REF \"list_for_each_entry\"\n  ARG_LIST"),
        "{d}"
    );
    assert!(d.contains("  COMPOUND_STMT"), "{d}");
    let d = body_dump("\tcfs_hash_for_each_bucket(hs, bd, i)\n\t\tcount++;");
    assert!(
        d.starts_with("ITERATOR_STMT") && d.contains("  EXPR_STMT"),
        "{d}"
    );
    let d = body_dump("\twith_imp_locked(obd, imp, rc) {\n\t\trc = 1;\n\t}");
    assert!(d.starts_with("ITERATOR_STMT"), "{d}");
}

#[test]
fn statement_macros() {
    let d = body_dump("\tENTRY;\n\tCDEBUG(D_INFO, \"obj \" DFID \" state %d\\n\", PFID(fid), st);\n\tEXIT\n\tLBUG();");
    assert!(
        d.contains("STRING_EXPR \"\\\"obj \\\"\" \"DFID\" \"\\\" state %d\\\\n\\\"\""),
        "{d}"
    );
    assert!(d.contains("MACRO_STMT\n  NAME_REF \"EXIT\""), "{d}");
}

#[test]
fn top_level_declarer_macros() {
    let d = dump("EXPORT_SYMBOL(ldlm_lock_put);\nmodule_param(max_age, int, 0644);\nMODULE_PARM_DESC(max_age, \"age\");\nINTERVAL_TREE_DEFINE(struct lock, rb, u64, last, START, LAST, static, ext)\nstatic int x;\n");
    assert_eq!(d.matches("MACRO_DECL").count(), 4, "{d}");
    assert!(d.contains("DECLARATION"), "{d}");
}

#[test]
fn prototypes_with_implicit_int_are_no_macro_calls() {
    // A name then a parameter written with type keywords is a prototype (`int` return type
    // left out); a type alone or a struct tag as first argument keeps it a macro call.
    let d = dump(
        "setup (int argc, char **argv);\nprobe (void);\nDEFINE_PER_CPU(int, ticks);\n\
                  DECLARE_LIST(struct node, nodes);\n",
    );
    assert_eq!(d.matches("MACRO_DECL").count(), 2, "{d}");
    assert_eq!(d.matches("FUNCTION_DECLARATOR").count(), 2, "{d}");
}

#[test]
fn type_arguments_of_macros() {
    let d = body_dump("\tobj = container_of(p, struct lu_object, lo_list);\n\tn = min_t(u32, a, b);\n\toff = offsetof(struct lu_buf, lb_buf[2].x);\n\te = list_first_entry(&h, struct lu_ent, le_list);");
    assert_eq!(d.matches("TYPE_NAME").count(), 4, "{d}");
}

#[test]
fn annotations_in_declarations() {
    let d = dump("static int __init foo_init(void)\n{\n\treturn 0;\n}\nstatic void bar(struct s *s)\n__must_hold(&s->lock)\n__releases(x)\n{\n\tswitch (x) {\n\tcase 1:\n\t\tfallthrough;\n\tdefault:\n\t\tbreak;\n\t}\n}\nint x __attribute__((aligned(8))) = 0;\nstruct k __rcu *ptr;\n");
    assert_eq!(d.matches("FUNCTION_DEF").count(), 2, "{d}");
    assert!(
        d.contains("ATTRIBUTE \"__init\"") && d.contains("ATTRIBUTE \"__must_hold\""),
        "{d}"
    );
}

#[test]
fn unknown_typedef_names_from_context() {
    let d = body_dump("\tu32 x;\n\tloff_t *pos = NULL;\n\tstruct lu_env *env;\n\tmy_type val = 1, other;\n\tblob_handle *h;");
    assert_eq!(d.matches("DECLARATION").count(), 5, "{d}");
    assert!(dump("int f(my_ctx *ctx, my_flags_t flags);\n").contains("TYPEDEF_NAME \"my_ctx\""));
}

#[test]
fn ifdef_inside_function_bodies() {
    let d = dump("int f(void)\n{\n#ifdef HAVE_A\n\tif (a) {\n#else\n\tif (b) {\n#endif\n\t\tfoo();\n\t}\n\treturn 0;\n}\n");
    assert!(d.contains("inactive:"), "{d}");
    dump("int g(void)\n{\n\trc = foo(a,\n#ifdef X\n\t\tb\n#else\n\t\tc\n#endif\n\t\t);\n\treturn rc;\n}\n");
    dump("#ifdef X\nstatic int h(int a)\n#else\nstatic int h(long a)\n#endif\n{\n\treturn 0;\n}\n");
    dump("#if 0\nthis is not C at all {\n#endif\nint k;\n");
}

#[test]
fn ifdef_splitting_conditions_and_expressions() {
    let d = dump("int f(void)\n{\n\tif (a &&\n#ifdef HAVE_B\n\t    b)\n#else\n\t    c)\n#endif\n\t\tfoo();\n\treturn 0;\n}\n");
    assert!(d.contains("IF_STMT") && d.contains("inactive:\"c\""), "{d}");
    let d = dump(
        "int g(void)\n{\n\tx = a +\n#ifdef HAVE_B\n\t\tb;\n#else\n\t\tc;\n#endif\n\treturn x;\n}\n",
    );
    assert!(d.contains("RETURN_STMT"), "{d}");
    let d = dump("int h(void)\n{\n#ifdef HAVE_B\n\tif (a)\n#else\n\tif (b)\n#endif\n\t\tfoo();\n\treturn 0;\n}\n");
    assert!(d.contains("RETURN_STMT"), "{d}");
    let d =
        dump("static const struct ops o = {\n\t.a = 1,\n#ifdef HAVE_B\n\t.b = 2,\n#endif\n};\n");
    assert_eq!(d.matches("DESIGNATED_INIT").count(), 2, "{d}");
}

#[test]
fn extern_c_blocks_and_casts_with_annotations() {
    let d = dump(
        "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n#ifdef __cplusplus\n}\n#endif\n",
    );
    assert!(d.contains("LINKAGE_SPEC"), "{d}");
    let d = expr_dump("(__force u32)htonl(ip)");
    assert!(d.contains("CAST_EXPR"), "{d}");
}

#[test]
fn declarer_and_argument_macros() {
    dump("static DEFINE_HASHTABLE(keys, 6);\nstatic LIST_HEAD(waiting);\n");
    let d = body_dump("\trc = class_match_param(ptr, PARAM_OSC PARAM_ACTIVE, &tmp);\n\tdmu_buf_fill_done(db, oh->ot_tx LL_BFILL);");
    assert!(
        d.contains("STRING_EXPR \"PARAM_OSC\" \"PARAM_ACTIVE\""),
        "{d}"
    );
    assert!(d.contains("MACRO_SUFFIX_EXPR"), "{d}");
    let d = body_dump("\tif WIFSIGNALED(status) {\n\t\tx = 1;\n\t}");
    assert!(d.starts_with("IF_STMT"), "{d}");
}

#[test]
fn declarer_macros_in_blocks() {
    let opts = {
        let mut t = c_parser::MacroTable::empty();
        t.insert(
            "DECLARE_WAITQUEUE",
            c_parser::MacroInfo {
                shape: c_parser::MacroShape::Declarer,
                flow: c_parser::MacroFlow::Normal,
                params: None,
                body: None,
            },
        );
        ParseOptions {
            macros: std::sync::Arc::new(t),
            smpl: None,
        }
    };
    let text =
        "void f(void)\n{\n\tDECLARE_WAITQUEUE(wait, current);\n\tadd_wait_queue(&q, &wait);\n}\n";
    let p = parse(text, &opts);
    let d = debug_tree(&p.root);
    assert!(
        p.errors.is_empty() && d.contains("MACRO_DECL\n        NAME_REF \"DECLARE_WAITQUEUE\""),
        "{d}"
    );
}

#[test]
fn initializer_elements_from_macros_without_commas() {
    let d = dump("static struct clk_stub stubs[] = {\n\tDEFINE_CLK_STUB(CLK_GPU)\n\tDEFINE_CLK_STUB(CLK_DDR)\n};\n");
    assert_eq!(d.matches("CALL_EXPR").count(), 2, "{d}");
}
