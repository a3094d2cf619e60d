// A condition written with `&& ...` (comm_assoc) matches wherever the comparison is one of
// the chain's operands, and through neg_if its negation `E >= L || ...` with the branches
// swapped.
@@
expression E, L;
statement S;
@@
  if (E < L && ...)
    S
  else
-   lustre_warn(E);
+   lustre_warn_limit(E, L);
