@uses_old@
@@
- cfs_time_current();
+ jiffies;

@depends on uses_old@
@@
- cfs_time_seconds(1)
+ HZ
