use super::*;

const ILP32: Option<IntSizes> = Some(IntSizes {
    int_bits: 32,
    long_bits: 32,
});
const LP64: Option<IntSizes> = Some(IntSizes {
    int_bits: 32,
    long_bits: 64,
});

#[test]
fn constants_are_int_unless_the_sizes_are_known() {
    assert_eq!(int_constant_type("4294967296", None), "int");
    assert_eq!(int_constant_type("7u", None), "unsigned int");
    assert_eq!(int_constant_type("7UL", None), "unsigned long");
    assert_eq!(int_constant_type("7ll", None), "long long");
    assert_eq!(int_constant_type("1.5", None), "double");
}

#[test]
fn large_decimal_constants_widen_by_the_sizes() {
    assert_eq!(int_constant_type("2147483647", LP64), "int");
    assert_eq!(int_constant_type("2147483648", LP64), "long");
    assert_eq!(
        int_constant_type("9223372036854775808", LP64),
        "unsigned long"
    );
    assert_eq!(int_constant_type("2147483648", ILP32), "unsigned long");
    assert_eq!(int_constant_type("4294967296", ILP32), "long long");
    assert_eq!(
        int_constant_type("4294967296u", ILP32),
        "unsigned long long"
    );
}

#[test]
fn hexadecimal_constants_may_be_unsigned() {
    assert_eq!(int_constant_type("0x7fffffff", LP64), "int");
    assert_eq!(int_constant_type("0xffffffff", LP64), "unsigned int");
    assert_eq!(int_constant_type("0x100000000", LP64), "long");
    assert_eq!(int_constant_type("037777777777", LP64), "unsigned int");
}

#[test]
fn one_size_given_sets_the_other_as_spatch_does() {
    assert_eq!(
        IntSizes::from_options(Some(16), None),
        Some(IntSizes {
            int_bits: 16,
            long_bits: 32
        })
    );
    assert_eq!(IntSizes::from_options(None, Some(64)), LP64);
    assert_eq!(IntSizes::from_options(None, None), None);
}

/// The types of the call arguments of `text`, in order.
fn argument_types(text: &str) -> Vec<Option<String>> {
    let root = c_parser::parse(text, &c_parser::ParseOptions::default()).root;
    let env = TypeEnv::collect(&root);
    root.descendants()
        .filter(|n| n.kind() == SyntaxKind::ARG_LIST)
        .flat_map(|args| sig_children(&args))
        .filter(|a| {
            !matches!(
                a.kind(),
                SyntaxKind::L_PAREN | SyntaxKind::R_PAREN | SyntaxKind::COMMA
            )
        })
        .map(|a| env.type_of(&a))
        .collect()
}

#[test]
fn a_function_name_is_a_pointer_to_the_function() {
    let text = "static int ll_open(struct inode *inode, struct file *file) { return 0; }
struct dentry *ll_lookup(struct inode *dir, const char *name, ...);
void ll_register(void)
{
	set_open(ll_open);
	set_open(&ll_open);
	set_lookup(ll_lookup);
}
void ll_shadowed(long ll_open)
{
	set_open(ll_open);
}
";
    let open = Some("int(*)(struct inode *inode, struct file *file)".to_string());
    assert_eq!(
        argument_types(text),
        vec![
            open.clone(),
            open,
            Some("struct dentry *(*)(struct inode *dir, const char *name, ...)".to_string()),
            Some("long".to_string()),
        ]
    );
}

#[test]
fn a_function_pointer_is_its_function_type_then_a_star() {
    assert_eq!(
        type_words(&normalize_type("int(*)(int c, int d)"), true),
        ["int(int c, int d)", "*"]
    );
    assert_eq!(
        type_words(&normalize_type("struct buf * (*)(void)"), true),
        ["struct buf *(void)", "*"]
    );
    assert_eq!(
        type_words(&normalize_type("int(*)(int c, int d)"), false),
        ["int(*)(int", "c,", "int", "d)"]
    );
    assert_eq!(
        type_words(&normalize_type("struct buf*"), true),
        ["struct", "buf", "*"]
    );
}
