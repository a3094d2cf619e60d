use super::*;

fn shape(table: &MacroTable, name: &str) -> Option<MacroShape> {
    table.lookup(name).map(|info| info.shape.clone())
}

fn flow(table: &MacroTable, name: &str) -> Option<MacroFlow> {
    table.lookup(name).map(|info| info.flow.clone())
}

#[test]
fn empty_table_knows_nothing() {
    let table = MacroTable::empty();
    assert!(table.is_empty());
    assert_eq!(table.lookup("list_for_each_entry"), None);
}

#[test]
fn builtin_shapes() {
    let t = MacroTable::builtin();
    assert_eq!(shape(&t, "list_for_each_entry"), Some(MacroShape::Iterator));
    assert_eq!(shape(&t, "cfs_percpt_for_each"), Some(MacroShape::Iterator));
    assert_eq!(shape(&t, "with_imp_locked"), Some(MacroShape::Iterator));
    assert_eq!(shape(&t, "EXPORT_SYMBOL"), Some(MacroShape::Declarer));
    assert_eq!(shape(&t, "LUSTRE_RW_ATTR"), Some(MacroShape::Declarer));
    assert_eq!(
        shape(&t, "INTERVAL_TREE_DEFINE"),
        Some(MacroShape::Declarer)
    );
    assert_eq!(
        shape(&t, "__user"),
        Some(MacroShape::Attribute { takes_args: false })
    );
    assert_eq!(
        shape(&t, "__must_hold"),
        Some(MacroShape::Attribute { takes_args: true })
    );
    assert_eq!(shape(&t, "DFID"), Some(MacroShape::StringLiteral));
    assert_eq!(shape(&t, "ENTRY"), Some(MacroShape::Statement));
    assert_eq!(shape(&t, "OBD_ALLOC_PTR"), Some(MacroShape::Statement));
    assert_eq!(
        shape(&t, "container_of"),
        Some(MacroShape::TypeArguments(vec![1]))
    );
    assert_eq!(shape(&t, "min_t"), Some(MacroShape::TypeArguments(vec![0])));
    assert_eq!(shape(&t, "kmalloc"), None);
}

#[test]
fn builtin_flows() {
    let t = MacroTable::builtin();
    assert_eq!(
        flow(&t, "RETURN"),
        Some(MacroFlow::Return { value_arg: Some(0) })
    );
    assert_eq!(
        flow(&t, "RETURN_EXIT"),
        Some(MacroFlow::Return { value_arg: None })
    );
    assert_eq!(
        flow(&t, "GOTO"),
        Some(MacroFlow::Goto {
            label_arg: 0,
            value_arg: Some(1)
        })
    );
    assert_eq!(flow(&t, "LBUG"), Some(MacroFlow::NoReturn));
    assert_eq!(flow(&t, "BUG"), Some(MacroFlow::NoReturn));
    assert_eq!(flow(&t, "panic"), Some(MacroFlow::NoReturn));
    assert_eq!(shape(&t, "panic"), Some(MacroShape::Defined));
    assert_eq!(flow(&t, "LASSERT"), Some(MacroFlow::Normal));
    assert_eq!(flow(&t, "BUG_ON"), Some(MacroFlow::Normal));
}

#[test]
fn macro_file_shapes_from_bodies() {
    let mut t = MacroTable::builtin();
    let file = "\
/* Lustre-style helpers */
#define ll_foreach_child(parent, child) \\
\tfor ((child) = first_child(parent); (child); (child) = next_child(child))
#define __osd_annotation
#define __lock_held(l)
#define DPOOL \"%s.%s\"
#define MY_RETURN(val) return (val)
#define MY_EXIT return
#define BAIL(where, val) do { (void)(val); goto where; } while (0)
#define DIE() LBUG()
#define MY_CHECK(c) do { if (!(c)) LBUG(); } while (0)
#define DEFINE_POOL(name) static struct pool name = { .p_name = #name }
#define ptr_to(ptr, type, m) container_of(ptr, type, m)
#define mdt_foreach_child(m, c) ll_foreach_child(&(m)->m_root, c)
#define TWICE(x) ((x) * 2)
";
    assert_eq!(t.add_macro_file(file), Ok(()));
    assert_eq!(shape(&t, "ll_foreach_child"), Some(MacroShape::Iterator));
    assert_eq!(
        shape(&t, "__osd_annotation"),
        Some(MacroShape::Attribute { takes_args: false })
    );
    assert_eq!(
        shape(&t, "__lock_held"),
        Some(MacroShape::Attribute { takes_args: true })
    );
    assert_eq!(shape(&t, "DPOOL"), Some(MacroShape::StringLiteral));
    assert_eq!(
        flow(&t, "MY_RETURN"),
        Some(MacroFlow::Return { value_arg: Some(0) })
    );
    assert_eq!(shape(&t, "MY_RETURN"), Some(MacroShape::Statement));
    assert_eq!(
        flow(&t, "MY_EXIT"),
        Some(MacroFlow::Return { value_arg: None })
    );
    assert_eq!(
        flow(&t, "BAIL"),
        Some(MacroFlow::Goto {
            label_arg: 0,
            value_arg: Some(1)
        })
    );
    assert_eq!(flow(&t, "DIE"), Some(MacroFlow::NoReturn));
    assert_eq!(shape(&t, "DIE"), Some(MacroShape::Statement));
    assert_eq!(flow(&t, "MY_CHECK"), Some(MacroFlow::Normal));
    assert_eq!(shape(&t, "MY_CHECK"), Some(MacroShape::Statement));
    assert_eq!(shape(&t, "DEFINE_POOL"), Some(MacroShape::Declarer));
    assert_eq!(
        shape(&t, "ptr_to"),
        Some(MacroShape::TypeArguments(vec![1]))
    );
    assert_eq!(shape(&t, "mdt_foreach_child"), Some(MacroShape::Iterator));
    assert_eq!(shape(&t, "TWICE"), Some(MacroShape::Defined));
    let twice = t.lookup("TWICE").cloned();
    assert_eq!(
        twice.as_ref().and_then(|i| i.params.clone()),
        Some(vec!["x".to_string()])
    );
    assert_eq!(twice.and_then(|i| i.body), Some("((x) * 2)".to_string()));
}

