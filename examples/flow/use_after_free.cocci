// A pointer dereferenced after it was freed.
@exists@
expression E;
identifier fld;
@@
* kfree(E);
  ... when != E = ...
* E->fld
