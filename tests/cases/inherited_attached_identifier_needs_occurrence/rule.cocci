@r@
local idexpression e;
identifier i,f,fn;
@@

fn(...) { <...
- e@i =
+ return
    f(...);
-if (i != 0) return i;
-return 0;
...> }

@@
identifier r.i;
type t;
@@

-t i;
 ... when != i

@@
expression e;
@@

-if (e != 0)
   return e;
-return 0;

