// libcfs's hash functions, replaced by the kernel's (linux/hash.h). libcfs defines them as
// aliases (#define cfs_hash_32 hash_32) or, for kernels with a broken hash_64, as copies with
// the same arguments in the same order: (value, bits).
//   cfs_hash_32(v, b)  ->  hash_32(v, b)
//   cfs_hash_64(v, b)  ->  hash_64(v, b)

@hash32@
expression v, b;
@@
- cfs_hash_32(v, b)
+ hash_32(v, b)

@hash64@
expression v, b;
@@
- cfs_hash_64(v, b)
+ hash_64(v, b)
