// Every kind of fragment: function definitions and headers, fields, declarations, includes.
@@
identifier fn, arg;
type T;
@@
- static T fn(struct inode *arg)
+ static inline T fn(struct inode *arg)
  {
  ...
  }

@@
identifier s, fld;
@@
  struct s {
  ...
- int fld;
+ u32 fld;
  ...
  };

@@
@@
- #include <linux/smp_lock.h>
+ #include <linux/mutex.h>

@@
declarer name DEFINE_SPINLOCK;
identifier lock;
@@
- static spinlock_t lock = SPIN_LOCK_UNLOCKED;
+ static DEFINE_SPINLOCK(lock);

@@
parameter list PL;
identifier fn;
@@
  fn(PL, ......)
  { ... }

@@
expression E;
@@
- E->i_sb
+ inode_sb(E)
