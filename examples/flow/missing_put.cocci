// A reference that an error return leaks: some path from class_export_get() to a
// `return -ERR` that neither drops it with class_export_put() nor hands the export on
// (passed to another call, stored). The reference is reported.
@exists@
expression E, E2, E3;
identifier f;
@@
* class_export_get(E);
  ... when != f(..., E, ...)
      when != E3 = E
      when != E = E3
(
  return -E2;
|
  RETURN(-E2);
)
