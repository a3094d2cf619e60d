@@
type T;
T *p;
@@
- register_hook(p)
+ register_hook_ptr(p)
