// libcfs_hash_flags.cocci: the hash-table sites libcfs_hash.cocci cannot convert, one `*`
// rule per reason. `rcocci convert` reports each match as FILE:LINE: API: reason (the comment
// above the rule); spatch shows the matched lines as removed (context mode).

// flag cfs_hash_create: a libcfs hash table; rhashtable needs a struct rhash_head in the object and rhashtable_params for its key, added by hand
@table@
expression list args;
@@
* cfs_hash_create(args)

// flag cfs_hash_ops: the table counts references through hs_get/hs_put; rhashtable keeps none, the objects need their own kref around lookups
@refcount@
identifier ops, get;
@@
  struct cfs_hash_ops ops = {
* .hs_get = get,
  };

// flag cfs_hash_ops: hs_exit runs on each object when the table is freed; rhashtable_free_and_destroy() takes that callback instead
@exit_callback@
identifier ops, fn;
@@
  struct cfs_hash_ops ops = {
* .hs_exit = fn,
  };

// flag cfs_hash_for_each: a walk with a callback under the bucket locks; an rhashtable walk (rhashtable_walk_next) can return -EAGAIN on a resize and must restart
@walk@
identifier each =~ "^cfs_hash_for_each";
expression list args;
@@
* each(args)

// flag cfs_hash_djb2_hash: no kernel function computes the same value; full_name_hash() does for a table that stays in memory
@djb2@
expression list args;
@@
* cfs_hash_djb2_hash(args)
