// standard.iso's ptr_to_array: `E->fld` also matches a field of an array element,
// `E[i].fld`, with E the array (the index is bound to nothing and goes with the arrow).
@@
expression E;
@@
- E->refcount
+ ref_read(E)
