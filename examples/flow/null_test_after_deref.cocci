// A pointer tested against NULL after it was already dereferenced: the last
// dereference before the test, on some path (an earlier one is reported with
// it only where no other dereference comes between).
@exists@
expression E;
identifier fld, other;
@@
* E->fld
  ... when != E = ...
      when != E->other
* E == NULL
