@ holder @
type T;
identifier lock;
@@

T { ...
    struct mutex lock;
    ...
  };

@@
type holder.T;
identifier holder.lock;
T *p;
@@

- mutex_lock(&p->lock)
+ ctx_lock(p)
