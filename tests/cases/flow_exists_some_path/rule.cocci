@exists@
expression E;
@@
  E = kzalloc(...);
  ...
- kfree(E);
+ kvfree(E);
