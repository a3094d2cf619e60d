// A rule whose body is a lone type (rule kind `type`).
@typerule type@
typedef cfs_time_t;
@@
- cfs_time_t
+ unsigned long

