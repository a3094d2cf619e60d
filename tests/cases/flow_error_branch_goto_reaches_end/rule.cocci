@@
expression M;
@@
- mutex_lock(M);
+ mutex_lock_nested(M, 0);
  ...
  mutex_unlock(M);
