@@
expression E;
@@
  lock(E);
  <...
- foo(E);
  unlock(E);
