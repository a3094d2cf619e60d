// A pointer tested against NULL after it was already dereferenced.
@exists@
expression E;
identifier fld;
@@
* E->fld
  ... when != E = ...
* E == NULL
