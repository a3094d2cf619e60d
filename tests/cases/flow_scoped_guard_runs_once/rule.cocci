// A lock taken twice with no use of the lock between. scoped_guard's block runs once (no
// path goes round it again: journal_write_done is not reported), an iterator's body may
// run again (journal_flush_all is), and scoped_cond_guard's block at most once, with no
// way round it either: the lock taken inside it and again after it (journal_reclaim).
// spatch 1.1.1 gives the journal_flush_all report only: it does not parse the functions
// using the guards.
@r exists@
expression E1;
@@
* spin_lock(E1);
  ... when != E1
* spin_lock(E1);
