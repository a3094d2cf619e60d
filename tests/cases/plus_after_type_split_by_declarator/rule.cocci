@@
type T;
identifier fn;
@@
 fn(...) {
  T
+ *
  buf;
  ...
 }
