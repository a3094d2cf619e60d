//! `rules/cfs_time.cocci`: `cfs_time_seconds(1)` → `HZ`, `cfs_time_seconds(e)` → `e * HZ`.

mod support;

// `define_body` differs from spatch on purpose (listed in fixtures/cfs_time/SPATCH-DIFFERS):
// spatch rewrites the macro body to an unparenthesised `10 * HZ`, which changes the meaning of
// `x / MACRO`; rcocci leaves macro bodies alone, which is the snapshot kept here.
cases!(cfs_time; basic, layout, define_body;
    pending rejoin = "engine: a call broken after `(` whose argument was replaced is joined \
        back onto one line by spatch; rcocci keeps the break",
    pending operand_parens = "engine: spatch parenthesises a bound `a / 4` or `a * 10` before \
        `* HZ`, although left associativity makes the parentheses unnecessary");
