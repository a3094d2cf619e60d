// The negation of a condition with nested chains, as neg_if makes it: `(E == NULL && ...)
// || ...` negated is `(E != NULL || ...) && ...`, whose `E != NULL` also matches a bare
// pointer tested (isnt_null1). The branches swap with the condition.
@@
expression *E;
statement S;
@@
  if ((E == NULL && ...) || ...)
    S
  else
-   obd_put(E);
+   obd_put_nonnull(E);
