//! `rules/null_free.cocci`: `if (p)` before a free that accepts NULL removed, unless the size
//! expression could read through `p`.

mod support;

cases!(null_free; basic, size_reads_pointer, layout, blank_between);
