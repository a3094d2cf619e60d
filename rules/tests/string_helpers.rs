//! `rules/string_helpers.cocci`: `cfs_trimwhite(s)` → `strim(s)`.

mod support;

cases!(string_helpers; basic);
