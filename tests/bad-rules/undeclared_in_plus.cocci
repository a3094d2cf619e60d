@@
expression ptr;
@@
- vfree(ptr);
+ kvfree(P);
