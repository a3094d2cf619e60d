// An allocation an error return leaks. `when != false E` and `when != true E == NULL || ...`
// forbid a branch of an if or loop whose condition *is* that expression (or, with
// `|| ...`, a chain of || holding it), not of a condition that merely contains it.
@leak exists@
expression E, E2;
@@
* E = kzalloc(...);
  ... when != kfree(E)
      when != false E
      when != true E == NULL || ...
  return -E2;
