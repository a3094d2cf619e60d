// Allocation helpers take the caller's gfp flags as their last parameter.
@@
identifier fn =~ "^ll_alloc_";
@@
fn(...
+ , gfp_t gfp
  ) { ... }
