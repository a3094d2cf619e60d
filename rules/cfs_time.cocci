// libcfs's seconds-to-jiffies helper, replaced by the arithmetic it stands for:
//   cfs_time_seconds(1)  ->  HZ
//   cfs_time_seconds(e)  ->  e * HZ     ((a + b) * HZ where e needs parentheses)
// libcfs defines cfs_time_seconds(s) as ((s) * HZ) (an inline in older trees): same value,
// same type promotion.

@one_second@
@@
- cfs_time_seconds(1)
+ HZ

@seconds@
expression e;
@@
- cfs_time_seconds(e)
+ e * HZ
