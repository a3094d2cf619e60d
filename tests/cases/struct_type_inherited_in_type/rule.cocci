// Find the structure that embeds the lock, then take the lock through its helper in code
// that reaches it through a pointer to that structure.
@ holder @
type T;
identifier L;
@@
T {
  ...
  spinlock_t L;
  ...
};

@@
holder.T *obj;
identifier holder.L;
@@
- spin_lock(&obj->L);
+ osc_object_lock(obj);
