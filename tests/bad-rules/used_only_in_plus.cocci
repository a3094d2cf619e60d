@@
expression E, F;
@@
- free(E);
+ free_sized(E, F);
