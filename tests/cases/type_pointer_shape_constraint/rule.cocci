// Open-ended tables of pointers become plain pointers. `type T = r.T *` asks for a type built
// around r's type: spatch reads it as any pointer type, whatever r bound T to, so a table
// of `char *` (T is `char`) is left alone.
@r@
type T = { struct page * };
identifier p;
@@
 T p;

@@
type T = r.T *;
identifier x;
@@
- T *x[];
+ T *x;
