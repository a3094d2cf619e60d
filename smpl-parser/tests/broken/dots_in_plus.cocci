@@
expression E;
@@
  foo(E);
+ ...
