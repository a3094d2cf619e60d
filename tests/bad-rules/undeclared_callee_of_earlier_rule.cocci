// `fn` is bound by rule `find`; the second rule forgot `identifier find.fn;` and would only
// match a function literally named fn.
@find@
identifier fn;
@@
  fn(...) { ... return -ENOMEM; }

@@
expression E;
@@
- fn(E);
+ fn(E, GFP_KERNEL);
