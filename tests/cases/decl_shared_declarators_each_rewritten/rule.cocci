// Each declarator of a shared declaration gets an initializer; the checks and the cleanup
// added for each are written in the order of the declarators' names.
@@
identifier fn, s;
statement S;
@@
fn(...) {
  ...
  struct lprocfs_counter
- s
+ s = LPROCFS_COUNTER_INIT(0)
  ;
  ...
++if (lprocfs_counter_busy(&s))
++	return -EBUSY;
  S
  ...
++lprocfs_counter_fini(&s);
  return ...;
}
