// A whole if statement (with statement metavariables) in a `when` clause.
@@
expression E;
statement S1, S2;
@@
  ll_lock(E);
  ... when != if (E) S1 else S2
- ll_unlock(E);
