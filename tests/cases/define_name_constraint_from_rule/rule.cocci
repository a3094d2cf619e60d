// Macros whose name a register call uses keep their bodies; every other constant macro gets
// its body parenthesised.
@used@
identifier w;
@@
 reg_write(w, ...);

@@
identifier m != used.w;
constant c;
@@
#define m \
- c
+ (c)
