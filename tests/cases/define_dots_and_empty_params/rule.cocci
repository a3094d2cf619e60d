// `()` matches an empty parameter list only; `...` any list, the empty one too; a literal
// name matches itself.
@@
identifier m;
expression e;
@@
#define m() (e + \
- 4 \
+ 5 \
 )

@@
identifier m;
expression e;
@@
#define m(...) (e + \
- 6 \
+ 7 \
 )

@@
identifier m;
expression e;
@@
#define m(fmt,...) \
- log_any(fmt, e)
+ log_info(fmt, e)
