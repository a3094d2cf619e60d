@@
identifier fn =~ "_compat$";
@@
- int fn(...) { ... }
