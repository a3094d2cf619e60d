@@
identifier fn, name;
@@
fn(...) {
  ...
- char const *name;
+ const char *name = NULL;
  ...
}

@@
identifier x;
@@
  const volatile
- unsigned
+ u32
  x;
