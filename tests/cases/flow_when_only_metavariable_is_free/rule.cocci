// `f` and `E3` are named only in the `when` clauses: each node is checked with them free,
// on its own path. The path that returns -EINVAL right after the allocation leaks it,
// though other paths hand the pointer on (a call, a store): it is reported.
@exists@
expression E, E2, E3;
identifier f;
@@
* kzalloc_obj(E);
  ... when != f(..., E, ...)
      when != E3 = E
      when != true E == NULL
  return -E2;
