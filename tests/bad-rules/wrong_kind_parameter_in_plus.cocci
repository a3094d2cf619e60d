@@
parameter pm;
identifier f;
@@
  f(pm) {
  ...
+ trace(pm);
  }
