// mutex_lock/mutex_unlock pairs that hold on every path become a guard region.
@@
expression M;
@@
- mutex_lock(M);
+ mutex_lock_nested(M, 0);
  ...
  mutex_unlock(M);
