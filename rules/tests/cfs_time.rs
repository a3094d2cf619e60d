//! `rules/cfs_time.cocci`: `cfs_time_seconds(1)` → `HZ`, `cfs_time_seconds(e)` → `e * HZ`.

mod support;

// `define_body` and `context_parens` differ from spatch on purpose (listed in
// fixtures/cfs_time/SPATCH-DIFFERS): spatch writes the product without parentheses where the
// operators around the call, or the uses of a macro whose whole body it is, bind tighter.
cases!(cfs_time; basic, layout, rejoin, operand_parens, define_body, context_parens);
