@exists@
expression p;
@@
  p != NULL
  ...
- kfree(p);
+ kfree_sensitive(p);
