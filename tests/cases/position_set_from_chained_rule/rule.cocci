// A position set from a rule that itself inherits (`p != {checked.p}`) stands for all of
// that rule's positions: a variable that `checked` found nothing for is still converted.
@flag_var@
local idexpression int x;
identifier f;
@@
f(...) { ... x = 0; ... }

@checked@
local idexpression int flag_var.x;
position p;
@@
x@p = !!(...);

@@
local idexpression int flag_var.x;
position p != {checked.p};
@@
- x@p = 0;
+ x = false;
