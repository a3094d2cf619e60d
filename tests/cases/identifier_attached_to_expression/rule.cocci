@counter@
local idexpression int x;
identifier name;
@@
  x@name = 0;

@@
identifier counter.name;
type T;
@@
- T name;
+ unsigned long name;