#[test]
fn coccinelle_markers() {
    let mut t = MacroTable::empty();
    let file = "#define my_iter(a, b) YACFE_ITERATOR\n#define DECLARE_THING(x) YACFE_DECLARATOR\n\
                #define DBG(x) MACROSTATEMENT\n#define PFX YACFE_STRING\n#define __hot_path YACFE_ATTRIBUTE\n\
                #define cast_to(t, v) RCOCCI_TYPE_ARGS(t)\n";
    assert_eq!(t.add_macro_file(file), Ok(()));
    assert_eq!(shape(&t, "my_iter"), Some(MacroShape::Iterator));
    assert_eq!(shape(&t, "DECLARE_THING"), Some(MacroShape::Declarer));
    assert_eq!(shape(&t, "DBG"), Some(MacroShape::Statement));
    assert_eq!(shape(&t, "PFX"), Some(MacroShape::StringLiteral));
    assert_eq!(
        shape(&t, "__hot_path"),
        Some(MacroShape::Attribute { takes_args: false })
    );
    assert_eq!(
        shape(&t, "cast_to"),
        Some(MacroShape::TypeArguments(vec![0]))
    );
}

#[test]
fn aliases_resolve_whatever_the_order() {
    let mut t = MacroTable::empty();
    let file = "#define outer(a, b) inner(b, a)\n#define inner(x, y) for (x = 0; x < (y); x++)\n\
                #define FAIL_AT(rc, l) JUMP(l, rc)\n#define JUMP(label, v) goto label\n";
    assert_eq!(t.add_macro_file(file), Ok(()));
    assert_eq!(shape(&t, "outer"), Some(MacroShape::Iterator));
    assert_eq!(
        flow(&t, "FAIL_AT"),
        Some(MacroFlow::Goto {
            label_arg: 1,
            value_arg: None
        })
    );
}

#[test]
fn later_definitions_win_and_undef_forgets() {
    let mut t = MacroTable::builtin();
    assert_eq!(
        t.add_macro_file("#define ENTRY YACFE_ITERATOR\n#undef DFID\n"),
        Ok(())
    );
    assert_eq!(shape(&t, "ENTRY"), Some(MacroShape::Iterator));
    assert_eq!(t.lookup("DFID"), None);
    assert_eq!(
        t.add_macro_file("#define FOO 1\n#undef FOO\n#define BAR(x) FOO\n"),
        Ok(())
    );
    assert_eq!(t.lookup("FOO"), None);
    assert_eq!(shape(&t, "BAR"), Some(MacroShape::Defined));
}

#[test]
fn errors_keep_the_good_lines() {
    let mut t = MacroTable::empty();
    let result =
        t.add_macro_file("#define GOOD 1\nstray text\n#define (x) y\n#define ALSO_GOOD 2\n");
    let errors = result.expect_err("one bad line");
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    // `stray text` is C code, which spatch accepts in a macro file: not an error.
    assert_eq!(lines, vec![3]);
    assert!(t.lookup("GOOD").is_some());
    assert!(t.lookup("ALSO_GOOD").is_some());
}

#[test]
fn code_lines_are_accepted_and_counted() {
    let mut t = MacroTable::empty();
    let text = "#define DECLARE_BITMAP(name,bits)\n\tlong name[BITS_TO_LONGS(bits)]\n#define N 1\n";
    assert_eq!(t.add_macro_file_counting_code(text), Ok(1));
    assert!(t.lookup("DECLARE_BITMAP").is_some());
    assert!(t.lookup("N").is_some());
}

/// No input panics: random texts built from the pieces macro files are made of (a small
/// xorshift generator keeps the test deterministic without extra dependencies).
#[test]
fn random_macro_files_do_not_panic() {
    const PIECES: &[&str] = &[
        "#define ",
        "#undef ",
        "#",
        "define",
        "(",
        ")",
        ",",
        "...",
        "a",
        "b_",
        "x...",
        " ",
        "\t",
        "\\\n",
        "\n",
        "/*",
        "*/",
        "//",
        "\"",
        "'",
        "do {",
        "} while (0)",
        "return",
        "goto",
        "for (",
        "while (",
        "if (",
        ";",
        "{",
        "}",
        "#x",
        "##",
        "LBUG()",
        "container_of(",
        "é",
        "YACFE_ITERATOR",
        "RCOCCI_TYPE_ARGS(",
        "\r\n",
        "0",
        "__attribute__((",
        "static ",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let mut table = MacroTable::builtin();
        let _ = table.add_macro_file(&text);
    }
}
