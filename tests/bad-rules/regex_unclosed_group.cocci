@@
identifier f =~ "((((";
@@
- f();
