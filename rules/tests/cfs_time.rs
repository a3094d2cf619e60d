//! `rules/cfs_time.cocci`: `cfs_time_seconds(1)` → `HZ`, `cfs_time_seconds(e)` → `e * HZ`.

mod support;

cases!(cfs_time; basic, layout, rejoin, operand_parens;
    // Expected output written by hand, differing from spatch on purpose (listed in
    // fixtures/cfs_time/SPATCH-DIFFERS): spatch, and rcocci since it reaches macro bodies,
    // write an unparenthesised `10 * HZ`, which changes the meaning of `x / MACRO`.
    pending define_body = "engine: an expression that replaces a whole #define body is not \
        parenthesised (`#define P 10 * HZ`; spatch does the same), so `x / P` changes meaning");
