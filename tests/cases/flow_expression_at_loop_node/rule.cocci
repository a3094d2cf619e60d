// A pointer tested against NULL after a dereference. A loop header and its body are two
// places: the dereference in an unbraced loop body is followed, round the loop, by the
// header's own, so only the header's is the last before the test. The condition of a
// `do ... while` belongs to the loop's end, after its body.
@exists@
expression E;
identifier fld, other;
@@
* E->fld
  ... when != E = ...
      when != E->other
* E == NULL
