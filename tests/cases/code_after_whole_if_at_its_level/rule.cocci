// Code added after a whole `if` goes at the `if`'s level, below its unbraced body, whether
// the pattern writes the `if` or a statement metavariable matched it; a body continued
// over lines does not move it.
@@
expression E;
@@
  if (E->ll_dt_exp)
    obd_disconnect(...);
+ cfs_trace_lock(E);

@@
statement S;
@@
  ll_sbi_lock();
  S
+ ll_sbi_unlock();
