@@
expression E, S;
@@
- E = kmem_cache_alloc(S);
