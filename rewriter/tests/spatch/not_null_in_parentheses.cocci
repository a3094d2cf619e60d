@@
expression E;
@@
- E == NULL
+ !E
