//! The multi-rule system end to end: inheritance of types, positions and attached terms,
//! fresh identifiers, `depends on` per environment and `-D name=value`. Each case was
//! checked against spatch 1.1.1 when written; the expected texts are its output.

use cocci::api::SemanticPatch;

fn apply(rules: &str, defines: &[&str], c: &str) -> Option<String> {
    let patch = SemanticPatch::parse_with(rules, defines).expect("the rule file parses");
    patch
        .apply_to_text("drivers/misc/dev.c", c)
        .expect("the file is processed")
        .new_text
}

#[test]
fn an_inherited_type_names_the_type_of_a_local_expression() {
    let rules = "@has_timer@\ntype T;\nT *dev;\nidentifier fld;\n@@\nmod_timer(&dev->fld, ...)\n\n\
                 @@\nhas_timer.T *dev;\nidentifier has_timer.fld;\n@@\n\
                 - del_timer(&dev->fld);\n+ del_timer_sync(&dev->fld);\n";
    let c = "struct port {\n\tstruct timer_list poll;\n};\n\nstruct card {\n\tstruct timer_list poll;\n};\n\n\
             static void port_start(struct port *port)\n{\n\tmod_timer(&port->poll, jiffies + HZ);\n}\n\n\
             static void port_stop(struct port *port)\n{\n\tdel_timer(&port->poll);\n}\n\n\
             static void card_stop(struct card *card)\n{\n\tdel_timer(&card->poll);\n}\n";
    let want = c.replacen("del_timer(&port->poll)", "del_timer_sync(&port->poll)", 1);
    assert_eq!(apply(rules, &[], c), Some(want));
}

#[test]
fn a_fresh_identifier_is_built_from_an_inherited_name() {
    let rules = "@r@\nidentifier fn;\n@@\nstatic int fn(...)\n{\n\t...\n\tspin_lock(...);\n\t...\n}\n\n\
                 @@\nfresh identifier locked = r.fn ## \"_locked\";\n@@\n- r_call();\n+ locked();\n";
    let c = "static int port_reset(void)\n{\n\tspin_lock(&port_lock);\n\treturn 0;\n}\n\n\
             static void port_probe(void)\n{\n\tr_call();\n}\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(c.replace("\tr_call();", "\tport_reset_locked();"))
    );
}

#[test]
fn a_string_seed_is_numbered_once_per_match() {
    let rules = "@@\nfresh identifier tmp = \"tmp\";\nexpression E;\n@@\n\
                 - swap_values(E);\n+ { int tmp = E; E = -tmp; }\n";
    let c = "static void flip(int a, int b)\n{\n\tswap_values(a);\n\tswap_values(b);\n}\n";
    assert_eq!(
        apply(rules, &[], c).as_deref(),
        Some(
            "static void flip(int a, int b)\n{\n\t{\n\t\tint tmp0 = a;\n\t\ta = -tmp0;\n\t}\n\
             \t{\n\t\tint tmp1 = b;\n\t\tb = -tmp1;\n\t}\n}\n"
        )
    );
}

#[test]
fn a_position_excludes_the_places_an_earlier_rule_matched() {
    let rules = "@checked@\nexpression E;\nposition p;\n@@\nif (E)\n\tkfree@p(E);\n\n\
                 @@\nexpression E;\nposition p != checked.p;\n@@\n\
                 - kfree@p(E);\n+ kfree_sensitive(E);\n";
    let c = "static void key_free(struct key *key, char *secret)\n{\n\tif (secret)\n\
             \t\tkfree(secret);\n\tkfree(key);\n}\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(c.replace("\tkfree(key);", "\tkfree_sensitive(key);"))
    );
}

#[test]
fn a_position_constraint_on_a_rule_that_did_not_match_excludes_nothing() {
    let rules = "@checked@\nexpression E;\nposition p;\n@@\nif (E)\n\tkfree@p(E);\n\n\
                 @@\nexpression E;\nposition p != checked.p;\n@@\n\
                 - kfree@p(E);\n+ kfree_sensitive(E);\n";
    let c = "static void key_free(struct key *key)\n{\n\tkfree(key);\n}\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(c.replace("kfree(key)", "kfree_sensitive(key)"))
    );
}

