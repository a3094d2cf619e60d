@@
expression L;
@@
 spin_lock(L);
- jiffies
+ ktime_get()

@@
expression L;
statement S;
@@
 mutex_lock(L);
 \( S \&
- cfs_time_current()
+ ktime_get_real_seconds()
 \)
