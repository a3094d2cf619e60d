// Laid out like spatch: braces open after a comment on the header line, comments on their own
// lines go inside, a comment that ends the body stays after the closing brace.
// Every flush is followed by a barrier, also under an unbraced branch.
@@
expression E;
@@
  lov_flush(E);
+ lov_barrier(E);
