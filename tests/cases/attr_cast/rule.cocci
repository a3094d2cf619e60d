@@
type T;
expression E;
attribute name __force;
@@
  (T
- __force
  ) E
