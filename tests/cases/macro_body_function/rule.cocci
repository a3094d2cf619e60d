@@
expression E;
@@
- OBD_ALLOC_PTR(E);
+ E = kzalloc(sizeof(*E), GFP_NOFS);

@@
expression E;
@@
- OBD_ALLOC_PTR(E)
+ E = kzalloc(sizeof(*E), GFP_NOFS)

@@
expression E;
@@
- OBD_FREE_PTR(E);
+ kfree(E);
