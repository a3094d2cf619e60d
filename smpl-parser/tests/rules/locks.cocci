// Included by include.cocci: finds the lock a function takes.
virtual report

@find_lock@
expression L;
@@
  spin_lock(L);
