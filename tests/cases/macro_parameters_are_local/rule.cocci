// A macro's parameters are local to its body; other names in it are global (as in
// Coccinelle's later releases and its localmacroparams test: spatch 1.1.1 takes all as global).
@@
local idexpression l;
expression e;
@@
- report(l, e)
+ report_local(l, e)

@@
global idexpression g;
expression e;
@@
- report(g, e)
+ report_global(g, e)
