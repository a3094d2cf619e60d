// The parameter the header names is the one the body uses; the body pattern must be the
// whole body, and code outside `#define`s is not matched.
@@
identifier m, p;
expression e;
@@
#define m(p) \
- foo(p, e)
+ bar(e, p)
