//! `rules/obd_alloc.cocci`: OBD_*/LIBCFS_*/CFS_* allocation macros replaced by the kernel's
//! allocators.

mod support;

cases!(obd_alloc; basic, variants, libcfs, layout, unchanged;
    pending long_lines = "engine: a replacement expression past 80 columns is not broken \
        after the last argument that fits, as spatch breaks it",
    pending define_body = "engine: a #define body that is an expression is not matched \
        (spatch parses it and rewrites the allocation macro inside)");
