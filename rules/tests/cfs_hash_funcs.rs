//! `rules/cfs_hash_funcs.cocci`: `cfs_hash_32`/`cfs_hash_64` → `hash_32`/`hash_64`.

mod support;

cases!(cfs_hash_funcs; basic);
