// A rule file that includes another and inherits from its rule.
#include "locks.cocci"

@unlock depends on find_lock@
expression find_lock.L;
@@
  spin_lock(L);
  ...
- spin_unlock(L);
+ spin_unlock_bh(L);
