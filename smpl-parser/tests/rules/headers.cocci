// Header forms: preamble lines, dependencies, isomorphisms, quantifiers, rule kinds.
#spatch --include-headers
virtual patch, report
virtual org
using "lustre.iso"

@find_alloc depends on patch && !report@
expression E;
@@
- OBD_ALLOC(E, sizeof(*E));
+ E = kzalloc(sizeof(*E), GFP_NOFS);

@free_rule extends find_alloc depends on (patch || org) && ever find_alloc@
@@
- OBD_FREE(E, sizeof(*E));
+ kfree(E);

@never_rule depends on forall never find_alloc using "a.iso", "b.iso" disable neg_if, not_ptr1 exists@
@@
  ldlm_lock_put(lock);

@depends on file in "lustre/llite"@
identifier fn;
@@
  fn(...);

@idrule forall identifier@
@@
- cfs_time_current
+ jiffies

@exprrule expression@
@@
- cfs_time_seconds(1)
+ HZ
