@@
expression E;
@@
  E = kmalloc(...);
  ...
- kfree(E);
+ kfree_sensitive(E);
