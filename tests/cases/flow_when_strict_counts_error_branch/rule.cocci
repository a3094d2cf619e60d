@@
expression E;
@@
  E = kmalloc(...);
  ... when strict
- kfree(E);
+ kfree_sensitive(E);
