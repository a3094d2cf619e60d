// Lustre's allocation macros, replaced by the kernel's allocators. The macros are statements
// that assign the pointer; every Lustre allocator zeroes the memory, so the k*zalloc family
// is used. The sizes and flags follow the definitions in obd_support.h and libcfs_private.h:
//   OBD_ALLOC* and OBD_CPT_ALLOC*: kmalloc (+ __GFP_ZERO), GFP_NOFS unless _GFP/_WAIT say so
//   OBD_ALLOC_LARGE: kmalloc, falling back to vmalloc   -> kvzalloc / kvfree
//   OBD_SLAB_*: kmem_cache_zalloc / kmem_cache_free
//   LIBCFS_ALLOC(p, n): kzalloc up to 2 pages, vzalloc above -> kvzalloc / kvfree, except for
//   the size sizeof(*p) of one object, which is kzalloc'ed / kfree'd as CFS_ALLOC_PTR is;
//   LIBCFS_ALLOC_GFP(p, n, gfp) likewise with its flags (GFP_ATOMIC: kzalloc, never vmalloc)
//   OBD_CPT_ALLOC_LARGE: kmalloc on the partition's node, vmalloc if that fails -> kvzalloc_node
// The free macros accept NULL, as kfree, kvfree and kmem_cache_free do; they also set the
// pointer to a poison value afterwards, which the kernel functions do not.

// One rule per macro rather than one disjunction per family: rcocci does not match a rule
// body that is a disjunction of bare expressions yet (see README, engine limits); separate
// rules give the same result under spatch. A specific shape comes before the general one
// (LIBCFS_ALLOC(p, sizeof(*p)) before LIBCFS_ALLOC(p, n)); once rewritten it is not seen again.
@obd_alloc_ptr@
expression p;
@@
- OBD_ALLOC_PTR(p)
+ p = kzalloc(sizeof(*p), GFP_NOFS)

@obd_alloc_ptr_wait@
expression p;
@@
- OBD_ALLOC_PTR_WAIT(p)
+ p = kzalloc(sizeof(*p), GFP_KERNEL)

@obd_alloc_ptr_array@
expression p, n;
@@
- OBD_ALLOC_PTR_ARRAY(p, n)
+ p = kcalloc(n, sizeof(*p), GFP_NOFS)

@obd_alloc_ptr_array_wait@
expression p, n;
@@
- OBD_ALLOC_PTR_ARRAY_WAIT(p, n)
+ p = kcalloc(n, sizeof(*p), GFP_KERNEL)

@obd_alloc_ptr_array_large@
expression p, n;
@@
- OBD_ALLOC_PTR_ARRAY_LARGE(p, n)
+ p = kvcalloc(n, sizeof(*p), GFP_NOFS)

@obd_alloc_large@
expression p, n;
@@
- OBD_ALLOC_LARGE(p, n)
+ p = kvzalloc(n, GFP_NOFS)

@obd_alloc_gfp@
expression p, n, gfp;
@@
- OBD_ALLOC_GFP(p, n, gfp)
+ p = kzalloc(n, gfp)

@obd_alloc_wait@
expression p, n;
@@
- OBD_ALLOC_WAIT(p, n)
+ p = kzalloc(n, GFP_KERNEL)

@obd_alloc@
expression p, n;
@@
- OBD_ALLOC(p, n)
+ p = kzalloc(n, GFP_NOFS)

@obd_cpt_alloc_ptr@
expression p, tab, cpt;
@@
- OBD_CPT_ALLOC_PTR(p, tab, cpt)
+ p = kzalloc_node(sizeof(*p), GFP_NOFS, cfs_cpt_spread_node(tab, cpt))

@obd_cpt_alloc_gfp@
expression p, n, gfp, tab, cpt;
@@
- OBD_CPT_ALLOC_GFP(p, tab, cpt, n, gfp)
+ p = kzalloc_node(n, gfp, cfs_cpt_spread_node(tab, cpt))

@obd_cpt_alloc_large@
expression p, n, tab, cpt;
@@
- OBD_CPT_ALLOC_LARGE(p, tab, cpt, n)
+ p = kvzalloc_node(n, GFP_NOFS, cfs_cpt_spread_node(tab, cpt))

@obd_cpt_alloc@
expression p, n, tab, cpt;
@@
- OBD_CPT_ALLOC(p, tab, cpt, n)
+ p = kzalloc_node(n, GFP_NOFS, cfs_cpt_spread_node(tab, cpt))

@obd_slab_alloc_ptr_gfp@
expression p, gfp, slab;
@@
- OBD_SLAB_ALLOC_PTR_GFP(p, slab, gfp)
+ p = kmem_cache_zalloc(slab, gfp)

@obd_slab_alloc_ptr@
expression p, slab;
@@
- OBD_SLAB_ALLOC_PTR(p, slab)
+ p = kmem_cache_zalloc(slab, GFP_NOFS)

@obd_slab_alloc_gfp@
expression p, gfp, slab, size;
@@
- OBD_SLAB_ALLOC_GFP(p, slab, size, gfp)
+ p = kmem_cache_zalloc(slab, gfp)

