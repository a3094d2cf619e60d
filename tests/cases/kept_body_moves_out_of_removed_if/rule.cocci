// Removing a test but keeping what it guarded moves the guarded code out one level, as
// spatch does: the unbraced body, a braced body's lines (continuation lines and nested
// statements included), and code the rule adds inside it. Code added in place of the
// test is not handled this way yet (see docs/design/rewriter.md).
@@
expression E;
@@
- if (E != NULL)
  kfree(E);

@@
expression E;
statement S;
@@
- if (E->ll_md_exp) {
  S
+ cfs_trace_lock(E);
  ...
- }
