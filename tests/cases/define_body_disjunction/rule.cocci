// A disjunction in a #define pattern's code, its column-0 tokens on continuation lines.
@@
identifier m, p;
@@
#define m(p) \
( \
- foo(p) \
+ bar(p) \
| \
- baz(p) \
+ qux(p) \
)
