// crypto.cocci: libcfs's crypto wrappers (lnet_crypto.h) where the kernel has the answer.
//
//   cfs_crypto_hash_digest(CFS_HASH_ALG_ADLER32, buf, len, NULL, 0, (T *)&v, size);
//                       ->  v = zlib_adler32(1, buf, len);
//     adler32 is no kernel crypto API algorithm: libcfs registers its own shash ("adler32",
//     seed 1, the checksum stored CPU-endian), so a one-shot digest into a 32-bit variable is
//     zlib_adler32 with seed 1. Only the statement form (result not used) with an unkeyed
//     digest is converted; `size` keeps its value (the digest set it to 4).
//   cfs_crypto_hash_name(CFS_HASH_ALG_X)        ->  the kernel algorithm name ("sha256", ...)
//   cfs_crypto_hash_digestsize(CFS_HASH_ALG_X)  ->  MD5_DIGEST_SIZE, SHA1_DIGEST_SIZE,
//                                                   SHA256/384/512_DIGEST_SIZE; 4 for the
//                                                   32-bit checksums (crc32, crc32c, adler32)
//
// The request-based wrappers (cfs_crypto_hash_init/update/update_page/final) choose the
// algorithm at run time and hide an ahash_request; they are flagged by crypto_flags.cocci,
// with every other adler32 use.

@adler32_digest_cast@
expression buf, len, v, size;
type T;
@@
- cfs_crypto_hash_digest(CFS_HASH_ALG_ADLER32, buf, len, NULL, 0, (T *)&v, size);
+ v = zlib_adler32(1, buf, len);

@adler32_digest@
expression buf, len, v, size;
@@
- cfs_crypto_hash_digest(CFS_HASH_ALG_ADLER32, buf, len, NULL, 0, &v, size);
+ v = zlib_adler32(1, buf, len);

@name_null@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_NULL)
+ "null"

@name_adler32@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_ADLER32)
+ "adler32"

@name_crc32@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_CRC32)
+ "crc32"

@name_crc32c@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_CRC32C)
+ "crc32c"

@name_md5@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_MD5)
+ "md5"

@name_sha1@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_SHA1)
+ "sha1"

@name_sha256@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_SHA256)
+ "sha256"

@name_sha384@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_SHA384)
+ "sha384"

@name_sha512@
@@
- cfs_crypto_hash_name(CFS_HASH_ALG_SHA512)
+ "sha512"

@size_adler32@
@@
- cfs_crypto_hash_digestsize(CFS_HASH_ALG_ADLER32)
+ 4

@size_crc32@
@@
- cfs_crypto_hash_digestsize(CFS_HASH_ALG_CRC32)
+ 4

@size_crc32c@
@@
- cfs_crypto_hash_digestsize(CFS_HASH_ALG_CRC32C)
+ 4

@size_md5@
@@
- cfs_crypto_hash_digestsize(CFS_HASH_ALG_MD5)
+ MD5_DIGEST_SIZE

@size_sha1@
@@
- cfs_crypto_hash_digestsize(CFS_HASH_ALG_SHA1)
+ SHA1_DIGEST_SIZE

@size_sha256@
@@
- cfs_crypto_hash_digestsize(CFS_HASH_ALG_SHA256)
+ SHA256_DIGEST_SIZE

@size_sha384@
@@
- cfs_crypto_hash_digestsize(CFS_HASH_ALG_SHA384)
+ SHA384_DIGEST_SIZE

@size_sha512@
@@
- cfs_crypto_hash_digestsize(CFS_HASH_ALG_SHA512)
+ SHA512_DIGEST_SIZE
