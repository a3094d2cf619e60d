// Replace Lustre's OBD_ALLOC/OBD_FREE wrappers with the kernel's allocator.
@@
expression ptr;
@@
- OBD_ALLOC_PTR(ptr);
+ ptr = kzalloc(sizeof(*ptr), GFP_NOFS);

@@
expression ptr, size;
@@
- OBD_ALLOC(ptr, size);
+ ptr = kzalloc(size, GFP_NOFS);

@@
expression ptr;
@@
- OBD_FREE_PTR(ptr);
+ kfree(ptr);

@@
expression ptr, size;
@@
- OBD_FREE(ptr, size);
+ kfree(ptr);
