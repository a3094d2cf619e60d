// A spin lock still held when the function returns: some path from the lock reaches a
// return (Lustre's RETURN too) without an unlock. The lock is reported.
@exists@
expression L;
@@
* spin_lock(L);
  ... when != spin_unlock(L)
(
  return ...;
|
  RETURN(...);
|
  RETURN_EXIT;
)
