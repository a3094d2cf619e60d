@@
statement S;
expression E;
@@
- do_wrap(E);
- S
+ if (E) {
+ S
+ }
