@@
identifier fld;
@@
- cfs_hash_putref(fld);
+ cfs_hash_put(fld);
