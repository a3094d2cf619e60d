// Comments around a macro's code are not part of the body a #define pattern must cover.
@@
identifier m, p;
@@
#define m(p) \
- foo(p)
+ bar(p)
