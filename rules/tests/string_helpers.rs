//! `rules/string_helpers.cocci`: `cfs_trimwhite(s)` → `strim(s)`, `cfs_strrstr(h, "c")` →
//! `strrchr(h, 'c')` where `h` is an array; and `rules/string_helpers_flags.cocci`: the uses
//! without a kernel twin, reported.

mod support;

cases!(string_helpers; basic, strrstr);

#[test]
fn parsers_flagged() {
    support::check_flags("string_helpers_flags", "parsers");
}

#[test]
fn strrstr_left_by_the_conversion_flagged() {
    support::check_flags("string_helpers_flags", "strrstr");
}
