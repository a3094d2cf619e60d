// A lock around every refresh, also under an unbraced `if`.
@@
expression E;
@@
+ spin_lock(&E->lli_lock);
  ll_refresh(E);
+ spin_unlock(&E->lli_lock);
