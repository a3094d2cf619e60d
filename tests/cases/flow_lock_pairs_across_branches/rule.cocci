@@
expression L;
@@
- spin_lock(L);
+ mutex_lock(L);
  ...
- spin_unlock(L);
+ mutex_unlock(L);
