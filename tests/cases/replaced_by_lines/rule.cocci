@@
expression L;
@@
- ll_lock_both(L);
+ spin_lock(&L->lli_lock);
+ mutex_lock(&L->lli_mutex);
