// Only functions that end by returning a *_locked() call take the lock.
@@
identifier fn;
identifier helper =~ "_locked$";
@@
fn(...) {
+ spin_lock(&lli->lli_lock);
  ...
  return helper(...);
}
