@@
expression E;
identifier f;
@@
  E = kmalloc(...);
  ... when != f(E)
- kfree(E);
+ kfree_sensitive(E);
