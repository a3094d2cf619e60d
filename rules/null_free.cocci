// A NULL check before a free that accepts NULL is removed:
//   if (p) OBD_FREE(p, size);   ->   OBD_FREE(p, size);
// for OBD_FREE, OBD_FREE_LARGE, LIBCFS_FREE, OBD_FREE_PTR, CFS_FREE_PTR, OBD_SLAB_FREE_PTR,
// kfree, kvfree and kmem_cache_free, and likewise `if (p != NULL)`.
//
// The check stays when the size could read through p (OBD_FREE(p, p->len)): LIBCFS_FREE
// evaluates its size before testing the pointer, so dropping the check would dereference
// NULL. Only sizes that cannot read memory are accepted: sizeof, a constant, an identifier,
// and a constant or identifier times a sizeof. Each shape is its own rule (a disjunction of
// statements that all start with `- if (p)` makes spatch stop with "already tagged token").
//
// Valid only where the free macros accept NULL: Lustre master's OBD_FREE does; Lustre 2.14's
// OBD_FREE starts with LASSERT(ptr) and does not. The kernel functions always do.

@obd_free_sizeof_type@
expression p;
type T;
@@
- if (\(p \| p != NULL\))
- OBD_FREE(p, sizeof(T));
+ OBD_FREE(p, sizeof(T));

@obd_free_sizeof_expr disable paren@
expression p;
expression e;
@@
- if (\(p \| p != NULL\))
- OBD_FREE(p, sizeof(e));
+ OBD_FREE(p, sizeof(e));

@obd_free_c@
expression p;
constant c;
@@
- if (\(p \| p != NULL\))
- OBD_FREE(p, c);
+ OBD_FREE(p, c);

@obd_free_i@
expression p;
identifier i;
@@
- if (\(p \| p != NULL\))
- OBD_FREE(p, i);
+ OBD_FREE(p, i);

@obd_free_i_times_sizeof_type@
expression p;
identifier i;
type T;
@@
- if (\(p \| p != NULL\))
- OBD_FREE(p, i * sizeof(T));
+ OBD_FREE(p, i * sizeof(T));

@obd_free_i_times_sizeof_expr disable paren@
expression p;
identifier i;
expression e;
@@
- if (\(p \| p != NULL\))
- OBD_FREE(p, i * sizeof(e));
+ OBD_FREE(p, i * sizeof(e));

@obd_free_c_times_sizeof_type@
expression p;
constant c;
type T;
@@
- if (\(p \| p != NULL\))
- OBD_FREE(p, c * sizeof(T));
+ OBD_FREE(p, c * sizeof(T));

@obd_free_c_times_sizeof_expr disable paren@
expression p;
constant c;
expression e;
@@
- if (\(p \| p != NULL\))
- OBD_FREE(p, c * sizeof(e));
+ OBD_FREE(p, c * sizeof(e));

@obd_free_large_sizeof_type@
expression p;
type T;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_LARGE(p, sizeof(T));
+ OBD_FREE_LARGE(p, sizeof(T));

@obd_free_large_sizeof_expr disable paren@
expression p;
expression e;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_LARGE(p, sizeof(e));
+ OBD_FREE_LARGE(p, sizeof(e));

@obd_free_large_c@
expression p;
constant c;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_LARGE(p, c);
+ OBD_FREE_LARGE(p, c);

@obd_free_large_i@
expression p;
identifier i;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_LARGE(p, i);
+ OBD_FREE_LARGE(p, i);

@obd_free_large_i_times_sizeof_type@
expression p;
identifier i;
type T;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_LARGE(p, i * sizeof(T));
+ OBD_FREE_LARGE(p, i * sizeof(T));

@obd_free_large_i_times_sizeof_expr disable paren@
expression p;
identifier i;
expression e;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_LARGE(p, i * sizeof(e));
+ OBD_FREE_LARGE(p, i * sizeof(e));

@obd_free_large_c_times_sizeof_type@
expression p;
constant c;
type T;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_LARGE(p, c * sizeof(T));
+ OBD_FREE_LARGE(p, c * sizeof(T));

@obd_free_large_c_times_sizeof_expr disable paren@
expression p;
constant c;
expression e;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_LARGE(p, c * sizeof(e));
+ OBD_FREE_LARGE(p, c * sizeof(e));

@libcfs_free_sizeof_type@
expression p;
type T;
@@
- if (\(p \| p != NULL\))
- LIBCFS_FREE(p, sizeof(T));
+ LIBCFS_FREE(p, sizeof(T));

@libcfs_free_sizeof_expr disable paren@
expression p;
expression e;
@@
- if (\(p \| p != NULL\))
- LIBCFS_FREE(p, sizeof(e));
+ LIBCFS_FREE(p, sizeof(e));

@libcfs_free_c@
expression p;
constant c;
@@
- if (\(p \| p != NULL\))
- LIBCFS_FREE(p, c);
+ LIBCFS_FREE(p, c);

@libcfs_free_i@
expression p;
identifier i;
@@
- if (\(p \| p != NULL\))
- LIBCFS_FREE(p, i);
+ LIBCFS_FREE(p, i);

@libcfs_free_i_times_sizeof_type@
expression p;
identifier i;
type T;
@@
- if (\(p \| p != NULL\))
- LIBCFS_FREE(p, i * sizeof(T));
+ LIBCFS_FREE(p, i * sizeof(T));

@libcfs_free_i_times_sizeof_expr disable paren@
expression p;
identifier i;
expression e;
@@
- if (\(p \| p != NULL\))
- LIBCFS_FREE(p, i * sizeof(e));
+ LIBCFS_FREE(p, i * sizeof(e));

@libcfs_free_c_times_sizeof_type@
expression p;
constant c;
type T;
@@
- if (\(p \| p != NULL\))
- LIBCFS_FREE(p, c * sizeof(T));
+ LIBCFS_FREE(p, c * sizeof(T));

@libcfs_free_c_times_sizeof_expr disable paren@
expression p;
constant c;
expression e;
@@
- if (\(p \| p != NULL\))
- LIBCFS_FREE(p, c * sizeof(e));
+ LIBCFS_FREE(p, c * sizeof(e));

@obd_free_ptr@
expression p;
@@
- if (\(p \| p != NULL\))
- OBD_FREE_PTR(p);
+ OBD_FREE_PTR(p);

@cfs_free_ptr@
expression p;
@@
- if (\(p \| p != NULL\))
- CFS_FREE_PTR(p);
+ CFS_FREE_PTR(p);

@obd_slab_free_ptr@
expression p;
expression slab;
@@
- if (\(p \| p != NULL\))
- OBD_SLAB_FREE_PTR(p, slab);
+ OBD_SLAB_FREE_PTR(p, slab);

@kfree@
expression p;
@@
- if (\(p \| p != NULL\))
- kfree(p);
+ kfree(p);

@kvfree@
expression p;
@@
- if (\(p \| p != NULL\))
- kvfree(p);
+ kvfree(p);

@kmem_cache_free@
expression p;
expression slab;
@@
- if (\(p \| p != NULL\))
- kmem_cache_free(slab, p);
+ kmem_cache_free(slab, p);
