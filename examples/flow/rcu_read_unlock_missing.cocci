// An RCU read section left without rcu_read_unlock() on a return (Lustre's RETURN too).
// The rcu_read_lock() is reported.
@exists@
@@
* rcu_read_lock();
  ... when != rcu_read_unlock()
(
  return ...;
|
  RETURN(...);
|
  RETURN_EXIT;
)
