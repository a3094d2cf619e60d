//! Script rules end to end: rule files in the style of the kernel's and Lustre's, run by the
//! rcocci binary on fixtures written for these tests. Each expected output is what spatch
//! 1.1.1 prints for the same command (checked by hand when the test was written; spatch
//! names its diff headers differently, so only the hunks are compared). Python rules need a
//! `python3` on PATH, OCaml rules an `ocaml` toplevel.

mod support;
use support::{run_in, stdout};

/// The hunks of a diff (without its `---`/`+++` headers).
fn hunks(diff: &str) -> String {
    diff.lines()
        .filter(|l| !l.starts_with("--- ") && !l.starts_with("+++ "))
        .map(|l| format!("{l}\n"))
        .collect()
}

const LL_FILE: &str = "static int ll_file_open(struct inode *inode, struct file *file)
{
\treturn 0;
}

static int ll_file_release(struct inode *inode, struct file *file)
{
\treturn 0;
}
";

#[test]
fn a_script_names_what_a_later_rule_adds() {
    let rule = r#"// Rename the ll_ helpers to lustre_ names computed by a script.
@r@
identifier fn =~ "^ll_";
@@
fn(...) { ... }

@script:python s@
fn << r.fn;
new_fn;
@@
coccinelle.new_fn = "lustre_" + str(fn)[3:]

@@
identifier r.fn;
identifier s.new_fn;
@@
- fn
+ new_fn
  (...) { ... }
"#;
    let out = run_in(
        &[("rename.cocci", rule), ("file.c", LL_FILE)],
        &["--sp-file", "rename.cocci", "file.c", "--very-quiet"],
        &[],
    );
    // Each function gets the name made from its own: environments are not mixed.
    assert_eq!(
        hunks(&stdout(&out)),
        "@@ -1,9 +1,9 @@
-static int ll_file_open(struct inode *inode, struct file *file)
+static int lustre_file_open(struct inode *inode, struct file *file)
 {
 \treturn 0;
 }
 
-static int ll_file_release(struct inode *inode, struct file *file)
+static int lustre_file_release(struct inode *inode, struct file *file)
 {
 \treturn 0;
 }
"
    );
}

