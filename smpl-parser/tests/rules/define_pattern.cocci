// `#define` patterns: the header's name and parameters, the code parsed as a body whose
// continuation lines have their own markers.
@@
identifier i, j;
binary operator b;
expression e;
@@

#define i(...,j,...) (<+... \
+( \
j \
+) \
b e ...+>)

@@
identifier m, p;
expression e;
@@
#define m(p) \
- release(p, e)
+ release_one(e, p)

@@
@@
#define MAX_RETRIES \
- 3 \
+ 5 \

@@
identifier m;
@@
#define m(fmt,......) do { \
  log_any(fmt); \
} while (0)

// Removing a whole directive, or one without code, stays a directive token.
@@
@@
- #define LEGACY_FLAG 1

@@
@@
#define MARKER
+#include <marker.h>

@@
position p;
@@
#define LIMIT@p 10
