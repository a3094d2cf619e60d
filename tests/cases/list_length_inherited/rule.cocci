// Drop the unused `flags` parameter of a helper, and the argument in its place in calls:
// `list[n]` binds how many parameters come before it, and the calls skip as many.
@r@
identifier fn, flags;
parameter list[n] before;
@@
 static int fn(before,
-	unsigned int flags,
 	...) { ... }

@@
identifier r.fn;
expression list[r.n] args;
expression e;
@@
 fn(args,
-	e,
 	...)
