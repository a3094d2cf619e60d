// crypto_flags.cocci: the libcfs crypto sites crypto.cocci cannot convert, one `*` rule per
// reason. `rcocci convert` reports each match as FILE:LINE: API: reason (the comment above the
// rule); spatch shows the matched lines as removed (context mode).

// flag CFS_HASH_ALG_ADLER32: the kernel crypto API has no adler32 (libcfs registers its own shash); compute zlib_adler32(1, buf, len) where the checksum is made
@adler32@
@@
* CFS_HASH_ALG_ADLER32

// flag cfs_crypto_hash_init: a request-based hash whose algorithm is chosen at run time; use crypto_alloc_shash(name) and a shash_desc (crypto_shash_init/update/final) by hand
@init@
expression list args;
@@
* cfs_crypto_hash_init(args)

// flag cfs_crypto_hash_digest: a one-shot digest left as it was (keyed, result used, or output not a 32-bit variable); use crypto_shash_tfm_digest() with a tfm from crypto_alloc_shash()
@digest@
expression list args;
@@
* cfs_crypto_hash_digest(args)
