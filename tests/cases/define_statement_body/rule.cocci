// A statement body, written without the `;` the macro's uses supply, with a line added
// inside it (spatch 1.1.1 does not parse statements inside a `#define` pattern).
@@
identifier m, l;
@@
#define m(l) do { \
  lock(l); \
+ trace_lock(l); \
  ... \
} while (0)
