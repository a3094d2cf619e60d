// A line of a multi-line body removed, with its continuation.
@@
identifier m, d;
expression e;
@@
#define m(d) \
 do_setup(d, \
- legacy_flag, \
 e)
