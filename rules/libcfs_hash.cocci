// libcfs_hash.cocci: libcfs's hashing (lustre/obdclass/hash.c, libcfs/libcfs/hash.c).
//
// The hash functions with a kernel twin taking the same arguments are renamed:
//   cfs_hash_32(v, bits)           ->  hash_32(v, bits)
//   cfs_hash_64(v, bits)           ->  hash_64(v, bits)
//   cfs_hashlen_string(salt, s)    ->  hashlen_string(salt, s)
//   ll_full_name_hash(salt, s, n)  ->  full_name_hash(salt, s, n)
//
// The hash tables (cfs_hash_create, cfs_hash_add, cfs_hash_lookup, cfs_hash_del,
// cfs_hash_for_each*) are not converted: an rhashtable needs a struct rhash_head in the hashed
// object and an rhashtable_params naming the key, which a rule cannot add, and cfs_hash's
// callbacks (hs_get/hs_put reference counting, hs_exit on removal, walks under the bucket
// locks) have no counterpart in rhashtable. Every table and every walk is flagged with the
// reason by libcfs_hash_flags.cocci (`rcocci convert` reports them as FILE:LINE: API: reason;
// spatch refuses `*` rules in a file with `-`/`+` rules, hence the second file).

@hash_32@
expression v, bits;
@@
- cfs_hash_32(v, bits)
+ hash_32(v, bits)

@hash_64@
expression v, bits;
@@
- cfs_hash_64(v, bits)
+ hash_64(v, bits)

@hashlen_string@
expression salt, s;
@@
- cfs_hashlen_string(salt, s)
+ hashlen_string(salt, s)

@full_name_hash@
expression salt, s, n;
@@
- ll_full_name_hash(salt, s, n)
+ full_name_hash(salt, s, n)
