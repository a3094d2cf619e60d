@@
expression E;
@@
- OBD_ALLOC_PTR(E);
+ E = kzalloc(sizeof(*E), GFP_NOFS);
  ...
- OBD_FREE_PTR(E);
+ kfree(E);
