//! One fixture per shape of macro use that the parser reads without knowing the macro's name
//! (docs/design/c-parser-heuristics.md). Each must parse cleanly with the built-in macro table
//! and with an empty one, round-trip, and give the tree in its snapshot.

use c_parser::{debug_tree, parse, MacroTable, ParseOptions};
use std::sync::Arc;

const SHAPES: &[(&str, &str)] = &[
    (
        "type_named_by_a_define",
        "#define REG16 unsigned short\n#define reg_ptr REG16 *\n\n\
         int read_reg(void *base)\n{\n\treg_ptr r = base;\n\
         \treturn (REG16) *r + sizeof(REG16);\n}\n",
    ),
    (
        "operator_arguments",
        "void check(int a, int b)\n{\n\tASSERT3U(a, ==, b);\n\tVERIFY_CMP(a + 1, <=, b * 2);\n}\n",
    ),
    (
        "type_arguments_of_unknown_macros",
        "void f(void *p)\n{\n\tstruct widget *w = CAST_TO(struct widget *, p);\n\
         \tunsigned long n = PICK_SIZE(unsigned long, n0);\n\tProto *pr = PROTO_OF(Proto *, p);\n}\n",
    ),
    (
        "designated_initializer_arguments",
        "void f(struct dev *ca)\n{\n\tstruct acct_key k;\n\
         \tacct_key_init(k, dev_data, .dev = ca->idx, .data_type = DATA_FREE);\n}\n",
    ),
    (
        "statement_argument",
        "DEFINE_FREE(buf_free, struct buf *, if (_T) buf_release(_T))\n\n\
         int use_buf(void)\n{\n\treturn 0;\n}\n",
    ),
    (
        "guards",
        "void f(struct box *b)\n{\n\tguard(mutex)(&b->lock);\n\
         \tscoped_guard(spinlock, &b->spin) {\n\t\tb->count++;\n\t}\n}\n",
    ),
    (
        "x_macro_lists",
        "static const char * const widget_names[] = {\n#define x(n)\t#n,\n\tWIDGET_TYPES()\n\
         #undef x\n\tNULL\n};\n\nenum widget_type {\n#define x(n)\tWIDGET_##n,\n\tWIDGET_TYPES()\n\
         #undef x\n\tWIDGET_NR\n};\n",
    ),
    (
        "x_macro_after_an_operand",
        "enum {\n#define x(n, f)\t+ !!(f)\n\tnr_flagged = 0 WIDGET_TYPES(),\n#undef x\n};\n",
    ),
    (
        "block_argument",
        "void f(int *done)\n{\n\tRUN_ONCE(init_flag, { setup_tables(); *done = 1; });\n}\n",
    ),
    (
        "declaration_arguments",
        "struct packet {\n\tstruct_group(hdr,\n\t\tu16 len;\n\t\tu16 flags;\n\t);\n\
         \tDECLARE_FLEX_ARRAY(struct entry, entries);\n\tu32 n;\n\
         \tu8 data[] __counted_by(n);\n};\n\n\
         void f(void)\n{\n\tDEBUG_ONLY(static unsigned int calls = 0);\n}\n",
    ),
    (
        "argument_prefix_before_a_literal",
        "void f(void)\n{\n\tenable_irq(DEVINFO 0);\n}\n",
    ),
    (
        "annotation_with_literal_before_declarator",
        "void *__alloc_size(2)\nbuf_realloc(void *p, size_t n)\n{\n\treturn p;\n}\n",
    ),
    (
        "compound_literal_on_the_next_line",
        "int f(void)\n{\n\treturn lookup(trans, (struct key_pos)\n\t\t{ 1, 2 }, out);\n}\n",
    ),
    (
        "macro_call_then_definition_is_not_kr",
        "GEN_PARSER(parse_u32, u32)\n\nu64 parse_list(const char *s, u64 mask)\n{\n\
         \treturn mask;\n}\n",
    ),
    (
        "modern_c",
        "static_assert(sizeof(int) == 4, \"int\");\n\n\
         #define type_name(x) _Generic((x), int: \"int\", default: \"other\")\n\n\
         void f(const int *p)\n{\n\ttypeof_unqual(*p) v = *p;\n\
         \tconst char *s = _Generic(v, int: \"int\", default: \"other\");\n}\n",
    ),
    (
        "cleanup_and_variadic_forwarding",
        "void f(struct foo *p)\n{\n\tconst struct bar *b = container_of_const(p, struct bar, foo);\n\
         \tchar *s __free(kfree) = NULL;\n\tlog_dbg(fmt __VA_OPT__(,) __VA_ARGS__);\n\
         \tscoped_guard (rcu) {\n\t\tuse(b, s);\n\t}\n}\n",
    ),
    (
        "marker_lines_in_a_struct",
        "struct job {\n\tint id;\n\tlayout_begin\n\tint prio;\n\tunsigned long flags;\n\
         \tlayout_end\n};\n\nstruct slot {\n\tvoid *p;\n\tslot_word\n\t\tcount;\n\tSLOT_TAIL\n};\n",
    ),
];

fn check(name: &str, text: &str, options: &ParseOptions) -> String {
    let parse = parse(text, options);
    assert!(parse.errors.is_empty(), "{name}: {:?}", parse.errors);
    assert_eq!(parse.root.text().to_string(), text, "{name}: round trip");
    debug_tree(&parse.root)
}

#[test]
fn each_shape_gives_its_tree() {
    for (name, text) in SHAPES {
        let tree = check(name, text, &ParseOptions::default());
        insta::assert_snapshot!(*name, tree);
    }
}

#[test]
fn each_shape_parses_without_the_macro_table() {
    let empty = ParseOptions {
        macros: Arc::new(MacroTable::empty()),
        smpl: None,
    };
    for (name, text) in SHAPES {
        check(name, text, &empty);
    }
}
