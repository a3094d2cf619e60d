// A pointer tested against NULL after a dereference: every dereference of one statement
// is a match of its own (the debug message reads two fields; both lines are reported),
// as in spatch. The second function reassigns the pointer first: nothing to report.
@exists@
expression E;
identifier fld;
@@
* E->fld
  ... when != E = ...
* E == NULL
