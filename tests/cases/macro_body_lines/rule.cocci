@@
expression ptr, size;
@@
- OBD_ALLOC_LARGE(ptr, size);
+ ptr = kvzalloc(size, GFP_NOFS);

@@
expression ptr, size;
@@
- OBD_FREE_LARGE(ptr, size);
+ kvfree(ptr);

@@
expression ptr, pool, cpt, size;
@@
- POOL_BUF_ALLOC(ptr, pool, cpt, size);
+ ptr = pool_buf_alloc(pool, size,
+                      cfs_cpt_spread_node(pool->pl_cptab, cpt));
