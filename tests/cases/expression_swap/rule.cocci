@@
expression E;
@@
- cfs_time_seconds(E)
+ E * HZ
