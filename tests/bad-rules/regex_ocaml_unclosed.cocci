#spatch --ocaml-regexps
@@
identifier f =~ "^\(kmalloc\|kzalloc";
@@
- f();
