// The dots before `x = 0;` stop at the first such assignment *of the same variable*: `x` is
// inherited by the next rule, so spatch quantifies it outside the path, and `locked = 0;`
// after `found = 0;` is found too.
@zeroed@
local idexpression int x;
identifier f;
@@
f(...) { ... x = 0; ... }

@@
local idexpression int zeroed.x;
@@
- x = 0;
+ x = false;
