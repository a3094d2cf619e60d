@@
expression E;
@@
- pool_get(E)
+ pool_take(E)
  ...
- pool_get(E)
+ pool_take(E)
