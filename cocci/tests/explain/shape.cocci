@@
expression L;
@@
- mutex_lock(L);
+ mutex_lock_nested(L, 0);
