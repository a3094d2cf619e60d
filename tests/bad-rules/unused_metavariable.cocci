@@
expression E;
identifier f;
@@
- kfree(E);
+ kvfree(E);
