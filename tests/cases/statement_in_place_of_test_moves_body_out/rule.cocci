// A statement added in place of a removed test does not take the kept body: the body moves
// out one level, as spatch lays it out (a header added there would keep it in: case
// replaced_test_keeps_body_level).
@@
expression E;
statement S;
@@
- if (E->ll_md_exp) {
+ cfs_trace_lock(E);
  S
  ...
- }
