// A line added inside a multi-line body ends with its own continuation (spatch 1.1.1 adds
// the same tokens, glued to the line before).
@@
identifier m, d;
expression e;
@@
#define m(d) \
 do_setup(d, \
+ SETUP_LOCKED, \
 legacy_flag, \
 e)
