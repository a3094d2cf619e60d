@@
expression L;
@@
- mutex_lock(L);
+ mutex_lock_nested(L, 1);
  ...
- mutex_unlock(L);
+ mutex_unlock_nested(L);
