// A statement macro written without its `;` is still the statement the pattern
// names (spatch agrees); code added after it goes after the macro.
@@
expression E;
@@
- CFS_FREE_PTR(E);
+ kfree(E);

@@
expression E;
@@
  LST_NODE_UNLINK(E);
+ E = NULL;
