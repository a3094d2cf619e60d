//! `rules/libcfs_hash.cocci` (hash functions renamed) and `rules/libcfs_hash_flags.cocci`
//! (the tables, callbacks and walks no rule can convert, reported).

mod support;

cases!(libcfs_hash; functions);

#[test]
fn tables_flagged() {
    support::check_flags("libcfs_hash_flags", "tables");
}