#[test]
fn depends_on_is_decided_per_inherited_environment() {
    // `locks` matched for dev_ioctl only: the last rule runs for ctl_ioctl alone.
    let rules = "@ops@\nidentifier ops_name, handler;\n@@\n\
                 struct file_operations ops_name = {\n\t.unlocked_ioctl = handler,\n};\n\n\
                 @locks depends on ops@\nidentifier ops.handler;\n@@\n\
                 handler(...)\n{\n\t...\n\tmutex_lock(...);\n\t...\n}\n\n\
                 @depends on !locks@\nidentifier ops.handler;\n@@\n\
                 - handler\n+ handler_nolock\n  (...) {...}\n";
    let c = "static long dev_ioctl(struct file *f, unsigned int cmd, unsigned long arg)\n{\n\
             \tmutex_lock(&dev_mutex);\n\treturn 0;\n}\n\n\
             static long ctl_ioctl(struct file *f, unsigned int cmd, unsigned long arg)\n{\n\
             \treturn 0;\n}\n\n\
             static const struct file_operations dev_fops = {\n\t.unlocked_ioctl = dev_ioctl,\n};\n\n\
             static const struct file_operations ctl_fops = {\n\t.unlocked_ioctl = ctl_ioctl,\n};\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(c.replacen("static long ctl_ioctl(", "static long handler_nolock(", 1))
    );
}

#[test]
fn a_virtual_identifier_takes_its_value_from_the_command_line() {
    let rules =
        "virtual patch\n\n@depends on patch@\nidentifier virtual.old_api;\nexpression E;\n@@\n\
                 - old_api(E);\n+ new_api(E);\n";
    let c =
        "static void dev_exit(struct dev *dev)\n{\n\tdev_put_ref(dev);\n\tdev_release(dev);\n}\n";
    assert_eq!(
        apply(rules, &["patch", "old_api=dev_put_ref"], c),
        Some(c.replace("dev_put_ref(dev)", "new_api(dev)"))
    );
    // Without a value the rule has nothing to match with.
    assert_eq!(apply(rules, &["patch"], c), None);
}

#[test]
fn attached_metavariables_float_up_to_the_enclosing_term() {
    let rules = "@r@\nexpression E;\nstatement S;\n@@\nkmalloc(...)@E@S\n\n\
                 @@\nstatement r.S;\nexpression r.E;\n@@\n+ trace_alloc(E);\n  S\n";
    let c = "static int buf_init(struct buf *b)\n{\n\tb->data = kmalloc(b->size, GFP_KERNEL);\n\
             \treturn 0;\n}\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(c.replace(
            "\tb->data =",
            "\ttrace_alloc(kmalloc(b->size, GFP_KERNEL));\n\tb->data ="
        ))
    );
}

#[test]
fn positions_after_dots_are_bound_on_each_path() {
    // The second assignment is the one `reused` saw: only the dead store is removed.
    let rules = "@s@\nidentifier i;\nposition p0;\n@@\ni =@p0 ...;\n\n\
                 @reused exists@\nidentifier s.i;\nposition s.p0, p;\n@@\n\
                 i =@p0 ...;\n...\ni =@p <+... i ...+>;\n\n\
                 @@\nidentifier s.i;\nposition s.p0;\nposition p != reused.p;\n@@\n\
                 - i =@p0 ...;\n... when strict\n  i =@p ...;\n";
    let c = "static void count(void)\n{\n\tn = 12;\n\tn = n + 1;\n}\n\n\
             static void reset(void)\n{\n\tn = 12;\n\tn = 1;\n}\n";
    assert_eq!(
        apply(rules, &[], c).as_deref(),
        Some(
            "static void count(void)\n{\n\tn = 12;\n\tn = n + 1;\n}\n\n\
             static void reset(void)\n{\n\tn = 1;\n}\n"
        )
    );
}

#[test]
fn an_include_is_added_once_after_the_last_unconditional_match() {
    let rules = "@@\n@@\n  #include <linux/...>\n+ #include <linux/mutex.h>\n";
    let c = "#include <linux/module.h>\n#include <linux/slab.h>\n#ifdef CONFIG_DEBUG_FS\n\
             #include <linux/debugfs.h>\n#endif\n\nstatic DEFINE_MUTEX(dev_lock);\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(c.replace(
            "#include <linux/slab.h>\n",
            "#include <linux/slab.h>\n#include <linux/mutex.h>\n"
        ))
    );
}

#[test]
fn an_include_added_before_goes_before_the_first_match() {
    let rules = "@@\n@@\n+ #include <linux/mutex.h>\n  #include <linux/...>\n";
    let c = "#include <linux/module.h>\n#include <linux/slab.h>\n\nstatic int dev_count;\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(format!("#include <linux/mutex.h>\n{c}"))
    );
}

#[test]
fn a_type_constraint_names_an_inherited_type() {
    let rules =
        "@small@\ntype T;\nidentifier fld;\n@@\nstruct dev_stats {\n\t...\n\tT fld;\n\t...\n};\n\n\
                 @@\ntype T = small.T;\nidentifier x;\n@@\n- T x = 0;\n+ T x = 1;\n";
    let c = "struct dev_stats {\n\tu16 errors;\n};\n\nstatic void dev_reset(void)\n{\n\
             \tu16 count = 0;\n\tu32 total = 0;\n}\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(c.replace("u16 count = 0", "u16 count = 1"))
    );
}

#[test]
fn a_define_body_knows_the_files_typedefs_and_globals() {
    let rules = "@ disable all @\ntype T;\nconst T[] E;\n@@\n\
                 - (sizeof(E)/sizeof(T))\n+ ARRAY_SIZE(E)\n";
    let c = "typedef struct quirk {\n\tu16 vendor;\n\tu16 device;\n} quirk_t;\n\n\
             static const quirk_t quirks[] = {\n\t{ 0x8086, 0x1234 },\n};\n\
             #define NUM_QUIRKS (sizeof(quirks)/sizeof(quirk_t))\n";
    assert_eq!(
        apply(rules, &[], c),
        Some(c.replace("(sizeof(quirks)/sizeof(quirk_t))", "ARRAY_SIZE(quirks)"))
    );
}
