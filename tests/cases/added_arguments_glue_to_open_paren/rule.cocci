// ll_get_fsname() now takes the super block and a buffer: callers that passed nothing.
@@
@@
  ll_get_fsname(
+ sb, NULL, 0
  )
