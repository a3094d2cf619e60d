@finds@
expression E;
@@
  ldlm_lock_put(E);

@@
expression finds.E;
@@
- LDLM_LOCK_RELEASE(E);
+ ldlm_lock_release(E);
