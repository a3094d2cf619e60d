// A statement body, written without the `;` the macro's uses supply, with lines added
// inside it: after `do {` (indented like the body's lines, not like the `#define`), after a
// statement, each with its continuation aligned (spatch 1.1.1 does not parse statements
// inside a `#define` pattern).
@@
identifier m, l;
@@
#define m(l) do { \
+ might_sleep(); \
  lock(l); \
+ trace_lock(l); \
  ... \
} while (0)
