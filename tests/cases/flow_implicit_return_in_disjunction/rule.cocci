// The end of a return written as a disjunction (Lustre's RETURN macro beside `return`):
// falling off the end of a void function matches its `return ...;` branch, as a lone
// `return ...;` does. The lock held at the end of both functions is reported.
@exists@
expression L;
@@
* spin_lock(L);
  ... when != spin_unlock(L)
(
  return ...;
|
  RETURN(...);
)
