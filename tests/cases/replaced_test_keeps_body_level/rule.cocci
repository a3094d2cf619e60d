// A test replaced by another keeps its body where it is; a bare block whose braces go
// moves its statements out one level.
@@
expression E;
@@
- if (E == NULL)
+ if (!E)
  return -ENOMEM;

@@
statement S1, S2;
@@
- {
  S1
  S2
- }
