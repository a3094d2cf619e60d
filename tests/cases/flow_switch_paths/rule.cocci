@@
expression L;
@@
- mutex_lock(L);
+ down_write(L);
  ...
- mutex_unlock(L);
+ up_write(L);
