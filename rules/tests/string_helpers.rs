//! `rules/string_helpers.cocci`: `cfs_trimwhite(s)` → `strim(s)`; and
//! `rules/string_helpers_flags.cocci`: the helpers without a kernel twin, reported.

mod support;

cases!(string_helpers; basic);

#[test]
fn parsers_flagged() {
    support::check_flags("string_helpers_flags", "parsers");
}
