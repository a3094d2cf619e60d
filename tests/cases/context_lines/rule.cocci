// Two changes far apart give two hunks; close ones share a hunk.
@@
@@
- LASSERT_OLD(
+ LASSERT(
  ...)
