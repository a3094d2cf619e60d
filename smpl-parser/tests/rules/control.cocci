// Dots, when clauses, nests, optional lines.
@r exists@
expression E;
statement S;
identifier fn;
@@
  spin_lock(E);
  ... when != spin_unlock(E)
      when any
- return;
+ goto out_unlock;

@@
expression E, lock;
@@
  mutex_lock(lock);
  <... when != mutex_unlock(lock)
- E = kmalloc(sizeof(*E), GFP_KERNEL);
+ E = kmalloc(sizeof(*E), GFP_NOFS);
  ...>
  mutex_unlock(lock);

@@
expression E;
@@
  <+...
- ll_invalidate(E)
+ ll_invalidate_page(E)
  ...+>

@@
expression E;
statement S;
@@
  E = kmalloc(...);
? if (E == NULL) S
  ... when strict
      when forall
- kfree(E);