#[test]
fn include_match_false_keeps_a_match_from_later_rules() {
    let rule = r#"// kvfree() for buffers that may come from vmalloc; cache entries stay kfree().
@r@
expression E;
position p;
@@
kfree@p(E);

@script:python@
e << r.E;
@@
if str(e).startswith("cache"):
    cocci.include_match(False)

@@
expression r.E;
position r.p;
@@
- kfree@p(E);
+ kvfree(E);
"#;
    let c = "static void osd_buf_release(struct osd_buf *buf)
{
\tkfree(buf->ob_pages);
\tkfree(cache_entry);
\tkfree(buf);
}
";
    let out = run_in(
        &[("kvfree.cocci", rule), ("buf.c", c)],
        &["--sp-file", "kvfree.cocci", "buf.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        hunks(&stdout(&out)),
        "@@ -1,6 +1,6 @@
 static void osd_buf_release(struct osd_buf *buf)
 {
-\tkfree(buf->ob_pages);
+\tkvfree(buf->ob_pages);
 \tkfree(cache_entry);
-\tkfree(buf);
+\tkvfree(buf);
 }
"
    );
}

#[test]
fn initialize_and_finalize_count_across_files() {
    let rule = r#"@initialize:python@
@@
calls = {}

@r@
identifier fn =~ "_lock$";
@@
fn(...);

@script:python@
fn << r.fn;
@@
calls[str(fn)] = calls.get(str(fn), 0) + 1

@finalize:python@
@@
for name in sorted(calls):
    print("%s: %d" % (name, calls[name]))
"#;
    let a = "void mdc_enqueue(struct mdc_obj *obj)
{
\tspin_lock(&obj->lock);
\tmutex_lock(&obj->mutex);
\tspin_unlock(&obj->lock);
}
";
    let b = "void mdc_cancel(struct mdc_obj *obj)
{
\tspin_lock(&obj->lock);
\tspin_unlock(&obj->lock);
}
";
    let out = run_in(
        &[("count.cocci", rule), ("mdc/a.c", a), ("mdc/b.c", b)],
        &["--sp-file", "count.cocci", "--dir", "mdc", "--very-quiet"],
        &[],
    );
    assert_eq!(stdout(&out), "mutex_lock: 1\nspin_lock: 2\n");
}

const DUMP_C: &str =
    "static void osc_extent_release(struct osc_object *obj, struct osc_extent *ext)
{
\tldlm_lock_dump(D_INFO, ext->oe_dlmlock);
\tspin_lock(&obj->oo_lock);
\tosc_extent_put(ext);
\tspin_unlock(&obj->oo_lock);
\tldlm_lock_put(ext->oe_dlmlock);
}
";

#[test]
fn a_script_constraint_selects_the_identifiers() {
    let rule = r#"@initialize:python@
@@
def is_debug_only(name):
    return name.startswith("ldlm_") and name.endswith("_dump")

@@
identifier fn : script:python() { is_debug_only(fn) };
expression list args;
@@
- fn(args);
"#;
    let out = run_in(
        &[("nodump.cocci", rule), ("osc.c", DUMP_C)],
        &["--sp-file", "nodump.cocci", "osc.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        hunks(&stdout(&out)),
        "@@ -1,6 +1,5 @@
 static void osc_extent_release(struct osc_object *obj, struct osc_extent *ext)
 {
-\tldlm_lock_dump(D_INFO, ext->oe_dlmlock);
 \tspin_lock(&obj->oo_lock);
 \tosc_extent_put(ext);
 \tspin_unlock(&obj->oo_lock);
"
    );
}

#[test]
fn a_script_names_a_fresh_identifier() {
    let rule = r#"@initialize:python@
@@
suffix = "_locked"

@@
identifier fn =~ "^osc_";
fresh identifier locked = script:python(fn) { str(fn) + suffix };
expression list args;
@@
  spin_lock(&obj->oo_lock);
- fn(args);
+ locked(args);
  spin_unlock(&obj->oo_lock);
"#;
    let out = run_in(
        &[("locked.cocci", rule), ("osc.c", DUMP_C)],
        &["--sp-file", "locked.cocci", "osc.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        hunks(&stdout(&out)),
        "@@ -2,7 +2,7 @@ static void osc_extent_release(struct os
 {
 \tldlm_lock_dump(D_INFO, ext->oe_dlmlock);
 \tspin_lock(&obj->oo_lock);
-\tosc_extent_put(ext);
+\tosc_extent_put_locked(ext);
 \tspin_unlock(&obj->oo_lock);
 \tldlm_lock_put(ext->oe_dlmlock);
 }
"
    );
}

const LEVELS_RULE: &str = r#"@r@
identifier fn;
@@
- CDEBUG_LIMIT(fn);
+ CDEBUG(fn);

@script:ocaml@
fn << r.fn;
@@
if fn = "D_ERROR" then Coccilib.exit ()

@script:ocaml s@
fn << r.fn;
level;
@@
level := make_ident (String.lowercase_ascii fn)

@@
identifier r.fn;
identifier s.level;
@@
- CDEBUG(fn);
+ pr_debug(level);
"#;

#[test]
fn ocaml_out_bindings_and_exit() {
    let c = "void ptlrpc_dump(void)
{
\tCDEBUG_LIMIT(D_INFO);
\tCDEBUG_LIMIT(D_HA);
}
";
    let out = run_in(
        &[("levels.cocci", LEVELS_RULE), ("dump.c", c)],
        &["--sp-file", "levels.cocci", "dump.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        hunks(&stdout(&out)),
        "@@ -1,5 +1,5 @@
 void ptlrpc_dump(void)
 {
-\tCDEBUG_LIMIT(D_INFO);
-\tCDEBUG_LIMIT(D_HA);
+\tpr_debug(d_info);
+\tpr_debug(d_ha);
 }
"
    );
    // `Coccilib.exit ()` stops the file's later rules; what the first did is kept.
    let c = "void ptlrpc_fail(void)
{
\tCDEBUG_LIMIT(D_ERROR);
\tCDEBUG_LIMIT(D_HA);
}
";
    let out = run_in(
        &[("levels.cocci", LEVELS_RULE), ("fail.c", c)],
        &["--sp-file", "levels.cocci", "fail.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        hunks(&stdout(&out)),
        "@@ -1,5 +1,5 @@
 void ptlrpc_fail(void)
 {
-\tCDEBUG_LIMIT(D_ERROR);
-\tCDEBUG_LIMIT(D_HA);
+\tCDEBUG(D_ERROR);
+\tCDEBUG(D_HA);
 }
"
    );
}

const REPORT_RULE: &str = r#"virtual report

@r depends on report@
expression E, n;
position p;
@@
mutex_lock_nested@p(E, n)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "WARNING: lockdep subclass in %s" % p[0].current_element)
"#;

#[test]
fn script_output_comes_in_file_order_with_positions() {
    let a = "int mdt_reint(struct mdt_thread_info *info)
{
\tmutex_lock_nested(&info->mti_lock, 1);
\treturn 0;
}
";
    let b = "int mdt_close(struct mdt_thread_info *info)
{
\tmutex_lock(&info->mti_lock);
\tmutex_unlock(&info->mti_lock);
\treturn 0;
}

int mdt_open(struct mdt_thread_info *info)
{
\tif (info->mti_flags)
\t\tmutex_lock_nested(&info->mti_open_lock, 2);
\treturn 0;
}
";
    let out = run_in(
        &[("lock.cocci", REPORT_RULE), ("mdt/a.c", a), ("mdt/b.c", b)],
        &[
            "--sp-file",
            "lock.cocci",
            "-D",
            "report",
            "--dir",
            "mdt",
            "--very-quiet",
        ],
        &[],
    );
    assert_eq!(
        stdout(&out),
        "mdt/a.c:3:1-18: WARNING: lockdep subclass in mdt_reint\n\
         mdt/b.c:11:2-19: WARNING: lockdep subclass in mdt_open\n"
    );
}

#[test]
fn no_scripts_refuses_script_code_located() {
    let out = run_in(
        &[("lock.cocci", REPORT_RULE), ("a.c", "int x;\n")],
        &[
            "--sp-file",
            "lock.cocci",
            "-D",
            "report",
            "a.c",
            "--no-scripts",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lock.cocci:9:1"), "{err}");
    assert!(err.contains("refused with --no-scripts"), "{err}");
}

#[test]
fn a_missing_python_is_an_error_naming_what_to_install() {
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    for env in [
        vec![("PATH", path)],
        vec![("RCOCCI_PYTHON", "/nonexistent/python3")],
    ] {
        let out = run_in(
            &[("lock.cocci", REPORT_RULE), ("a.c", "int x;\n")],
            &["--sp-file", "lock.cocci", "-D", "report", "a.c"],
            &env,
        );
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("install Python 3"), "{err}");
        assert!(err.contains("RCOCCI_PYTHON"), "{err}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    }
}

/// The interpreter starts when a file first reaches a script rule: `/bin/true` exists but
/// is no Python, so only a run that needs a script says so.
#[test]
fn the_interpreter_starts_only_when_a_script_rule_runs() {
    let not_python = [("RCOCCI_PYTHON", "/bin/true")];
    let unrelated = "int mdt_close(void)\n{\n\tmutex_lock(&lock);\n\treturn 0;\n}\n";
    let out = run_in(
        &[("lock.cocci", REPORT_RULE), ("a.c", unrelated)],
        &["--sp-file", "lock.cocci", "-D", "report", "a.c"],
        &not_python,
    );
    assert_eq!(stdout(&out), "");
    let reaching = "int mdt_reint(void)\n{\n\tmutex_lock_nested(&lock, 1);\n\treturn 0;\n}\n";
    let out = run_in(
        &[("lock.cocci", REPORT_RULE), ("a.c", reaching)],
        &["--sp-file", "lock.cocci", "-D", "report", "a.c"],
        &not_python,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a.c: cannot start /bin/true"), "{err}");
    assert!(err.contains("install Python 3"), "{err}");
}

#[test]
fn a_failing_script_fails_the_file_with_its_traceback() {
    let rule = "@r@\nidentifier fn;\n@@\nfn(...);\n\n@script:python@\nfn << r.fn;\n@@\nprint(undefined_name)\n";
    let out = run_in(
        &[("bad.cocci", rule), ("a.c", "void f(void)\n{\n\tg();\n}\n")],
        &["--sp-file", "bad.cocci", "a.c"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("script rule rule_2 failed"), "{err}");
    assert!(err.contains("bad.cocci\", line 9"), "{err}");
    assert!(err.contains("NameError"), "{err}");
}

#[test]
fn a_missing_ocaml_is_an_error_naming_what_to_install() {
    let out = run_in(
        &[("levels.cocci", LEVELS_RULE), ("a.c", "int x;\n")],
        &["--sp-file", "levels.cocci", "a.c"],
        &[("RCOCCI_OCAML", "/nonexistent/ocaml")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("install the OCaml toplevel"), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

#[test]
fn positions_in_macro_bodies_are_places_in_the_file() {
    let rule = r#"@r@
expression E;
position p;
@@
OBD_FREE@p(E, ...)

@script:python@
p << r.p;
@@
coccilib.report.print_report(p[0], "OBD_FREE in %s" % p[0].current_element)
"#;
    let c = "/* obd pool helpers */
#define POOL_FREE(ptr)\tOBD_FREE(ptr, POOL_SIZE)

static void pool_release(void *p)
{
\tOBD_FREE(p, POOL_SIZE);
}
";
    let out = run_in(
        &[("pool.cocci", rule), ("pool.c", c)],
        &["--sp-file", "pool.cocci", "pool.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        stdout(&out),
        "pool.c:6:1-9: OBD_FREE in pool_release\npool.c:2:23-31: OBD_FREE in something_else\n"
    );
}

#[test]
fn scripts_see_code_as_spatch_prints_it() {
    // Tokens separated by single spaces, whatever the spacing in the file.
    let rule = "@r@\nexpression E;\n@@\nspin_lock(E);\n\n@script:python@\ne << r.E;\n@@\nprint(\"lock: %s\" % e)\n";
    let out = run_in(
        &[("expr.cocci", rule), ("osc.c", DUMP_C)],
        &["--sp-file", "expr.cocci", "osc.c", "--very-quiet"],
        &[],
    );
    assert_eq!(stdout(&out), "lock: & obj -> oo_lock\n");
}

#[test]
fn an_iteration_runs_another_pass_with_other_virtual_names() {
    // Checked against `spatch --no-show-diff` (spatch refuses iteration while showing a
    // diff; rcocci changes files in the first pass only).
    let rule = r#"virtual after_start

@initialize:python@
@@
seen = set()

@r depends on !after_start@
expression E;
position p;
@@
return ERR_PTR@p(E);

@script:python depends on !after_start@
p << r.p;
@@
fn = p[0].current_element
if str(fn) not in seen:
    seen.add(str(fn))
    it = Iteration()
    it.add_virtual_rule(after_start)
    it.add_virtual_identifier(err_fn, str(fn))
    it.register()

@e depends on after_start@
expression x;
identifier f;
position p;
@@
x@p = f(...);

@script:python depends on after_start@
p << e.p;
f << e.f;
target << virtual.err_fn;
@@
if str(f) == str(target):
    print("%s:%s: %s can return ERR_PTR" % (p[0].file, p[0].line, f))
"#;
    let c = "static struct lu_object *lod_object_find(struct lu_env *env)
{
\treturn ERR_PTR(-ENOENT);
}

static int lod_open(struct lu_env *env)
{
\tstruct lu_object *o;
\tint rc;

\to = lod_object_find(env);
\trc = lod_check(env);
\treturn rc;
}
";
    let out = run_in(
        &[("errptr.cocci", rule), ("lod.c", c)],
        &["--sp-file", "errptr.cocci", "lod.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        stdout(&out),
        "lod.c:11: lod_object_find can return ERR_PTR\n"
    );
}

/// The library API runs initialize rules when the patch is parsed and finalize rules when
/// asked, with each file's script output in its result.
#[test]
fn the_library_api_runs_initialize_and_finalize_rules() {
    let rules = "@initialize:python@\n@@\nseen = []\nprint(\"start\")\n\n\
                 @r@\nidentifier fn;\n@@\n fn(...) { ... LBUG(); ... }\n\n\
                 @script:python@\nfn << r.fn;\n@@\nseen.append(fn)\nprint(\"found\", fn)\n\n\
                 @finalize:python@\n@@\nprint(\"total\", len(seen))\n";
    let patch = cocci::api::SemanticPatch::parse(rules).expect("the rule file parses");
    assert_eq!(patch.initialize_output(), "start\n");
    let c = "static void osc_die(void)\n{\n\tLBUG();\n}\n";
    let applied = patch.apply_to_text("osc.c", c).expect("processed");
    assert_eq!(applied.script_output, "found osc_die\n");
    assert_eq!(patch.finalize().expect("finalize runs"), "total 1\n");
    assert_eq!(patch.finalize().expect("runs once"), "");
}

#[test]
fn a_position_on_an_include_line_reaches_a_script() {
    let rule = r#"// Put <lustre_compat.h> before the first local header.
@initialize:python@
@@
seen = False

@local_hdr@
position p;
@@
#include "..."@p

@script:python@
p << local_hdr.p;
@@
if seen:
    cocci.include_match(False)
else:
    print("first local header on line %s" % p[0].line)
    seen = True

@@
position local_hdr.p;
@@
+#include <lustre_compat.h>
#include "..."@p
"#;
    let c = "#include <linux/fs.h>
#include \"llite_internal.h\"
#include <linux/mm.h>
#include \"vvp_internal.h\"
";
    let out = run_in(
        &[("compat.cocci", rule), ("llite.c", c)],
        &["--sp-file", "compat.cocci", "llite.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        hunks(&stdout(&out)),
        "first local header on line 2
@@ -1,4 +1,5 @@
 #include <linux/fs.h>
+#include <lustre_compat.h>
 #include \"llite_internal.h\"
 #include <linux/mm.h>
 #include \"vvp_internal.h\"
"
    );
}

/// `pragmainfo` metavariables take the rest of a `#pragma` line and honour regular
/// expression and script constraints. spatch 1.1.1 parses these rules but applies none of
/// them; the expected output is what the SmPL grammar's `pragmainfo` means (as Coccinelle's
/// own pragma tests expect).
#[test]
fn pragmainfo_constraints_select_the_pragmas() {
    let rule = r#"@initialize:python@
@@
def serial(info):
    return "parallel" not in info.split()

@@
pragmainfo info =~ "^unroll";
@@
- #pragma GCC info

@@
pragmainfo info : script:python() { serial(info) };
@@
- #pragma omp info
"#;
    let c = "void scale(double *v, int n)
{
#pragma GCC ivdep
#pragma GCC unroll 4
#pragma omp simd
#pragma omp parallel for
\tfor (int i = 0; i < n; i++)
\t\tv[i] *= 2;
}
";
    let out = run_in(
        &[("pragma.cocci", rule), ("scale.c", c)],
        &["--sp-file", "pragma.cocci", "scale.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        hunks(&stdout(&out)),
        "@@ -1,8 +1,6 @@
 void scale(double *v, int n)
 {
 #pragma GCC ivdep
-#pragma GCC unroll 4
-#pragma omp simd
 #pragma omp parallel for
 \tfor (int i = 0; i < n; i++)
 \t\tv[i] *= 2;
"
    );
}

/// `list[n]` binds the length of the list it matches: scripts read it (Python as text,
/// OCaml as a number, as spatch gives them) and a later rule's `list[r.n]` matches only
/// lists of that length.
#[test]
fn a_list_length_reaches_scripts_and_later_rules() {
    let python = r#"@r@
identifier fn;
parameter list[n] ps;
@@
fn(ps, unsigned int flags) { ... }

@script:python@
fn << r.fn;
n << r.n;
@@
print("%s: flags is argument %d" % (fn, int(n) + 1))

@@
identifier r.fn;
expression list[r.n] es;
expression e;
@@
fn(es,
-  e
+  e | MDS_OPEN_NONBLOCK
  ,...)
"#;
    let ocaml = r#"@r@
identifier fn;
parameter list[n] ps;
@@
fn(ps, unsigned int flags) { ... }

@script:ocaml@
fn << r.fn;
n << r.n;
@@
Printf.printf "%s: flags is argument %d\n" fn (n + 1)

@@
identifier r.fn;
expression list[r.n] es;
expression e;
@@
fn(es,
-  e
+  e | MDS_OPEN_NONBLOCK
  ,...)
"#;
    let c = "static int mdc_open_flags(struct obd_export *exp, int mode, unsigned int flags)
{
\treturn 0;
}

static int mdc_open(struct obd_export *exp, struct inode *inode)
{
\treturn mdc_open_flags(exp, 0, MDS_OPEN_READ) +
\t       mdc_reopen(exp, MDS_OPEN_READ, 0);
}
";
    for rule in [python, ocaml] {
        let out = run_in(
            &[("flags.cocci", rule), ("mdc.c", c)],
            &["--sp-file", "flags.cocci", "mdc.c", "--very-quiet"],
            &[],
        );
        assert_eq!(
            hunks(&stdout(&out)),
            "mdc_open_flags: flags is argument 3
@@ -5,6 +5,6 @@ static int mdc_open_flags(struct obd_exp
 
 static int mdc_open(struct obd_export *exp, struct inode *inode)
 {
-\treturn mdc_open_flags(exp, 0, MDS_OPEN_READ) +
+\treturn mdc_open_flags(exp, 0, MDS_OPEN_READ | MDS_OPEN_NONBLOCK) +
 \t       mdc_reopen(exp, MDS_OPEN_READ, 0);
 }
"
        );
    }
}

/// Two scripts that read different variables of the same matches extend those matches:
/// a later rule inheriting both outputs gets them as made from one match, not every
/// output of one script with every output of the other. (spatch 1.1.1 crosses them and
/// then fails on the doubly added line; Coccinelle's own gadget tests expect the pairs.)
#[test]
fn outputs_of_two_scripts_stay_paired_by_the_match_they_came_from() {
    let rule = r#"@r@
identifier id, I;
field list fs;
@@
struct id { fs } *I;

@script:python a@
id << r.id;
tname;
@@
coccinelle.tname = "%s_soa_t" % id

@script:python b@
I << r.I;
vname;
@@
coccinelle.vname = "%s_soa" % I

@@
identifier a.tname, b.vname;
@@
void setup(void)
{
+ soa_init(sizeof(struct tname), &vname);
  ...
}
"#;
    let c = "struct inode_info { int i; } *inodes;
struct file_info { int f; } *files;

void setup(void)
{
\treturn;
}
";
    let out = run_in(
        &[("soa.cocci", rule), ("soa.c", c)],
        &["--sp-file", "soa.cocci", "soa.c", "--very-quiet"],
        &[],
    );
    assert_eq!(
        hunks(&stdout(&out)),
        "@@ -3,5 +3,7 @@ struct file_info { int f; } *files;
 
 void setup(void)
 {
+\tsoa_init(sizeof(struct inode_info_soa_t), &inodes_soa);
+\tsoa_init(sizeof(struct file_info_soa_t), &files_soa);
 \treturn;
 }
"
    );
}

/// Renames every function, but the script never returns for one named `ll_stuck`.
fn looping_rule(language: &str, forever: &str) -> String {
    format!(
        "@r@\nidentifier fn;\n@@\nfn(...) {{ ... }}\n\n\
         @script:{language}@\nfn << r.fn;\n@@\n{forever}\n\n\
         @@\nidentifier r.fn;\n@@\n- fn\n+ renamed\n  (...) {{ ... }}\n"
    )
}

#[test]
fn timeout_stops_a_looping_script_and_the_run_goes_on() {
    let python = "if fn == \"ll_stuck\":\n    while True:\n        pass";
    let ocaml = "if fn = \"ll_stuck\" then while true do () done";
    for (language, forever) in [("python", python), ("ocaml", ocaml)] {
        let rule = looping_rule(language, forever);
        let out = run_in(
            &[
                ("loop.cocci", &rule),
                ("a.c", "int ll_stuck(void)\n{\n\treturn 0;\n}\n"),
                ("b.c", "int ll_fine(void)\n{\n\treturn 1;\n}\n"),
            ],
            &[
                "--sp-file",
                "loop.cocci",
                "--timeout",
                "1",
                "--jobs",
                "1",
                "a.c",
                "b.c",
            ],
            &[],
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{language}: {err}");
        assert!(
            err.contains("a.c: timeout after 1 s (rule rule_2)"),
            "{language}: {err}"
        );
        // a.c is left as it was; b.c, after it, is served by a new interpreter.
        assert_eq!(
            hunks(&String::from_utf8_lossy(&out.stdout)),
            "@@ -1,4 +1,4 @@\n-int ll_fine(void)\n+int renamed(void)\n {\n \treturn 1;\n }\n",
            "{language}: {err}"
        );
    }
}

#[test]
fn ocaml_reads_parameter_names_from_the_ast() {
    let rule = r#"@r@
identifier fn =~ "^ll_";
parameter list pl;
@@
int fn(pl);

@script:ocaml@
fn << r.fn;
(_, pl) << r.pl;
@@
let name p =
  match (Ast_c.unwrap p).Ast_c.p_namei with
    Some n -> Ast_c.str_of_name n
  | None -> "(unnamed)" in
Printf.printf "%s: %s\n" fn (String.concat " " (List.map name pl))
"#;
    let c = "int ll_setattr(struct dentry *de, struct iattr *attr, int (*cb)(struct inode *inode), char buf[16]);
int ll_statfs(struct dentry *, struct kstatfs *sfs);
int ll_sync(void);
";
    let out = run_in(
        &[("names.cocci", rule), ("llite.h.c", c)],
        &["--sp-file", "names.cocci", "llite.h.c", "--very-quiet"],
        &[],
    );
    // What spatch 1.1.1 prints: a function pointer's own parameters are not its names.
    assert_eq!(
        stdout(&out),
        "ll_setattr: de attr cb buf\nll_statfs: (unnamed) sfs\nll_sync: (unnamed)\n"
    );
}
