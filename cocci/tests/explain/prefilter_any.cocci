@@
expression E;
@@
(
- vfree(E);
|
- kvfree(E);
)
+ free_large(E);
