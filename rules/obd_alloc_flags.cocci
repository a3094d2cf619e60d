// obd_alloc_flags.cocci: the allocation macros obd_alloc.cocci cannot convert, one `*` rule
// per reason. `rcocci convert` reports each match as FILE:LINE: API: reason (the comment above
// the rule); spatch shows the matched lines as removed (context mode).

// flag OBD_FREE_LARGE_ATOMIC: frees memory that may be vmalloc'ed from atomic context; kvfree() may sleep there and vfree_atomic() is not exported to modules, so the free must be deferred (a work item or an RCU callback) by hand
@free_large_atomic@
expression p, size;
@@
* OBD_FREE_LARGE_ATOMIC(p, size);
