@@
expression E;
@@
  ll_flush(E);
+ ll_flush_done(E);
