@@
@@
- cfs_lock();
  ...
  cfs_unlock();
