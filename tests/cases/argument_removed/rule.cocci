@@
expression A, B, C;
@@
- ll_setup(A, B, C)
+ ll_setup(A, C)
