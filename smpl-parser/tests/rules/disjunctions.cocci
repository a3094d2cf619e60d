// Disjunctions and conjunctions, at column 0 and inline.
@@
expression E, F;
statement S;
@@
(
- cfs_time_before(E, F)
+ time_before(E, F)
|
- cfs_time_after(E, F)
+ time_after(E, F)
)

@@
expression E;
@@
- \( lustre_get_jobid(E) \| lustre_jobid(E) \);

@@
expression E;
identifier fn;
@@
(
  fn(E)
&
- fn(E)
+ wrapped(E)
)

@@
statement S;
expression E;
@@
(
  if (E) S
|
- while (E) S
+ do S while (E);
)

@@
identifier x;
@@
(
- int x;
+ s32 x;
|
- long x;
+ s64 x;
)

@@
expression E;
@@
- ll_put(\( E \& ll_obj(...) \));
+ ll_obj_put(E);
