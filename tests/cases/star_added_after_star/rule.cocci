// A pointer level added to declarations that already have one: the new `*` goes
// against the existing one (`char **name`), as spatch writes it.
@@
identifier fn, name;
@@
fn(...,
   char *
+  *
   name, ...)
{
...
}
