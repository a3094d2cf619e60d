//! `rules/obd_alloc.cocci`: OBD_*/LIBCFS_*/CFS_* allocation macros replaced by the kernel's
//! allocators.

mod support;

cases!(obd_alloc; basic, variants, libcfs, libcfs_gfp, accounting, layout, unchanged, long_lines, define_body);

#[test]
fn atomic_large_free_flagged() {
    support::check_flags("obd_alloc_flags", "atomic_free");
}
