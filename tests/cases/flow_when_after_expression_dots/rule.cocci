// Two `when` lines after a `...`: the first ends with expression dots (`E = ...`), which
// do not take the second line as their own. Only the last dereference before the test
// is reported: any other dereference between them stops the path.
@exists@
expression E;
identifier fld, other;
@@
* E->fld
  ... when != E = ...
      when != E->other
* E == NULL
