@@
identifier fn;
@@

(
- fn
+ fn_locked
  (..., GFP_KERNEL, ...);
  ...
  spin_unlock(...);
&
  fn(...);
  ...
- spin_unlock(...);
+ spin_unlock_irq(&lock);
)
