// An allocation that an error return leaks: the `return` on a path from the
// allocation that neither frees nor hands the pointer on.
@leak exists@
expression E, E2;
identifier f;
statement S;
@@
  E = kzalloc(...);
  ... when != kfree(E)
      when != E2 = E
      when != f(..., E, ...)
      when != if (E == NULL) S
* return -E2;
