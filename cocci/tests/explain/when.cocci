@@
expression L;
@@
- spin_lock(L);
+ spin_lock_irq(L);
  ... when != msleep(...)
- spin_unlock(L);
+ spin_unlock_irq(L);
