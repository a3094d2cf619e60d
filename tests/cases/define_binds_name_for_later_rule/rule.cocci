// The name a #define pattern binds is inherited by a later rule (`(c)` matching `24` too,
// through the parentheses isomorphism).
@r@
identifier m;
constant c;
@@
#define m \
 (c)

@@
identifier r.m;
@@
- m
+ r_value()
