// The dots after a loop that is the unbraced body of another (`for (...)
// list_for_each_entry(...) { ... }`) start where the loop ends, not in its body: the cursor
// used inside the loop body is not "after" the loop. The outer loop goes round to the
// inner loop's header, which the first branch matches. Only item_last's use is reported.
@r exists@
identifier c, member;
iterator name list_for_each_entry;
statement S;
@@
list_for_each_entry(c, ..., member) { ... when != break;
                                 when forall
                                 when strict
}
...
(
list_for_each_entry(c, ...) S
|
*c
)
