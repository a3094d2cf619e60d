// Constant strings may live in rodata: free them with kfree_const.
@@
type T;
const T *p;
@@
- kfree(p);
+ kfree_const(p);
