// Memory that an error return leaks: some path from OBD_ALLOC_PTR() to a `return -ERR`
// on which the pointer is neither freed nor handed on (passed to a call, stored, or a
// field's address handed on). The path that returns because the allocation failed does
// not count, nor does the branch of `if (E)` where it did. The allocation is reported.
@leak exists@
expression E, E2, E3;
identifier f, other;
@@
* OBD_ALLOC_PTR(E);
  ... when != f(..., E, ...)
      when != f(..., &E->other, ...)
      when != E3 = E
      when != E3 = &E->other
      when != E = E3
      when != true E == NULL
      when != true !E
      when != true unlikely(E == NULL)
      when != false E
(
  return -E2;
|
  RETURN(-E2);
)
