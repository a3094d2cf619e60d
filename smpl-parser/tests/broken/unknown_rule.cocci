@find@
expression E;
@@
  ll_get(E);

@@
expression fnd.E;
@@
- ll_put(E);
