//! The unified diff against GNU `diff -u -p` (skipped where `diff` is not installed), and
//! `patch` applying it to reproduce the new text.

use proptest::prelude::*;
use rewriter::unified_diff;
use std::path::Path;
use std::process::Command;

fn tool_available(name: &str) -> bool {
    Command::new(name)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// `diff -u -p` of two texts with `a/f.c` / `b/f.c` labels.
fn gnu_diff(dir: &Path, old: &str, new: &str) -> String {
    let a = dir.join("old.c");
    let b = dir.join("new.c");
    std::fs::write(&a, old).unwrap();
    std::fs::write(&b, new).unwrap();
    let out = Command::new("diff")
        .args(["-u", "-p", "--label", "a/f.c", "--label", "b/f.c"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

const OLD: &str = "\
#include <linux/slab.h>

static int ll_setup(struct ll_sb_info *sbi, int count)
{
	struct ll_inode_info *lli;
	int rc = 0;

	OBD_ALLOC_PTR(lli);
	if (lli == NULL)
		return -ENOMEM;

	lli->lli_count = count;
	lli->lli_flags = 0;
	spin_lock_init(&lli->lli_lock);
	INIT_LIST_HEAD(&lli->lli_list);
	sbi->ll_lli = lli;
	return rc;
}

static void ll_cleanup(struct ll_sb_info *sbi)
{
	struct ll_inode_info *lli = sbi->ll_lli;

	if (lli != NULL) {
		list_del(&lli->lli_list);
		OBD_FREE_PTR(lli);
	}
	sbi->ll_lli = NULL;
}

int ll_a_function_with_a_long_name_to_be_cut_at_forty_bytes(void)
{
	int a;

	a = 1;
	a = 2;
	a = 3;
	a = 4;
	a = 5;
	a = 6;
	a = 7;
	a = 8;
	return a;
}
";

fn changed(edits: &[(&str, &str)]) -> String {
    let mut text = OLD.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn matches_gnu_diff_on_examples() {
    if !tool_available("diff") {
        eprintln!("diff not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        changed(&[(
            "\tOBD_ALLOC_PTR(lli);\n",
            "\tlli = kzalloc(sizeof(*lli), GFP_NOFS);\n",
        )]),
        changed(&[("\t\tOBD_FREE_PTR(lli);\n", "\t\tkfree(lli);\n")]),
        changed(&[
            (
                "\tif (lli == NULL)\n\t\treturn -ENOMEM;\n",
                "\tif (!lli)\n\t\treturn -ENOMEM;\n",
            ),
            ("\tlist_del", "\tlist_del_init"),
        ]),
        changed(&[("\ta = 5;\n", "")]),
        changed(&[("\ta = 1;\n", "\ta = 0;\n"), ("\ta = 8;\n", "\ta = 9;\n")]),
        changed(&[("\ta = 1;\n", "\ta = 0;\n"), ("\ta = 7;\n", "\ta = 9;\n")]),
        changed(&[("\ta = 1;\n", "\ta = 0;\n"), ("\ta = 6;\n", "\ta = 9;\n")]),
        changed(&[("\n\tlli->lli_count", "\n\n\tlli->lli_count")]),
        changed(&[(
            "\treturn rc;\n}\n",
            "\treturn rc;\n}\n\nstatic int added(void)\n{\n\treturn 0;\n}\n",
        )]),
        changed(&[("#include <linux/slab.h>\n", "")]),
        changed(&[("\treturn a;\n}\n", "\treturn a;\n}")]),
        format!("{OLD}/* trailing */"),
        String::new(),
    ];
    for new in &cases {
        let ours = unified_diff(OLD, new, "a/f.c", "b/f.c", 3);
        let theirs = gnu_diff(dir.path(), OLD, new);
        assert_eq!(
            ours, theirs,
            "\n--- ours ---\n{ours}\n--- diff -u -p ---\n{theirs}"
        );
    }
}

/// Texts built from a small set of lines, so that equal lines (braces, blank lines) recur as
/// they do in C and the choice among equally short diffs matters.
fn c_like_lines() -> impl Strategy<Value = Vec<&'static str>> {
    let lines = prop::sample::select(vec![
        "int f(void)\n",
        "{\n",
        "}\n",
        "\n",
        "\tx = 1;\n",
        "\ty = 2;\n",
        "\treturn x;\n",
        "\tif (x)\n",
        "\t\tfoo(x);\n",
        "static void g(int a)\n",
    ]);
    prop::collection::vec(lines, 0..40)
}

/// A text and an edited version of it (lines removed, replaced, inserted).
fn text_and_edit() -> impl Strategy<Value = (String, String)> {
    (
        c_like_lines(),
        prop::collection::vec((0usize..40, 0u8..3, c_like_lines()), 0..5),
        any::<bool>(),
    )
        .prop_map(|(lines, edits, drop_final_newline)| {
            let mut new: Vec<&str> = lines.clone();
            for (pos, kind, insert) in edits {
                let at = pos.min(new.len());
                match kind {
                    0 if at < new.len() => {
                        new.remove(at);
                    }
                    1 if at < new.len() => {
                        new[at] = insert.first().copied().unwrap_or("\tz = 3;\n");
                    }
                    _ => {
                        for (i, l) in insert.iter().take(3).enumerate() {
                            new.insert(at + i, l);
                        }
                    }
                }
            }
            let old: String = lines.concat();
            let mut new: String = new.concat();
            if drop_final_newline && new.ends_with('\n') {
                new.pop();
            }
            (old, new)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// `patch` applies our diff to the old text and gets the new one.
    #[test]
    fn patch_reproduces_new_text((old, new) in text_and_edit()) {
        if !tool_available("patch") {
            return Ok(());
        }
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("f.c");
        std::fs::write(&target, &old).unwrap();
        let diff = unified_diff(&old, &new, "a/f.c", "b/f.c", 3);
        if old == new {
            prop_assert!(diff.is_empty());
            return Ok(());
        }
        let patch_file = dir.path().join("f.patch");
        std::fs::write(&patch_file, &diff).unwrap();
        let status = Command::new("patch")
            .args(["-s", "-p1", "--no-backup-if-mismatch", "-i"])
            .arg(&patch_file)
            .current_dir(dir.path())
            .status()
            .unwrap();
        prop_assert!(status.success(), "patch failed on:\n{}", diff);
        let patched = std::fs::read_to_string(&target).unwrap();
        prop_assert_eq!(patched, new);
    }

    /// Byte for byte what `diff -u -p` prints.
    #[test]
    fn same_as_gnu_diff((old, new) in text_and_edit()) {
        if !tool_available("diff") {
            return Ok(());
        }
        let dir = tempfile::tempdir().unwrap();
        let ours = unified_diff(&old, &new, "a/f.c", "b/f.c", 3);
        let theirs = gnu_diff(dir.path(), &old, &new);
        prop_assert_eq!(ours, theirs);
    }
}

/// A file turned upside down: the shortest script is too expensive to find, and `diff` settles
/// for a cheaper one after a cost limit; so must we, to print the same.
#[test]
fn matches_gnu_diff_past_the_cost_limit() {
    if !tool_available("diff") {
        eprintln!("diff not installed: skipped");
        return;
    }
    // Distinct lines, with a few recurring ones between them.
    let mut old = String::new();
    for i in 0..14000 {
        match i % 7 {
            0 => old.push_str("}\n"),
            1 => old.push('\n'),
            _ => old.push_str(&format!("\tll_field_{i} = {};\n", i % 13)),
        }
    }
    let new: String = old.lines().rev().map(|l| format!("{l}\n")).collect();
    let dir = tempfile::tempdir().unwrap();
    let ours = unified_diff(&old, &new, "a/f.c", "b/f.c", 3);
    let theirs = gnu_diff(dir.path(), &old, &new);
    assert!(ours == theirs, "differs from diff -u -p");
}
