// `when != if (...) S` and `when != I(x, ...) S` forbid the whole statement on the path, not
// only its header; an iterator over another variable does not.
@@
expression x, E;
iterator I;
iterator name list_for_each_entry;
statement S;
@@
ll_lock(x);
... when != if (x == NULL) S
    when != I(x, ...) S
    when != x = E
- ll_unlock(x);
+ ll_unlock_checked(x);
