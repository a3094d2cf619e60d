// A spin lock still held when the function returns: some path from the lock reaches a
// return (or the end of the function) without an unlock. The path goes through a goto
// taken in a branch, and out of a loop to the function's end; two locks whose paths
// share one return both show it. A report marks only the lines found: the comments and
// blank lines around them stay.
@exists@
expression L;
@@
* spin_lock(L);
  ... when != spin_unlock(L)
* return ...;
