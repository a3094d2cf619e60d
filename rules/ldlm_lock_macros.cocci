// LDLM's lock reference macros, replaced by the functions they call (lustre_dlm.h):
//   LDLM_LOCK_PUT(l) / LDLM_LOCK_RELEASE(l)  ->  ldlm_lock_put(l)
//   LDLM_LOCK_GET(l)                         ->  ldlm_lock_get(l)
// LDLM_LOCK_PUT also drops the lock's lu_ref debugging reference (LDLM_LOCK_REF_DEL), which
// goes with it. LDLM_LOCK_GET is a statement expression whose value is the lock;
// ldlm_lock_get() returns its argument, so uses of the value keep working.

@lock_put@
expression l;
@@
- LDLM_LOCK_PUT(l)
+ ldlm_lock_put(l)

@lock_release@
expression l;
@@
- LDLM_LOCK_RELEASE(l)
+ ldlm_lock_put(l)

@lock_get@
expression l;
@@
- LDLM_LOCK_GET(l)
+ ldlm_lock_get(l)
