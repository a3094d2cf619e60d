// A spin lock still held when the function returns.
@exists@
expression L;
@@
* spin_lock(L);
  ... when != spin_unlock(L)
* return ...;
