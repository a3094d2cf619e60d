// Statements in `when` clauses and a `when` list.
@@
expression E;
@@
  ll_lock(E);
  ... when != return ...;
      when any, strict
- ll_unlock(E);
