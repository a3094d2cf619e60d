@@
identifier f =~ "foo[";
@@
- f();
