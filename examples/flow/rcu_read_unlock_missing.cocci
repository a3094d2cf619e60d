// An RCU read section left without rcu_read_unlock() on an early return.
@exists@
@@
* rcu_read_lock();
  ... when != rcu_read_unlock()
* return ...;
