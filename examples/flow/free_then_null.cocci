// OBD_FREE_PTR followed, on every path, by clearing the pointer: kfree and NULL.
@@
expression E;
@@
- OBD_FREE_PTR(E);
+ kfree(E);
  ... when != E
  E = NULL;