@obd_slab_alloc@
expression p, slab, size;
@@
- OBD_SLAB_ALLOC(p, slab, size)
+ p = kmem_cache_zalloc(slab, GFP_NOFS)

@obd_free_ptr@
expression p;
@@
- OBD_FREE_PTR(p)
+ kfree(p)

@obd_free_ptr_array@
expression p, n;
@@
- OBD_FREE_PTR_ARRAY(p, n)
+ kfree(p)

@obd_free_ptr_array_large@
expression p, n;
@@
- OBD_FREE_PTR_ARRAY_LARGE(p, n)
+ kvfree(p)

@obd_free_large@
expression p, size;
@@
- OBD_FREE_LARGE(p, size)
+ kvfree(p)

@obd_free@
expression p, size;
@@
- OBD_FREE(p, size)
+ kfree(p)

@obd_slab_free_ptr@
expression p, slab;
@@
- OBD_SLAB_FREE_PTR(p, slab)
+ kmem_cache_free(slab, p)

@obd_slab_free@
expression p, slab, size;
@@
- OBD_SLAB_FREE(p, slab, size)
+ kmem_cache_free(slab, p)

@cfs_alloc_ptr@
expression p;
@@
- CFS_ALLOC_PTR(p)
+ p = kzalloc(sizeof(*p), GFP_NOFS)

@libcfs_alloc_one_object@
expression p;
@@
- LIBCFS_ALLOC(p, sizeof(*p))
+ p = kzalloc(sizeof(*p), GFP_NOFS)

@cfs_alloc_ptr_array@
expression p, n;
@@
- CFS_ALLOC_PTR_ARRAY(p, n)
+ p = kvcalloc(n, sizeof(*p), GFP_NOFS)

@libcfs_alloc@
expression p, n;
@@
- LIBCFS_ALLOC(p, n)
+ p = kvzalloc(n, GFP_NOFS)

@libcfs_alloc_gfp_one_object@
expression p, gfp;
@@
- LIBCFS_ALLOC_GFP(p, sizeof(*p), gfp)
+ p = kzalloc(sizeof(*p), gfp)

@libcfs_alloc_gfp_atomic@
expression p, n;
@@
- LIBCFS_ALLOC_GFP(p, n, GFP_ATOMIC)
+ p = kzalloc(n, GFP_ATOMIC)

@libcfs_alloc_gfp@
expression p, n, gfp;
@@
- LIBCFS_ALLOC_GFP(p, n, gfp)
+ p = kvzalloc(n, gfp)

@libcfs_alloc_atomic@
expression p, n;
@@
- LIBCFS_ALLOC_ATOMIC(p, n)
+ p = kzalloc(n, GFP_ATOMIC)

@libcfs_cpt_alloc@
expression p, n, tab, cpt;
@@
- LIBCFS_CPT_ALLOC(p, tab, cpt, n)
+ p = kvzalloc_node(n, GFP_NOFS, cfs_cpt_spread_node(tab, cpt))

@cfs_free_ptr@
expression p;
@@
- CFS_FREE_PTR(p)
+ kfree(p)

@libcfs_free_one_object@
expression p;
@@
- LIBCFS_FREE(p, sizeof(*p))
+ kfree(p)

@cfs_free_ptr_array@
expression p, n;
@@
- CFS_FREE_PTR_ARRAY(p, n)
+ kvfree(p)

@libcfs_free@
expression p, n;
@@
- LIBCFS_FREE(p, n)
+ kvfree(p)

// The memory-accounting hooks of code that allocates by other means (a slab, RCU): the
// accounting goes with the macros (OBD_ALLOC_POST, OBD_FREE_PRE, LIBCFS_ALLOC_PRE/POST,
// LIBCFS_FREE_PRE are statements that only count and log).
@obd_alloc_post@
expression p, n, name;
@@
- OBD_ALLOC_POST(p, n, name);

@obd_free_pre@
expression p, n, name;
@@
- OBD_FREE_PRE(p, n, name);

@libcfs_alloc_pre@
expression n, gfp;
@@
- LIBCFS_ALLOC_PRE(n, gfp);

@libcfs_alloc_post@
expression p, n, name;
@@
- LIBCFS_ALLOC_POST(p, n, name);

@libcfs_free_pre@
expression p, n, name;
@@
- LIBCFS_FREE_PRE(p, n, name);

// OBD_FREE_RCU(p, size, field): kfree_rcu after the accounting (kfree_rcu accepts NULL).
@obd_free_rcu@
expression p, n;
identifier fld;
@@
- OBD_FREE_RCU(p, n, fld)
+ kfree_rcu(p, fld)

// OBD_FREE_STR(s): frees strlen(s) + 1 bytes of a string (NULL accepted).
@obd_free_str@
expression s;
@@
- OBD_FREE_STR(s)
+ kfree(s)

// OBD_STRNDUP(s, orig, len): a zeroed len + 1 bytes, all of them copied from orig.
@obd_strndup@
expression s, orig, len;
@@
- OBD_STRNDUP(s, orig, len)
+ s = kmemdup(orig, len + 1, GFP_NOFS)
