// The dots inside `{ ... }` run in the block the braces match: a path that reaches the
// block's `}` without the test does not go on to the loop's header (lookup_tail's while)
// or past the loop (drain_braced, drain_unbraced). Only the tests inside the loop bodies of
// scan_braced and scan_unbraced are found.
@r exists@
iterator I;
expression x;
@@
 I(x, ...)
 { ...
*  x != NULL
   ... when any
 }

@w exists@
expression x;
@@
 while (x)
 { ...
*  x != NULL
   ... when any
 }
