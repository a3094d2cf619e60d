// An object-like header matches object-like macros only.
@@
identifier m;
expression e;
@@
#define m (e + \
- 4 \
+ 5 \
 )
