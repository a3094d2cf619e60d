@@
expression E;
@@
- OBD_FREE_PTR(E);
+ kfree(E);
