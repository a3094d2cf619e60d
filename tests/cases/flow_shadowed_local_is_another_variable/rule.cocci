@@
expression E;
@@
- mutex_lock(E);
+ mutex_lock_nested(E, 0);
  ...
  mutex_unlock(E);
