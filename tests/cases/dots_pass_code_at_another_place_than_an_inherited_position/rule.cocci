// `e@p` with `p` inherited matches only at `p`'s place: the assignment before it has the
// same shape (`e = f(...)`) but another place, so the dots go past it instead of ending
// there (spatch 1.1.1 stars the declaration; rcocci once matched nothing).
@r@
identifier i, f;
position p;
@@
 i@p = f(...);

@s forall@
identifier r.i;
type t;
position r.p;
expression e, f;
@@
* t i;
  ... when != i
  e@p = f(...);
