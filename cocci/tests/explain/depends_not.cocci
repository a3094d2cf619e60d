@has_free@
expression E;
@@
  kfree(E);

@depends on !has_free@
expression E, S, F;
@@
- E = kmalloc(S, F);
+ E = kzalloc(S, F);
