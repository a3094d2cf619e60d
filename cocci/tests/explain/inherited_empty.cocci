@dies@
identifier fn;
@@
  fn(...) {
  ...
  LBUG();
  ...
  }

@@
identifier dies.fn;
@@
- static int fn(void)
+ static void fn(void)
  { ... }
