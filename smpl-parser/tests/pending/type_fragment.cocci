// A rule whose body is a lone type (rule kind `type`). Needs c-parser to accept a bare type
// as an SMPL_BODY fragment.
@typerule type@
typedef cfs_time_t;
@@
- cfs_time_t
+ unsigned long

