virtual patch
@depends on patch && pacth@
expression E;
@@
- kfree(E);
